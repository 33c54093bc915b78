"""The directory's cost does not grow with the data: fixed queries, a count that stops."""

import re
from typing import Any

import pytest

from groups.models import CitizenGroup
from groups.queries import directory_groups, sorted_groups
from groups.search import refresh_search_index
from kamakura_portal.pagination import BoundedPaginator
from tests.factories import ActivityFieldFactory, CitizenGroupFactory, DistrictFactory

pytestmark = pytest.mark.django_db

URL = "/groups/"


def make_groups(count: int) -> tuple[int, int]:
    field = ActivityFieldFactory.create(code="f", name="福祉")
    district = DistrictFactory.create(code="d", name="大船")
    for group in CitizenGroupFactory.create_batch(count, activities="子育て支援の集まり"):
        group.activity_fields.add(field)
        group.districts.add(district)
    return field.pk, district.pk


# The anonymous page rendered, once a request for another address has filled the cache of the
# form's choice lists and of its check of the chosen values (kamakura_portal.cached): 1 count
# (bounded), the page of groups, 2 prefetches (fields, districts). A keyword counts its name
# matches, then (fewer than the bound) the other matches (+1); the page lies in one of the
# two runs. The same address again is kept rendered (kamakura_portal.shared_pages): none.
CASES = {
    "plain": ({}, 4),
    "filtered": ({"activity_field": "FIELD", "district": "DISTRICT"}, 4),
    "keyword": ({"q": "子育て"}, 5),
    "keyword in the names": ({"q": "鎌倉"}, 5),
    "second page": ({"page": "2"}, 4),
}


@pytest.mark.parametrize("count", [1, 45])
@pytest.mark.parametrize("case", CASES)
def test_the_queries_are_pinned_whatever_the_number_of_groups(
    client: Any, django_assert_num_queries: Any, count: int, case: str
) -> None:
    field, district = make_groups(count)
    refresh_search_index(CitizenGroup.objects.values_list("pk", flat=True))
    params, expected = CASES[case]
    params = {
        name: str(field) if value == "FIELD" else str(district) if value == "DISTRICT" else value
        for name, value in params.items()
    }
    if case == "second page" and count < 21:
        params = {}  # one group has no second page: its first page costs the same
    client.get(URL, {**params, "another": "address"})  # fills the caches of the choices
    with django_assert_num_queries(expected):
        response = client.get(URL, params)
    assert response.status_code == 200
    assert len(response.context["cards"]) == min(count, 20)
    with django_assert_num_queries(0):
        again = client.get(URL, params)
    assert again.status_code == 200
    assert again.content.count(b'class="card card--link group-card"') == min(count, 20)


def test_past_its_bound_the_count_says_or_more(client: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(BoundedPaginator, "bound", 10)
    make_groups(25)
    response = client.get(URL)
    paginator = response.context["page_obj"].paginator
    # Page 1 needs 20 rows, more than the bound: counted to 21, shown as "20 or more".
    assert paginator.bounded
    assert paginator.shown_count == 20
    assert paginator.count == 21
    count_text = re.search(r'id="result-count"[^>]*>([^<]*)<', response.content.decode())
    assert count_text is not None
    assert "20" in count_text.group(1)
    assert "25" not in count_text.group(1)
    # Page 2 of a list counted to 10 still exists: the count reaches as deep as the page.
    deep = client.get(URL, {"page": "2"})
    assert deep.status_code == 200
    assert len(deep.context["cards"]) == 5
    assert not deep.context["page_obj"].has_next()
    assert client.get(URL, {"page": "3"}).status_code == 404


def test_under_its_bound_the_count_is_exact(client: Any) -> None:
    make_groups(3)
    paginator = client.get(URL).context["page_obj"].paginator
    assert not paginator.bounded
    assert paginator.count == 3


def test_a_later_page_lists_the_next_groups_in_order(client: Any) -> None:
    make_groups(25)
    in_order = list(sorted_groups(directory_groups(), "kana").values_list("name", flat=True))
    first = client.get(URL).context["cards"]
    second = client.get(URL, {"page": "2"}).context["cards"]
    assert [card.name for card in first] == in_order[:20]
    assert [card.name for card in second] == in_order[20:]
