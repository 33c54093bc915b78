"""Text relevance: which of a need's content words a group's texts hold, and how much they
weigh. The words and their synonyms come from :mod:`kamakura_portal.synonyms`, over the same
search tokens as the portal's keyword search."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kamakura_portal.japanese import Morpheme
from kamakura_portal.search import token_of
from kamakura_portal.synonyms import CIVIC, SUDACHI, CivicVocabulary, Match, Term, Tokens, expand

from . import weights

_CONTENT_POS = {"名詞", "動詞", "形状詞"}
# Words every need and every group profile is full of: they tell no group from another.
_GENERIC = """
市 市内 市民 本市 当市 鎌倉 鎌倉市 かまくら 課 当課 担当 地域 活動 団体 事業 取組 取り組み 取り組む
実施 協力 参加 募集 方 方々 人 人々 こと もの ため よう 等 際 中 内 上 下 後 前 時 年 年度
月 日 回 件 名 数 今 現在 今後 必要 予定 状況 場合 方法 内容 対象 提案 お願い 希望 検討 連携
協働 期待 可能 課題 現状 目的 一緒 一方 他 多く 様々 さまざま 大切 重要 多様 的 化 性 全体
関係 以上 程度 実際 具体 具体的 部分 機会 情報 場 形 中心 センター
する ある いる なる できる 出来る 行う おこなう 思う 考える 求める いただく 頂く くださる
下さる 願う 伺う 持つ 使う 進める 図る 含める 向ける 関わる 得る 受ける 知る 見る 来る 行く
言う いう よる 通す 就く 取る 組む
"""
GENERIC_WORDS = frozenset(token_of(word) for word in _GENERIC.split())
_GENERIC_ANY_FORM = GENERIC_WORDS | frozenset(_GENERIC.split())
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_NUMBER = re.compile(r"^[\d０-９一二三四五六七八九十百千万億]+$")


def is_content_word(unit: Morpheme) -> bool:
    """A word that can tell one group's work from another's: a noun, verb or adjectival noun,
    not a number, not a single kana, not one of :data:`GENERIC_WORDS`."""
    if unit.pos not in _CONTENT_POS or _NUMBER.match(unit.surface):
        return False
    key = token_of(unit.normalized)
    if key in GENERIC_WORDS or token_of(unit.surface) in GENERIC_WORDS:
        return False
    if unit.pos == "動詞" and not _KANJI.search(unit.surface):
        return False  # verbs in kana are mostly grammar (について, になって)
    return len(unit.surface) > 1 or not unit.reading or unit.reading != token_of(unit.surface)


def group_tokens(search_name: str, search_body: str) -> Tokens:
    """A group's stored tokens, read for matching (generic words never bridge a synonym)."""
    return Tokens(search_name, search_body, ignore=_GENERIC_ANY_FORM)


@dataclass(frozen=True)
class NeedText:
    """A need's terms (subject, background, what is wanted), each with its base weight."""

    terms: tuple[Term, ...]
    base: dict[str, float]

    @classmethod
    def of(cls, texts: Sequence[str], vocabulary: CivicVocabulary) -> NeedText:
        terms = tuple(expand(texts, vocabulary, is_content_word))
        base = {term.key: weights.IN_SUBJECT if 0 in term.texts else 1.0 for term in terms}
        return cls(terms, base)

    def matches(self, tokens: Tokens) -> list[Match]:
        """The terms found among ``tokens`` (see :func:`group_tokens`)."""
        return [match for term in self.terms if (match := tokens.find(term)) is not None]


_VIA_FACTOR = {CIVIC: weights.VIA_CIVIC, SUDACHI: weights.VIA_SUDACHI}


def weighed(need: NeedText, matches: list[Match]) -> list[tuple[float, Match]]:
    """The matches with their weights, heaviest first."""
    scored = [(need.base[m.term.key] * _VIA_FACTOR.get(m.via, 1.0), m) for m in matches]
    return sorted(scored, key=lambda pair: -pair[0])


def text_points(total: float) -> float:
    return weights.TEXT * (1 - math.exp(-total / weights.TEXT_SATURATION))
