"""Words of collaboration: department needs and proposals, from the demo's texts
(``collaboration/data/demo_collaboration.json``), the matching's labelled needs and each
activity field's phrases, recombined."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from .text import DOINGS, Material

DEMO = Path(settings.BASE_DIR) / "collaboration" / "data" / "demo_collaboration.json"
SECTIONS = (
    "group_strengths",
    "city_strengths",
    "why_collaboration",
    "shared_purpose",
    "evaluation_what",
    "evaluation_when",
    "evaluation_how",
)
QUALIFIERS = ["", "", "（試行）", "（モデル事業）", "（第2期）"]
TITLE_FORMS = [
    "{place}{doing}協働事業",
    "{doing}でつながる{place} ―― {other}",
    "{place}における{doing}の推進",
    "{place}の{doing}と{other}",
    "だれもが参加できる{doing} ―― {place}からはじめる{other}",
]
NEED_TITLE_FORMS = [
    "{doing}への協力",
    "{place}地区での{doing}の担い手",
    "{doing}と{other}を一緒に進める団体の募集",
]
NEED_BACKGROUNDS = [
    "{place}地区では{doing}を担ってきた方々の高齢化が進み、活動の継続が難しくなっています。",
    "市民アンケートで、{doing}について「情報が届かない」「参加の仕方がわからない」という声が多く寄せられました。",
    "これまで市が単独で{doing}を行ってきましたが、地域の実情に合わせたきめ細かな対応が求められています。",
]
NEED_WANTS = [
    "{doing}の経験を生かし、企画の段階から一緒に考えていただける団体を求めています。",
    "{place}周辺で活動し、{other}にも関心のある団体と協働したいと考えています。会場の確保と広報は市が担います。",
    "年に数回の{doing}に協力いただける団体を募集します。活動の記録づくりも一緒に進めたいと考えています。",
]
DISCUSSION = [
    "ご提案ありがとうございます。担当課として、{doing}の進め方について一度打合せをお願いします。",
    "役割分担表を見直しました。{doing}の当日の運営は団体が担い、会場の確保は市が行う案です。",
    "前回の打合せの記録をお送りします。次回は{other}の進め方を確認したいと思います。",
    "市民活動センターです。同じ分野で{doing}に取り組む団体の事例をご紹介できます。",
    "予算書の費目を整理しました。{other}にかかる費用は団体の負担とします。",
]
STAFF_NOTES = [
    "（職員メモ）{doing}について、庁内の関係課との調整が必要。",
    "（職員メモ）次年度の予算要求に向けて、実績の数字を確認しておく。",
]


@dataclass
class Wording:
    """The demo's proposals cut into parts, and the labelled and demo needs."""

    sections: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    cost_lines: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    milestones: list[str] = field(default_factory=list)
    discussion: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    mutual: list[dict[str, str]] = field(default_factory=list)
    committee: list[str] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, material: Material) -> Wording:
        data = json.loads(DEMO.read_text(encoding="utf-8"))
        wording = cls()
        for proposal in data["proposals"]:
            for key in SECTIONS:
                if proposal["sections"].get(key):
                    wording.sections[key].append(proposal["sections"][key])
            wording.cost_lines += proposal.get("cost_lines", [])
            wording.roles += proposal.get("roles", [])
            wording.goals += proposal.get("goals", [])
            wording.milestones += [m["title"] for m in proposal.get("milestones", [])]
            wording.discussion += [
                entry["body"] for entry in proposal.get("discussion", []) if not entry["staff_only"]
            ]
            if proposal.get("report"):
                wording.reports.append(proposal["report"])
            if proposal.get("agreement"):
                wording.agreements.append(proposal["agreement"])
            for evaluation in proposal.get("evaluations", []):
                wording.comments += evaluation["comments"]
            if proposal.get("mutual"):
                wording.mutual.append(proposal["mutual"])
            if proposal.get("committee"):
                wording.committee.append(proposal["committee"]["comment"])
        labelled = [
            {**need, "activity_fields": need["fields"]} for need in material.needs if need["fields"]
        ]
        wording.needs = labelled + data["needs"]
        return wording


def fill(form: str, rng: random.Random, field_code: str, place: str) -> str:
    doing, other = rng.sample(DOINGS[field_code], 2)
    return form.format(doing=doing, other=other, place=place)


def proposal_title(rng: random.Random, field_code: str, place: str) -> str:
    title = fill(rng.choice(TITLE_FORMS), rng, field_code, place)
    return title + rng.choice(QUALIFIERS)


def need_text(
    rng: random.Random, wording: Wording, field_code: str, place: str
) -> tuple[str, str, str, list[str]]:
    """A need's subject, background, what is wanted, and its fields' codes: one of the
    known needs of the field (half the time), or one written from the field's phrases."""
    known = [need for need in wording.needs if need["activity_fields"][0] == field_code]
    if known and rng.random() < 0.5:
        need = rng.choice(known)
        return need["title"], need["background"], need["wanted"], list(need["activity_fields"])
    return (
        fill(rng.choice(NEED_TITLE_FORMS), rng, field_code, place),
        fill(rng.choice(NEED_BACKGROUNDS), rng, field_code, place),
        fill(rng.choice(NEED_WANTS), rng, field_code, place),
        [field_code],
    )


def discussion_entry(
    rng: random.Random, wording: Wording, field_code: str, *, staff_only: bool
) -> str:
    if staff_only:
        return fill(rng.choice(STAFF_NOTES), rng, field_code, "")
    if wording.discussion and rng.random() < 0.3:
        return rng.choice(wording.discussion)
    return fill(rng.choice(DISCUSSION), rng, field_code, "")
