from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kamakura_portal.audit import acting_as
from tests.conftest import client_for, for_every_role, roles_except

pytestmark = pytest.mark.django_db

ALLOWED = {"centre_staff", "secretariat", "administrator"}


@pytest.fixture
def url(group_a: Any) -> str:
    return reverse("object_history", args=["groups", "citizengroup", group_a.pk])


def test_the_object_history_lives_under_staff_history(group_a: Any, url: Any) -> None:
    assert url == f"/staff/history/groups/citizengroup/{group_a.pk}/"


@for_every_role({**roles_except(ALLOWED, yes=200, no=403), "anonymous": 302})
def test_only_centre_staff_secretariat_and_administrators_see_an_object_history(
    role_client: Any, expected: Any, url: Any
) -> None:
    assert role_client.get(url).status_code == expected


@pytest.mark.parametrize(
    "args",
    [
        ("groups", "nosuchmodel", 1),
        ("nosuchapp", "citizengroup", 1),
        ("groups", "citizengroup", 999999),
    ],
    ids=["unknown model", "unknown app", "unknown pk"],
)
def test_an_unknown_model_or_object_is_404(centre_staff: Any, args: Any) -> None:
    response = client_for(centre_staff).get(reverse("object_history", args=args))
    assert response.status_code == 404


def test_a_citizen_cannot_probe_which_objects_exist(citizen: Any, group_a: Any) -> None:
    existing = reverse("object_history", args=["groups", "citizengroup", group_a.pk])
    missing = reverse("object_history", args=["groups", "citizengroup", 999999])
    client = client_for(citizen)
    assert client.get(existing).status_code == client.get(missing).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_even_for_a_missing_object(client: Any) -> None:
    missing = reverse("object_history", args=["groups", "citizengroup", 999999])
    assert client.get(missing).status_code == 302


def test_it_shows_the_history_of_a_user_too(
    centre_staff: Any, administrator: Any, citizen: Any
) -> None:
    with acting_as(administrator):
        citizen.display_name = "改名 一郎"
        citizen.save()
    url = reverse("object_history", args=["accounts", "user", citizen.pk])
    response = client_for(centre_staff).get(url)
    assert response.status_code == 200
    assert "改名 一郎" in response.content.decode()


def test_the_history_uses_the_same_queries_for_1_or_20_changes(
    centre_staff: Any, administrator: Any, group_a: Any, url: Any
) -> None:
    client = client_for(centre_staff)
    with acting_as(administrator):
        group_a.name = "変更 0"
        group_a.save()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    with acting_as(administrator):
        for n in range(1, 20):
            group_a.name = f"変更 {n}"
            group_a.save()
    with CaptureQueriesContext(connection) as twenty:
        client.get(url)
    assert len(twenty) == len(one)


def test_the_history_is_pinned_to_its_queries(
    centre_staff: Any, administrator: Any, group_a: Any, url: Any, django_assert_num_queries: Any
) -> None:
    with acting_as(administrator):
        for n in range(20):
            group_a.name = f"変更 {n}"
            group_a.save()
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. the object itself, looked up once
    # 4. the object's log entries with their actors (one JOINed query)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
