"""A keyword's results paged as two runs: name matches, then the others (PostgreSQL)."""

from typing import Any

import pytest

from groups.models import CitizenGroup
from groups.search import refresh_search_index, search_groups, search_runs
from kamakura_portal.db import is_postgresql
from kamakura_portal.pagination import BoundedPaginator, RunsPaginator
from tests.factories import CitizenGroupFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not is_postgresql(), reason="the name vector is PostgreSQL's"),
]

URL = "/groups/"


def group(name: str, kana: str, activities: str = "") -> CitizenGroup:
    created = CitizenGroupFactory.create(name=name, name_kana=kana, activities=activities)
    refresh_search_index([created.pk])
    return created


@pytest.fixture
def mixed() -> None:
    # Name matches (in 五十音順 by the tie-break) and description matches, interleaved in
    # 五十音順 so that an order by kana alone would mix them.
    group("福祉ネット", "フクシネット")
    group("あおぞら", "アオゾラ", activities="福祉の勉強会")
    group("福祉の輪", "アイフクシ")
    group("かもめ", "カモメ", activities="高齢者福祉と障害者福祉の相談")
    group("花の会", "ハナノカイ", activities="花壇の手入れ")


def names(rows: Any) -> list[str]:
    return [row.name for row in rows]


def test_the_runs_are_the_search_result_in_its_order(mixed: None) -> None:
    result = search_groups(CitizenGroup.objects.all(), "福祉")
    first, rest = search_runs(result, "福祉")
    assert names(first) + names(rest) == names(result)
    # name_match is an annotation: read from the instances' attributes
    assert {vars(row)["name_match"] for row in first} == {1}
    assert {vars(row)["name_match"] for row in rest} == {0}
    assert names(result)[:2] == ["福祉の輪", "福祉ネット"]
    assert set(names(result)[2:]) == {"あおぞら", "かもめ"}


def test_a_page_across_both_runs_lists_the_end_of_one_then_the_start_of_the_other(
    mixed: None,
) -> None:
    result = search_groups(CitizenGroup.objects.all(), "福祉")
    whole = names(result)
    pages = RunsPaginator(search_runs(result, "福祉"), 3)
    assert pages.count == 4
    assert names(pages.page(1).object_list) == whole[:3]
    assert names(pages.page(2).object_list) == whole[3:]


def test_a_first_run_reaching_the_bound_leaves_the_second_uncounted(
    mixed: None, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    monkeypatch.setattr(BoundedPaginator, "bound", 1)
    result = search_groups(CitizenGroup.objects.all(), "福祉")
    pages = RunsPaginator(search_runs(result, "福祉"), 1)
    # 1. the name matches, counted to 2 (the bound and one more): enough, the rest is not
    with django_assert_num_queries(1):
        assert pages.count == 2
    assert pages.bounded
    # 1. the page's one group, from the name matches only
    with django_assert_num_queries(1):
        assert names(pages.page(1).object_list) == ["福祉の輪"]


def test_the_directory_lists_the_runs_and_counts_them_together(client: Any, mixed: None) -> None:
    response = client.get(URL, {"q": "福祉"})
    cards = [card.name for card in response.context["cards"]]
    assert cards == names(search_groups(CitizenGroup.objects.all(), "福祉"))
    assert response.context["page_obj"].paginator.count == 4


def test_a_chosen_order_is_kept_for_a_keyword(client: Any, mixed: None) -> None:
    response = client.get(URL, {"q": "福祉", "sort": "kana"})
    cards = [card.name for card in response.context["cards"]]
    assert cards == ["福祉の輪", "あおぞら", "かもめ", "福祉ネット"]


def test_the_name_vector_follows_the_name_whoever_writes_it() -> None:
    created = group("ひだまり", "ヒダマリ")
    found = CitizenGroup.objects.filter(search_name_vector="ヒダマリ")
    assert list(found) == [created]
    created.name, created.name_kana = "こもれび", "コモレビ"
    created.save()
    refresh_search_index([created.pk])
    assert not CitizenGroup.objects.filter(search_name_vector="ヒダマリ").exists()
    assert CitizenGroup.objects.filter(search_name_vector="コモレビ").exists()


@pytest.mark.parametrize(("limit", "expected"), [(1, 1), (2, 2), (3, 2), (50, 2)])
def test_a_run_is_counted_up_to_the_limit(mixed: None, limit: int, expected: int) -> None:
    from kamakura_portal.pagination import count_upto

    # The matches in the descriptions only (the second run): counted apart from the limit's
    # plan (a materialized CTE on PostgreSQL) and no further than the limit.
    result = search_groups(CitizenGroup.objects.all(), "福祉")
    rest = search_runs(result, "福祉")[1]
    assert count_upto(rest, limit) == expected
    assert count_upto(CitizenGroup.objects.filter(name="花の会"), limit) == 1
    assert count_upto(CitizenGroup.objects.none(), limit) == 0
