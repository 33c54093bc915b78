"""Bridging vocabularies: a text's words with the other words they may be written as.

A word of one text (a department need) is looked for among another row's stored search tokens
(:mod:`kamakura_portal.search`, a group's profile) in four ways, best first:

- directly, as the same word;
- through its Sudachi normalised form or reading (正規化: 空家 → 空き家, 子ども → 子供);
- through the centre's own civic synonyms (:class:`~kamakura_portal.models.CivicSynonym`,
  食品ロス ≒ フードロス ≒ フードドライブ), which staff extend on their page;
- through the Sudachi synonym dictionary (子育て ≒ 育児, 高齢者 ≒ シニア): sudachidict-core files
  every word under the ids of its synonym groups, and the stored tokens carry those ids
  (:func:`kamakura_portal.search.synonym_token`), so two texts meet on a shared group.

:func:`expand` makes the :class:`Term` list of a text once; :class:`Tokens` reads a row's
stored tokens and says which of them a term found, and through what.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .japanese import Morpheme, morphemes
from .search import SYNONYM_MARK, token_of

_SKIP_POS = {"補助記号", "空白", "助詞", "助動詞"}
# A reading shorter than this finds too many other words (カイ: 会, 貝, 回…).
_SHORTEST_READING = 3


# How a word was found in the other text: the codes of Alternative.via and Match.via.
DIRECT = ""
NORMALISED = "normalised"
CIVIC = "civic"
SUDACHI = "sudachi"


def via_label(via: str) -> str:
    """The way a word was found, as the pages say it ("" when found as the same word)."""
    labels = {
        NORMALISED: _("normalised form"),
        CIVIC: _("centre's synonyms"),
        SUDACHI: _("Sudachi synonym dictionary"),
    }
    return labels.get(via, "")


@dataclass(frozen=True)
class Alternative:
    """A way a term may be written in the other text: all of ``keys`` among its tokens, or,
    with ``group``, any word filed under that Sudachi synonym group."""

    keys: tuple[str, ...]
    word: str
    via: str  # DIRECT, NORMALISED, CIVIC or SUDACHI
    group: int | None = None


@dataclass(frozen=True)
class Term:
    """A content word of the text (``word`` as written) and its alternatives, best first;
    ``texts`` are the indexes of the texts it occurs in."""

    word: str
    key: str
    alternatives: tuple[Alternative, ...]
    texts: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Match:
    term: Term
    word: str  # as the other text has it
    via: str  # DIRECT when found as the same word, else NORMALISED, CIVIC or SUDACHI


@functools.lru_cache(maxsize=4096)
def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The tokens a phrase is made of (its short units' normalised forms, without particles):
    a text holds the phrase when it holds all of them."""
    keys = (token_of(unit.normalized) for unit in morphemes(phrase) if unit.pos not in _SKIP_POS)
    return tuple(dict.fromkeys(key for key in keys if key))


@dataclass(frozen=True)
class Phrase:
    text: str
    keys: tuple[str, ...]


class CivicVocabulary:
    """The civic synonym sets, each word cut into the tokens it is found under."""

    def __init__(self, sets: Iterable[Sequence[str]]) -> None:
        self.sets: list[tuple[Phrase, ...]] = []
        for words in sets:
            phrases = tuple(Phrase(word, phrase_keys(word)) for word in words)
            phrases = tuple(phrase for phrase in phrases if phrase.keys)
            if len(phrases) > 1:
                self.sets.append(phrases)
        self._by_key: dict[str, list[tuple[Phrase, ...]]] = {}
        for phrases in self.sets:
            for phrase in phrases:
                if len(phrase.keys) == 1:
                    self._by_key.setdefault(phrase.keys[0], []).append(phrases)

    @classmethod
    def load(cls) -> CivicVocabulary:
        """The sets staff keep (one query, none while they are in the cache)."""
        from .models import CivicSynonym, split_words

        stored = CivicSynonym.objects.cached().order_by("pk").values_list("words", flat=True)
        return cls(split_words(words) for words in stored)

    def others(self, keys: Iterable[str]) -> list[Alternative]:
        """The other words of every set holding a one-token word among ``keys``."""
        alternatives: list[Alternative] = []
        for key in dict.fromkeys(keys):
            for phrases in self._by_key.get(key, ()):
                alternatives += [
                    Alternative(phrase.keys, phrase.text, CIVIC)
                    for phrase in phrases
                    if phrase.keys != (key,)
                ]
        return alternatives


def _alternatives(unit: Morpheme, vocabulary: CivicVocabulary) -> list[Alternative]:
    surface, normalised = token_of(unit.surface), token_of(unit.normalized)
    alternatives = [Alternative((surface,), unit.surface, DIRECT)]
    if normalised != surface:
        alternatives.append(Alternative((normalised,), unit.normalized, NORMALISED))
    if len(unit.reading) >= _SHORTEST_READING and unit.reading not in (surface, normalised):
        alternatives.append(Alternative((unit.reading,), unit.reading, NORMALISED))
    alternatives += vocabulary.others((surface, normalised))
    alternatives += _sudachi(unit, [])
    return alternatives


def _sudachi(unit: Morpheme, known: list[Alternative]) -> list[Alternative]:
    """The unit's Sudachi synonym groups not yet among ``known``: of nouns only, as the
    index stores them (:func:`kamakura_portal.search.synonym_token`)."""
    if unit.pos != "名詞":
        return []
    groups = {alternative.group for alternative in known}
    return [Alternative((), "", SUDACHI, group) for group in unit.synonyms if group not in groups]


def expand(
    texts: Sequence[str], vocabulary: CivicVocabulary, keep: Callable[[Morpheme], bool]
) -> list[Term]:
    """The content words of ``texts`` (those ``keep`` accepts; short and long units), each
    once, with its alternatives; then each multi-word civic synonym the texts hold."""
    found: dict[str, tuple[Morpheme, list[Alternative], set[int]]] = {}
    keys: set[str] = set()
    for index, text in enumerate(texts):
        text = unicodedata.normalize("NFKC", text)
        long_units = list(morphemes(text, long_units=True))
        standalone = {unit.surface for unit in long_units}
        for unit in (*morphemes(text), *long_units):
            key = token_of(unit.normalized)
            keys.add(key)
            # A one-character short unit counts where it is a word of its own (竹, 猫), not
            # where it is a piece of a compound (居 of 居場所, 語 of 日本語).
            piece = len(unit.surface) == 1 and unit.surface not in standalone
            if unit.pos in _SKIP_POS or piece or not keep(unit):
                continue
            if key not in found:
                found[key] = (unit, _alternatives(unit, vocabulary), set())
            else:
                alternatives = found[key][1]
                alternatives += _sudachi(unit, alternatives)
            found[key][2].add(index)
    terms = [
        Term(unit.surface, key, tuple(alternatives), frozenset(where))
        for key, (unit, alternatives, where) in found.items()
    ]
    return terms + _civic_phrases(texts, keys, set(found), vocabulary)


def _civic_phrases(
    texts: Sequence[str], keys: set[str], known: set[str], vocabulary: CivicVocabulary
) -> list[Term]:
    terms: list[Term] = []
    for phrases in vocabulary.sets:
        for phrase in phrases:
            key = "+".join(phrase.keys)
            if len(phrase.keys) < 2 or key in known or not set(phrase.keys) <= keys:
                continue
            known.add(key)
            others = [
                Alternative(other.keys, other.text, CIVIC)
                for other in phrases
                if other is not phrase
            ]
            where = frozenset(i for i, text in enumerate(texts) if phrase.text in text)
            direct = Alternative(phrase.keys, phrase.text, DIRECT)
            terms.append(Term(phrase.text, key, (direct, *others), where or frozenset({0})))
    return terms


_SYNONYM_TOKEN = re.compile(rf"(?<!\S){SYNONYM_MARK}(\d+){SYNONYM_MARK}(\S*)")


class Tokens:
    """A row's stored search tokens, read for matching terms."""

    def __init__(self, *stored: str, ignore: Collection[str] = ()) -> None:
        """``ignore``: words (as tokens) that never stand for a synonym group, such as the
        words every text holds."""
        text = " ".join(stored)
        self.words: set[str] = set(text.split())
        self.synonyms: dict[int, str] = {}
        for group, word in _SYNONYM_TOKEN.findall(text):
            if word not in ignore:
                self.synonyms.setdefault(int(group), word)

    def find(self, term: Term) -> Match | None:
        """How ``term`` occurs among the tokens (its best alternative), or None."""
        for alternative in term.alternatives:
            if alternative.group is not None:
                word = self.synonyms.get(alternative.group)
                if word is not None:
                    return Match(term, word, alternative.via)
            elif alternative.keys and all(key in self.words for key in alternative.keys):
                return Match(term, alternative.word, alternative.via)
        return None
