"""The words a need is matched on and how they bridge to other words (issue 14, item 2): the
search tokens carry the Sudachi synonym groups of nouns, which a search box never reaches;
the civic synonyms join phrases; grammar and words every text holds are left out."""

from __future__ import annotations

import pytest

from coordination.matching.text import NeedText, group_tokens
from groups.models import CitizenGroup
from groups.search import search_groups
from kamakura_portal.models import split_words
from kamakura_portal.search import index_tokens, synonym_token
from kamakura_portal.synonyms import CIVIC, DIRECT, SUDACHI, CivicVocabulary

from .matching_factories import make_group, taxonomies  # noqa: F401 (taxonomies: a fixture)

EMPTY = CivicVocabulary([])


def words_of(*texts: str, vocabulary: CivicVocabulary = EMPTY) -> list[str]:
    return [term.word for term in NeedText.of(texts, vocabulary).terms]


def test_the_tokens_carry_the_synonym_groups_of_nouns_only() -> None:
    tokens = index_tokens("子育てを学ぶ").split()
    assert synonym_token(22054, "子育て") in tokens  # 子育て ≈ 育児 in the Sudachi dictionary
    # The verb 学ぶ is filed under group 8178 (学習, 勉強) too, but verbs bridge too loosely.
    assert not [token for token in tokens if token.startswith(synonym_token(8178))]


@pytest.mark.django_db
@pytest.mark.usefixtures("taxonomies")
def test_a_search_box_never_finds_a_synonym_token() -> None:
    make_group("子育ての会", "子育ての相談を受けています。")
    groups = CitizenGroup.objects.all()
    assert list(search_groups(groups, "子育て"))
    assert not list(search_groups(groups, "22054"))
    assert not list(search_groups(groups, "ｓ22054ｓ"))


def test_grammar_pieces_and_generic_words_are_not_matched_on() -> None:
    words = words_of("地域の居場所について、市民団体と活動したい。")
    assert "居場所" in words
    assert not {"居", "つい", "地域", "市民", "団体", "活動"} & set(words)


def test_a_one_character_word_standing_alone_is_matched_on() -> None:
    assert "竹" in words_of("竹を切る")


def test_the_subject_weighs_double() -> None:
    need = NeedText.of(("竹林の整備", "斜面が崩れる。"), EMPTY)
    assert need.base["竹林"] == 2 and need.base["斜面"] == 1


def test_a_civic_phrase_is_one_word_with_its_synonyms() -> None:
    vocabulary = CivicVocabulary([["食品ロス", "フードドライブ", "フードバンク"]])
    need = NeedText.of(("食品ロスを減らす",), vocabulary)
    term = next(term for term in need.terms if term.word == "食品ロス")
    assert [(alt.word, alt.via) for alt in term.alternatives] == [
        ("食品ロス", DIRECT),
        ("フードドライブ", CIVIC),
        ("フードバンク", CIVIC),
    ]
    tokens = group_tokens("", index_tokens("フードバンクとして食べ物を届けています"))
    [match] = [m for m in need.matches(tokens) if m.term is term]
    assert (match.word, match.via) == ("フードバンク", CIVIC)


def test_a_word_every_text_holds_does_not_bridge_a_synonym() -> None:
    need = NeedText.of(("説明会の開催",), EMPTY)
    tokens = group_tokens("", index_tokens("講座を行っています"))
    assert not [m for m in need.matches(tokens) if m.via == SUDACHI]


def test_the_words_of_a_set_are_split_and_cleaned() -> None:
    assert split_words("空き家、空家\n 空家 \n\n空き家活用,空き家対策／空き家") == [
        "空き家",
        "空家",
        "空き家活用",
        "空き家対策",
    ]
