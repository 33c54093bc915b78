from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from groups.models import CitizenGroup
from kamakura_portal.models import StatusChange
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import field_error

pytestmark = pytest.mark.django_db

Status = CitizenGroup.Status
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def url(group: Any) -> str:
    return reverse("groups:change_status", args=[group.pk])


def test_the_status_change_lives_under_the_staff_page(group_a: Any) -> None:
    assert url(group_a) == f"/groups/staff/{group_a.pk}/status/"


@for_every_role({**roles_except(REGISTRY_STAFF, yes=302, no=403), "anonymous": 302})
def test_only_registry_staff_may_change_a_status(
    role_client: Any, role: Any, expected: Any, group_a: Any
) -> None:
    response = role_client.post(url(group_a), {"to": "suspended", "reason": "休会の届け"})
    assert response.status_code == expected
    group_a.refresh_from_db()
    changed = role in REGISTRY_STAFF
    assert group_a.status == (Status.SUSPENDED if changed else Status.REGISTERED)


def test_suspending_records_the_reason_and_mails_the_managers(
    centre_staff: Any, group_manager: Any, group_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(centre_staff).post(
            url(group_a), {"to": "suspended", "reason": "一年間活動がない"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:staff_detail", args=[group_a.pk])
    group_a.refresh_from_db()
    assert group_a.status == Status.SUSPENDED
    change = StatusChange.objects.get()
    assert (change.to_status, change.reason, change.actor) == (
        "suspended",
        "一年間活動がない",
        centre_staff,
    )
    assert [message.to for message in mail.outbox] == [["manager@example.jp"]]
    assert client_for(centre_staff).get("/groups/").context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("to", ["suspended", "archived"])
def test_suspending_or_archiving_needs_a_reason(centre_staff: Any, group_a: Any, to: Any) -> None:
    response = client_for(centre_staff).post(url(group_a), {"to": to, "reason": ""})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "status_reason")
    group_a.refresh_from_db()
    assert group_a.status == Status.REGISTERED
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("start", [Status.SUSPENDED, Status.ARCHIVED])
def test_staff_can_restore_a_group(centre_staff: Any, group_a: Any, start: Any) -> None:
    group_a.status = start
    group_a.save()
    response = client_for(centre_staff).post(url(group_a), {"to": "registered", "reason": ""})
    assert response.status_code == 302
    group_a.refresh_from_db()
    assert group_a.status == Status.REGISTERED
    assert group_a.valid_until is not None


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.REGISTERED, "registered"),  # a renewal is the manager's, not staff's
        (Status.REGISTERED, "renewal_due"),  # the system's move
        (Status.DRAFT, "submitted"),  # the manager's move
        (Status.ARCHIVED, "suspended"),  # not a move at all
        (Status.REGISTERED, "nonsense"),
    ],
)
def test_a_move_staff_may_not_make_is_refused(
    centre_staff: Any, group_a: Any, start: Any, to: Any
) -> None:
    group_a.status = start
    group_a.save()
    response = client_for(centre_staff).post(url(group_a), {"to": to, "reason": "理由"})
    assert response.status_code == 200
    assert response.context["status_form"].errors["to"]
    group_a.refresh_from_db()
    assert group_a.status == start
    assert not StatusChange.objects.exists()


def test_a_missing_group_is_404_for_staff(centre_staff: Any) -> None:
    response = client_for(centre_staff).post("/groups/staff/999999/status/", {"to": "archived"})
    assert response.status_code == 404
