"""What generated groups write about themselves, and their search tokens.

Sentences come from the demo registry (``groups/data/demo_registry.csv``), the matching's
labelled set (``tests/coordination/data/matching_eval.json``: groups in their own words) and
phrases of each activity field put into everyday sentences; they are recombined into texts.

Tokenising is the slow part of making a group (SudachiPy, about a millisecond a text), so a
text is tokenised once and then reused: a :class:`Pool` keeps, per activity field and
district, the texts made so far with their tokens, and writes a new one only now and then.
``index_tokens`` takes each text apart, so the tokens of a group's texts put together are
exactly what :meth:`~kamakura_portal.search.SearchDocument.refresh` would store.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from kamakura_portal.search import index_tokens

from .places import KAMAKURA, KANAGAWA, Place

REGISTRY = Path(settings.BASE_DIR) / "groups" / "data" / "demo_registry.csv"
TAXONOMIES = Path(settings.BASE_DIR) / "groups" / "data" / "taxonomies.json"
LABELLED = Path(settings.BASE_DIR) / "tests" / "coordination" / "data" / "matching_eval.json"

# What groups of each field do, as noun phrases (「…を行っています」).
DOINGS: dict[str, list[str]] = {
    "machizukuri-kurashi": [
        "地域の集いの場づくり", "空き家を活かした居場所づくり", "住民同士の交流会",
        "まちあるきと地域の魅力の発信", "商店街のにぎわいづくり", "防犯灯と公園の点検",
    ],
    "bunka-geijutsu-sports": [
        "月二回の練習と年一回の発表会", "郷土の歴史の調査と講演会", "誰でも参加できる運動教室",
        "地域のお祭りでの演奏", "子ども向けの体験教室", "作品展の開催",
    ],
    "kodomo-kosodate": [
        "乳幼児と保護者の子育て支援", "子ども食堂の運営", "絵本の読み聞かせ",
        "放課後の学習支援", "外遊びの場づくり", "子育ての悩み相談",
    ],
    "shizen-kankyo-anzen-saigai": [
        "海岸のごみ拾い", "防災訓練と避難所運営の学習", "里山と谷戸の保全活動",
        "通学路の見守り", "野鳥と植物の観察会", "竹林の手入れ",
    ],
    "hoken-iryo-fukushi": [
        "高齢者の見守りと傾聴", "介護する家族の交流会", "健康体操と食事会",
        "地域福祉の相談会", "障がいのある方の外出支援", "認知症カフェの運営",
    ],
    "seikatsu-kankyo-joho": [
        "スマートフォン講座", "地域情報誌の発行", "ごみ減量とリサイクルの啓発",
        "消費者トラブルの学習会", "フードドライブ", "高齢者向けのパソコン相談",
    ],
    "jinken-kokusai": [
        "外国人住民のための日本語教室", "国際交流のつどい", "人権と平和の学習会",
        "多言語での生活情報の提供", "留学生との交流会",
    ],
    "kanko": [
        "観光客への史跡案内", "歴史散策のガイド", "寺社と切通しの案内",
        "観光マナーの呼びかけ", "季節の花めぐりの案内",
    ],
    "npo-shien": [
        "市民活動団体の運営相談", "会計と広報の講座", "ボランティアの紹介",
        "団体どうしの交流会", "助成金の申請の助言",
    ],
}  # fmt: skip
FREQUENCIES = ["毎週土曜日", "月に一度", "月二回", "毎月第二日曜日", "年に数回", "平日の午後"]
WHO = ["地域の高齢者", "子育て中の親子", "小中学生", "近所の住民", "会員と地域の方", "観光客"]
CLOSERS = [
    "新しい仲間を随時募集しています。",
    "活動の様子は会報とSNSで発信しています。",
    "見学や体験参加も歓迎しています。",
    "ほかの団体や学校とも協力して活動しています。",
    "参加費は無料です。",
]
PURPOSES = {
    "machizukuri-kurashi": "{p}を、だれもが住み続けたいと思えるまちにする。",
    "bunka-geijutsu-sports": "{p}の文化とスポーツを通じて、世代を超えた仲間をつくる。",
    "kodomo-kosodate": "{p}の子どもと親が孤立せず、安心して育ち合える地域にする。",
    "shizen-kankyo-anzen-saigai": "{p}の自然を守り、災害に強い地域をつくる。",
    "hoken-iryo-fukushi": "{p}で、年をとっても障がいがあっても安心して暮らせるようにする。",
    "seikatsu-kankyo-joho": "{p}の暮らしに役立つ情報を、必要な人に届ける。",
    "jinken-kokusai": "{p}で、国籍や文化の違いを超えて互いを尊重し合える地域をつくる。",
    "kanko": "{p}の歴史と魅力を、訪れる人に正しく伝える。",
    "npo-shien": "{p}の市民活動が長く続くように、団体を支える。",
}
OFFERS = [
    "会場設営の人手", "講座の講師", "チラシの配布", "活動の経験と記録", "会議室の貸し出し",
    "イベントの運営ボランティア", "写真と動画の撮影", "地域の人とのつながり", "調査データの提供",
]  # fmt: skip


@dataclass(frozen=True)
class Text:
    body: str
    tokens: tuple[str, ...]


@cache
def tokens_of(text: str) -> tuple[str, ...]:
    """``index_tokens(text)`` as a tuple, computed once per text in a run."""
    return tuple(index_tokens(text).split())


def join_tokens(*parts: tuple[str, ...]) -> str:
    """The stored form of several texts' tokens: each once, in order."""
    return " ".join(dict.fromkeys(token for part in parts for token in part))


@dataclass
class Material:
    """Sentences of each activity field: the labelled set's (``activities``), and the demo
    registry's, which name a place, by field and district (``local``)."""

    activities: dict[str, list[str]]
    local: dict[tuple[str, str], list[str]]
    purposes: dict[str, list[str]]
    offers: dict[str, list[str]]
    needs: list[dict[str, object]]

    @classmethod
    def load(cls) -> Material:
        taxonomies = json.loads(TAXONOMIES.read_text(encoding="utf-8"))
        codes = {name: code for code, name in taxonomies["activity_fields"]["centre"]}
        places = {name: code for code, name in taxonomies["districts"]}
        activities: dict[str, list[str]] = defaultdict(list)
        local: dict[tuple[str, str], list[str]] = defaultdict(list)
        purposes: dict[str, list[str]] = defaultdict(list)
        offers: dict[str, list[str]] = defaultdict(list)
        with REGISTRY.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                field = codes.get(re.split("[、,;；]", row["活動分野"])[0].strip())
                district = places.get(re.split("[、,;；]", row["活動地域"])[0].strip())
                if field and district and row["主な活動内容"]:
                    local[field, district].append(row["主な活動内容"])
        labelled = json.loads(LABELLED.read_text(encoding="utf-8"))
        for group in labelled["groups"]:
            field = group["fields"][0]
            activities[field] += sentences(group["activities"])
            purposes[field].append(group["purpose"])
            offers[field].append(group["offers"] + "。")
        return cls(dict(activities), dict(local), dict(purposes), dict(offers), labelled["needs"])


def sentences(text: str) -> list[str]:
    return [part + "。" for part in text.split("。") if part.strip()]


def _places_in(district: str) -> list[Place]:
    inside = [where for where in KAMAKURA if where.district == district]
    return inside or (KANAGAWA if district == "shigai" else KAMAKURA)


class Pool:
    """Texts of one kind per (field, district), each tokenised once; a new text is written
    for about one draw in ``reuse`` (always for the first draw of a key), up to ``most`` per
    key, so the memory held stops growing with the number of groups."""

    def __init__(
        self, write: Callable[[random.Random, str, Place], str], reuse: int, most: int
    ) -> None:
        self.write = write
        self.reuse = reuse
        self.most = most
        self.texts: dict[tuple[str, str], list[Text]] = defaultdict(list)

    def draw(self, rng: random.Random, field: str, district: str) -> Text:
        made = self.texts[field, district]
        if not made or (len(made) < self.most and rng.randrange(self.reuse) == 0):
            body = self.write(rng, field, rng.choice(_places_in(district)))
            made.append(Text(body, tokens_of(body)))
            return made[-1]
        return rng.choice(made)


class Writer:
    """Writes a group's three texts from :class:`Material` and the field's phrases."""

    def __init__(self, material: Material) -> None:
        self.material = material

    def activities(self, rng: random.Random, field: str, where: Place) -> str:
        doings = DOINGS[field]
        known = self.material.activities.get(field, [])
        local = self.material.local.get((field, where.district), [])
        lead = rng.random()
        if lead < 0.4:
            first, second = rng.sample(doings, 2)
            parts = [f"{where.name}を中心に、{first}と{second}を行っています。"]
        elif lead < 0.55 and local:
            parts = [rng.choice(local)]
        elif lead < 0.75 or not known:
            parts = [
                f"{rng.choice(FREQUENCIES)}、{where.name}周辺で{rng.choice(doings)}をしています。"
            ]
        else:
            parts = [rng.choice(known)]
        if rng.random() < 0.7:
            parts.append(
                rng.choice(
                    [
                        f"参加者は{rng.choice(WHO)}が中心で、"
                        f"毎回{rng.randint(5, 60)}人ほどが集まります。",
                        f"{rng.randint(1990, 2024)}年の発足以来、"
                        f"{rng.choice(doings)}を続けています。",
                        rng.choice(known) if known else rng.choice(CLOSERS),
                    ]
                )
            )
        if rng.random() < 0.3:
            parts.append(rng.choice(CLOSERS))
        return "".join(dict.fromkeys(parts))

    def purpose(self, rng: random.Random, field: str, where: Place) -> str:
        known = self.material.purposes.get(field, [])
        if known and rng.random() < 0.4:
            return rng.choice(known)
        return PURPOSES[field].format(p=where.name)

    def offers(self, rng: random.Random, field: str, where: Place) -> str:
        known = self.material.offers.get(field, [])
        if known and rng.random() < 0.4:
            return rng.choice(known)
        return "、".join(rng.sample(OFFERS, rng.randint(1, 3))) + "。"
