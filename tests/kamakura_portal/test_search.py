"""kamakura_portal/search.py: search tokens and the shared search document, on both backends.

The tests run on PostgreSQL; the embedded SQLite's path (``LIKE`` over the same tokens) is
taken by switching ``is_postgresql`` off, so both paths answer every query of one table.
"""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from groups.models import CitizenGroup
from kamakura_portal import search
from kamakura_portal.db import is_postgresql
from kamakura_portal.search import SearchDocument
from tests.factories import CitizenGroupFactory

DOCUMENT = SearchDocument(
    CitizenGroup, name_fields=("name",), body_fields=("activities",), tie_break=("pk",)
)
TEXTS = {
    "海岸の会": "毎月、由比ガ浜でゴミを拾います。",
    "ＮＰＯ法人かまくらネット": "市民活動の立ち上げを助言します。",
    "ひだまり": "子育て支援の広場と、絵本の読み聞かせ。",
    "かまくら国際交流の会": "外国籍の市民と料理を作ります。",
    "昔話の会": "深沢で昔話を語ります。",
    "歴史散歩": "玉縄城の跡を歩きます。",
    "花の会": "花壇の手入れ。",
}


@pytest.fixture(params=["postgresql", "sqlite"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "postgresql" and not is_postgresql():
        pytest.skip("the full-text path is PostgreSQL's")
    if request.param == "sqlite":
        monkeypatch.setattr(search, "is_postgresql", lambda: False)
    return str(request.param)


@pytest.fixture
def indexed(db: None) -> None:
    groups = [
        CitizenGroupFactory.create(name=name, name_kana="カイ", activities=activities)
        for name, activities in TEXTS.items()
    ]
    DOCUMENT.refresh(group.pk for group in groups)


def found(query: str) -> list[str]:
    return [group.name for group in DOCUMENT.search(CitizenGroup.objects.all(), query)]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("ごみ", ["海岸の会"]),
        ("ゴミ", ["海岸の会"]),
        ("NPO", ["ＮＰＯ法人かまくらネット"]),
        ("ＮＰＯ", ["ＮＰＯ法人かまくらネット"]),
        ("こそだて", ["ひだまり"]),
        ("子育て", ["ひだまり"]),
        ("よみきかせ", ["ひだまり"]),
        ("こくさいこうりゅう", ["かまくら国際交流の会"]),
        ("ふかさわ", ["昔話の会"]),
        ("たまなわ", ["歴史散歩"]),
        ("こそだて よみきかせ", ["ひだまり"]),
        ("こそだて ごみ", []),
    ],
)
def test_a_query_finds_the_same_rows_on_both_backends(
    indexed: None, backend: str, query: str, names: list[str]
) -> None:
    assert found(query) == names


def test_a_name_match_ranks_above_a_body_match_on_both_backends(db: None, backend: str) -> None:
    # By the tie-break alone the body match would come first (it is created first).
    in_body = CitizenGroupFactory.create(name="あおぞら", activities="福祉の勉強会")
    in_name = CitizenGroupFactory.create(name="福祉ネット", activities="")
    DOCUMENT.refresh([in_body.pk, in_name.pk])
    assert found("ふくし") == ["福祉ネット", "あおぞら"]


def test_an_empty_query_leaves_the_queryset_as_it_is(db: None) -> None:
    queryset = CitizenGroup.objects.all()
    assert DOCUMENT.search(queryset, " 、") is queryset


def test_refresh_reads_once_and_writes_all_rows_at_once_then_the_vectors(
    db: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    groups = CitizenGroupFactory.create_batch(2, activities="子育て支援")
    # SELECT the texts; on PostgreSQL, UPDATE the tokens of both groups, then their vectors;
    # on SQLite, UPDATE the tokens of each group (2).
    with django_assert_num_queries(3):
        DOCUMENT.refresh(group.pk for group in groups)
    assert all("コソダテ" in group.search_body.split() for group in CitizenGroup.objects.all())


def test_index_tokens_hold_surface_normalised_and_reading_forms() -> None:
    tokens = search.index_tokens("ゴミ拾い").split()
    assert {"ゴミ", "ヒロイ"} <= set(tokens)


def test_index_tokens_run_neighbouring_readings_together_up_to_a_symbol() -> None:
    # A query's reading matches a stored token as a prefix (PostgreSQL) or a part (SQLite).
    tokens = search.index_tokens("国際交流と子育ての会").split()
    assert any(token.startswith("コクサイコウリュウ") for token in tokens)
    assert "コソダテノカイ" in tokens
    cut = search.index_tokens("国際、交流").split()
    assert not any(token.startswith("コクサイコウ") for token in cut)


def test_index_tokens_read_kamakura_place_names_locally() -> None:
    assert {"深沢", "フカサワ", "大船", "オオフナ"} <= set(search.index_tokens("深沢 大船").split())


def test_query_terms_drop_particles_but_keep_a_particle_only_query() -> None:
    terms = search.query_terms("子育ての会")
    assert all("ノ" not in alternatives for alternatives in terms)
    assert search.query_terms("の")


def test_query_terms_never_carry_tsquery_syntax() -> None:
    terms = search.query_terms("a & b | !c (d) 'e' :*")
    assert all(not set("&|!():*'") & set(token) for alternatives in terms for token in alternatives)


def test_a_word_typed_in_kana_may_also_match_as_one_reading() -> None:
    terms = search.query_terms("こそだて")
    assert terms and all("コソダテ" in alternatives for alternatives in terms)
    mixed = search.query_terms("子育てひろば")
    assert all("コソダテヒロバ" not in alternatives for alternatives in mixed)


@pytest.fixture
def places(db: None) -> None:
    groups = [
        CitizenGroupFactory.create(name=name, name_kana="カイ", activities=activities)
        for name, activities in {
            "西の会": "西鎌倉の公園で花を植えます。",
            "北の会": "北鎌倉の古道を歩きます。",
            "社会の会": "地域社会の勉強会。",
        }.items()
    ]
    DOCUMENT.refresh(group.pk for group in groups)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        # A place inside a longer place name (issue 13, item 5).
        ("鎌倉", ["西の会", "北の会"]),
        ("かまくら", ["西の会", "北の会"]),
        ("西鎌倉", ["西の会"]),
        # A word matches the beginning of a word on both backends, not its middle: 会 is
        # a word of 勉強会, not of 社会.
        ("社会", ["社会の会"]),
        ("会", ["西の会", "北の会", "社会の会"]),
        ("強会", []),
    ],
)
def test_place_names_and_word_boundaries_are_the_same_on_both_backends(
    places: None, backend: str, query: str, names: list[str]
) -> None:
    assert sorted(found(query)) == sorted(names)


@pytest.mark.parametrize("query", ["%_\\", "'", "ー", "・", "😀", " 　", "、。"])
def test_a_query_of_symbols_only_is_not_searchable(query: str) -> None:
    assert not search.is_searchable(query)


@pytest.mark.parametrize("query", ["ごみ", "NPO", "会", "子ども"])
def test_a_query_with_a_word_is_searchable(query: str) -> None:
    assert search.is_searchable(query)
