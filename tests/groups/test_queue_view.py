import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import CitizenGroup
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import ActivityFieldFactory, CitizenGroupFactory
from tests.html import Page

pytestmark = pytest.mark.django_db

URL = "/groups/staff/queue/"
Status = CitizenGroup.Status
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def submitted(name: str, days_ago: int) -> CitizenGroup:
    return CitizenGroupFactory.create(
        name=name,
        status=Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_the_queue_lives_under_groups_staff_queue() -> None:
    assert reverse("groups:queue") == URL


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_registry_staff_see_the_queue(role_client: Any, expected: Any) -> None:
    assert role_client.get(URL).status_code == expected


def test_it_lists_submitted_groups_the_longest_waiting_first(centre_staff: Any) -> None:
    submitted("昨日の会", 1)
    submitted("先週の会", 7)
    CitizenGroupFactory.create(name="登録済みの会")
    CitizenGroupFactory.create(name="差戻しの会", status=Status.RETURNED)
    response = client_for(centre_staff).get(URL)
    assert [group.name for group in response.context["groups"]] == ["先週の会", "昨日の会"]


def test_it_counts_the_submitted_and_returned_registrations(centre_staff: Any) -> None:
    submitted("一", 1)
    submitted("二", 2)
    CitizenGroupFactory.create(status=Status.RETURNED)
    response = client_for(centre_staff).get(URL)
    assert response.context["counts"]["submitted"] == 2
    assert response.context["counts"]["returned"] == 1
    hrefs = Page(response.content.decode()).hrefs()
    assert "/groups/staff/?status=returned" in hrefs


def test_each_registration_links_to_its_staff_page(centre_staff: Any) -> None:
    group = submitted("審査待ちの会", 1)
    hrefs = Page(client_for(centre_staff).get(URL).content.decode()).hrefs()
    assert reverse("groups:staff_detail", args=[group.pk]) in hrefs


def test_an_empty_queue_says_so(centre_staff: Any) -> None:
    response = client_for(centre_staff).get(URL)
    assert list(response.context["groups"]) == []


def make_queue(count: int) -> None:
    field = ActivityFieldFactory.create(code="f", name="福祉")
    for n in range(count):
        submitted(f"会{n}", n).activity_fields.add(field)


def queries_for(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_queue(centre_staff: Any) -> None:
    client = client_for(centre_staff)
    make_queue(3)
    three = queries_for(client)
    make_queue(27)
    assert queries_for(client) == three


def test_the_queue_is_pinned_to_its_queries(
    centre_staff: Any, django_assert_num_queries: Any
) -> None:
    make_queue(30)
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. paginator: the number of submitted groups
    # 4. the number of groups in each status
    # 5. the page of submitted groups with their organisation types (one JOINed query)
    # 6. prefetch: the activity fields of those groups
    # 7. prefetch: the districts of those groups
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
