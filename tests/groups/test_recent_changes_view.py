from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups import services
from kamakura_portal.audit import acting_as
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import CitizenGroupFactory, ContactFactory, UserFactory
from tests.html import Page

pytestmark = pytest.mark.django_db

URL = "/groups/staff/changes/"
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def test_the_feed_lives_under_groups_staff_changes() -> None:
    assert reverse("groups:changes") == URL


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_registry_staff_read_the_feed(role_client: Any, expected: Any) -> None:
    assert role_client.get(URL).status_code == expected


def test_it_shows_group_and_contact_changes_newest_first_with_links(
    centre_staff: Any, group_manager: Any, group_a: Any
) -> None:
    contact = ContactFactory.create(group=group_a)
    with acting_as(group_manager):
        services.update_profile(group_a, {"schedule": "毎週日曜"})
        services.update_contact(contact, {"phone": "0467-22-2222"})
    response = client_for(centre_staff).get(URL)
    rows = response.context["rows"]
    assert rows[0][0].content_type.model == "contact"
    assert rows[1][0].content_type.model == "citizengroup"
    assert all(group is not None and group.pk == group_a.pk for _entry, group in rows[:2])
    html = response.content.decode()
    assert "0467-22-2222" in html
    assert "毎週日曜" in html
    assert group_manager.display_name in html
    assert reverse("groups:staff_detail", args=[group_a.pk]) in Page(html).hrefs()


def test_other_models_are_not_in_the_feed(centre_staff: Any) -> None:
    UserFactory.create()
    assert LogEntry.objects.exclude(content_type__app_label="groups").exists()
    rows = client_for(centre_staff).get(URL).context["rows"]
    assert all(entry.content_type.app_label == "groups" for entry, _group in rows)


def test_a_deleted_group_keeps_its_recorded_name(centre_staff: Any) -> None:
    group = CitizenGroupFactory.create(name="解散した会")
    group.delete()
    response = client_for(centre_staff).get(URL)
    assert response.context["rows"][0][1] is None
    assert "解散した会" in response.content.decode()


def make_changes(count: int) -> None:
    for n in range(count):
        group = CitizenGroupFactory.create()
        ContactFactory.create(group=group)
        services.update_profile(group, {"schedule": f"第{n}土曜"})


def queries_for(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_queries_do_not_grow_with_the_changes(centre_staff: Any) -> None:
    client = client_for(centre_staff)
    make_changes(2)
    few = queries_for(client)
    make_changes(30)
    assert queries_for(client) == few


def test_pagination_runs_through_the_feed(centre_staff: Any) -> None:
    make_changes(30)
    response = client_for(centre_staff).get(URL)
    assert len(response.context["rows"]) == 50
    assert 'rel="next"' in response.content.decode()


def test_the_feed_is_pinned_to_its_queries(
    centre_staff: Any, django_assert_num_queries: Any
) -> None:
    make_changes(30)
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. paginator: the number of entries
    # 4. the page of entries with their actors and content types (one JOINed query)
    # 5. the contacts on the page with their groups' names
    # 6. the groups on the page with their names
    # 7. the rows the changes name (the contacts' groups), by name, one query per model
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
