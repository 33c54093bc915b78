from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import CitizenGroup
from groups.search import refresh_search_index
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import (
    ActivityFieldFactory,
    CitizenGroupFactory,
    DistrictFactory,
    GroupMembershipFactory,
)
from tests.html import Page

pytestmark = pytest.mark.django_db

URL = "/groups/staff/"
Status = CitizenGroup.Status
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def names(response: Any) -> list[str]:
    return [group.name for group in response.context["page_obj"].object_list]


def test_the_registry_lives_under_groups_staff() -> None:
    assert reverse("groups:staff_list") == URL


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_centre_staff_secretariat_and_administrators_see_the_registry(
    role_client: Any, expected: Any
) -> None:
    assert role_client.get(URL).status_code == expected


def test_it_lists_every_status(centre_staff: Any) -> None:
    for status in Status.values:
        CitizenGroupFactory.create(name=f"{status}の会", status=status)
    response = client_for(centre_staff).get(URL)
    assert sorted(names(response)) == sorted(f"{status}の会" for status in Status.values)


def test_it_filters_by_status_with_the_counts_in_the_choices(centre_staff: Any) -> None:
    CitizenGroupFactory.create_batch(2, status=Status.SUBMITTED)
    CitizenGroupFactory.create(name="登録の会")
    response = client_for(centre_staff).get(URL, {"status": "submitted"})
    assert len(names(response)) == 2
    choices = dict(response.context["filter"].form.fields["status"].choices)
    assert choices["submitted"].endswith("（2）")
    assert choices["registered"].endswith("（1）")
    assert choices[""].endswith("（3）")


def test_it_searches_and_filters_like_the_directory(centre_staff: Any) -> None:
    field = ActivityFieldFactory.create(name="福祉")
    district = DistrictFactory.create(name="玉縄")
    match = CitizenGroupFactory.create(name="玉縄の福祉", status=Status.SUSPENDED)
    match.activity_fields.add(field)
    match.districts.add(district)
    CitizenGroupFactory.create(name="ほかの会").activity_fields.add(field)
    response = client_for(centre_staff).get(
        URL, {"activity_field": str(field.pk), "district": str(district.pk), "status": "suspended"}
    )
    assert names(response) == ["玉縄の福祉"]


def test_rows_link_to_the_staff_page_and_show_managers(
    centre_staff: Any, group_manager: Any, group_a: Any
) -> None:
    GroupMembershipFactory.create(group=group_a)
    response = client_for(centre_staff).get(URL)
    page = Page(response.content.decode())
    assert reverse("groups:staff_detail", args=[group_a.pk]) in page.hrefs()
    assert response.context["page_obj"].object_list[0].manager_count == 2


def test_it_links_to_import_and_export(centre_staff: Any) -> None:
    hrefs = Page(client_for(centre_staff).get(URL).content.decode()).hrefs()
    assert reverse("groups:import") in hrefs
    assert reverse("groups:export_xlsx") in hrefs


def test_pagination_keeps_the_status_filter(centre_staff: Any) -> None:
    CitizenGroupFactory.create_batch(55, status=Status.ARCHIVED)
    response = client_for(centre_staff).get(URL, {"status": "archived"})
    next_link = Page(response.content.decode()).find_all("a", rel="next")[0].attrs["href"]
    assert "status=archived" in next_link
    assert len(names(client_for(centre_staff).get(URL + next_link))) == 5


def make_groups(count: int) -> None:
    field = ActivityFieldFactory.create(code="f", name="福祉")
    district = DistrictFactory.create(code="d", name="大船")
    groups = CitizenGroupFactory.create_batch(count, status=Status.SUBMITTED)
    for group in groups:
        group.activity_fields.add(field)
        group.districts.add(district)
        GroupMembershipFactory.create(group=group)
    refresh_search_index([group.pk for group in groups])


def queries_for(client: Any) -> int:
    client.get(URL)  # fills the cache of the choice lists (kamakura_portal.cached)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_groups(centre_staff: Any) -> None:
    client = client_for(centre_staff)
    make_groups(3)
    three = queries_for(client)
    make_groups(27)
    assert queries_for(client) == three


def test_the_registry_is_pinned_to_its_queries(
    centre_staff: Any, django_assert_num_queries: Any
) -> None:
    make_groups(30)
    client = client_for(centre_staff)
    client.get(URL)  # fills the cache of the form's choice lists (kamakura_portal.cached)
    # 1. the session
    # 2. the signed-in user with its roles and managed groups (accounts.backends)
    # 3. the number of groups in each status (the status choices)
    # 4. paginator: the number of matching groups (the keyword search adds no query)
    # 5. the page of groups with organisation type and manager count (one query)
    # 6. prefetch: the activity fields of those groups
    # 7. prefetch: the districts of those groups
    with django_assert_num_queries(7):
        response = client.get(URL, {"q": "会", "status": "submitted"})
    assert len(names(response)) == 30
