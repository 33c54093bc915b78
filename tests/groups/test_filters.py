import datetime
from typing import Any

import pytest

from groups.filters import DirectoryFilter, StaffRegistryFilter
from groups.models import CitizenGroup
from groups.queries import directory_groups, staff_groups
from groups.search import refresh_search_index
from tests.factories import ActivityFieldFactory, CitizenGroupFactory, DistrictFactory

pytestmark = pytest.mark.django_db

Status = CitizenGroup.Status


def names(data: Any, filterset: Any = DirectoryFilter, queryset: Any = None) -> list[str]:
    result = filterset(data, queryset=queryset if queryset is not None else directory_groups())
    return [group.name for group in result.qs]


def test_it_sorts_by_furigana_with_no_condition() -> None:
    CitizenGroupFactory.create(name="ん", name_kana="ンノカイ")
    CitizenGroupFactory.create(name="あ", name_kana="アノカイ")
    assert names({}) == ["あ", "ん"]


def test_a_group_in_two_chosen_districts_appears_once() -> None:
    first, second = DistrictFactory.create(name="鎌倉"), DistrictFactory.create(name="腰越")
    group = CitizenGroupFactory.create(name="二地域の会")
    group.districts.add(first, second)
    assert names({"district": [first.pk, second.pk]}) == ["二地域の会"]


def test_fields_of_another_taxonomy_are_not_offered() -> None:
    centre = ActivityFieldFactory.create(name="福祉")
    npo_act = ActivityFieldFactory.create(name="保健、医療又は福祉", taxonomy="npo_act")
    offered = list(DirectoryFilter().form.fields["activity_field"].queryset)
    assert centre in offered
    assert npo_act not in offered


def test_inactive_terms_are_not_offered() -> None:
    old = DistrictFactory.create(name="旧地区", is_active=False)
    assert old not in list(DirectoryFilter().form.fields["district"].queryset)


def test_a_keyword_orders_by_relevance_unless_an_order_is_chosen() -> None:
    by_name = CitizenGroupFactory.create(
        name="防災の会", name_kana="ボウサイノカイ", registered_on=datetime.date(2020, 4, 1)
    )
    by_text = CitizenGroupFactory.create(
        name="あおぞらの会",
        name_kana="アオゾラノカイ",
        activities="地域の防災訓練",
        registered_on=datetime.date(2025, 4, 1),
    )
    refresh_search_index([by_name.pk, by_text.pk])
    assert names({"q": "防災"}) == ["防災の会", "あおぞらの会"]
    assert names({"q": "防災", "sort": "kana"}) == ["あおぞらの会", "防災の会"]
    assert names({"q": "防災", "sort": "newest"}) == ["あおぞらの会", "防災の会"]


def test_an_unknown_order_is_an_error() -> None:
    result = DirectoryFilter({"sort": "price"}, queryset=directory_groups())
    assert not result.is_valid()
    assert "sort" in result.errors


def test_the_staff_filter_adds_the_status_with_counts() -> None:
    CitizenGroupFactory.create(name="申請中の会", status=Status.SUBMITTED)
    CitizenGroupFactory.create(name="登録の会")
    counts = {status: 0 for status in Status.values} | {"submitted": 1, "registered": 1}
    result = StaffRegistryFilter({"status": "submitted"}, queryset=staff_groups(), counts=counts)
    assert [group.name for group in result.qs] == ["申請中の会"]
    choices = dict(result.form.fields["status"].choices)
    assert choices["submitted"].endswith("（1）")
    assert choices[""].endswith("（2）")


def test_the_directory_filter_has_no_status() -> None:
    assert "status" not in DirectoryFilter().form.fields
