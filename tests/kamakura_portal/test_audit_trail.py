"""The one audit mechanism: who changed what, when — from requests and from code."""

from typing import Any

import pytest
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Department, Role, RoleAssignment
from accounts.services import assign_role
from kamakura_portal.audit import acting_as, history_for
from tests.admin import no_inline_rows
from tests.conftest import client_for
from tests.factories import CitizenGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def latest_entry_for(obj: Any) -> LogEntry:
    return history_for(obj).first()


def test_editing_a_group_in_the_admin_records_the_administrator_as_actor(
    administrator: Any, group_a: Any
) -> None:
    response = client_for(administrator).post(
        reverse("admin:groups_citizengroup_change", args=[group_a.pk]),
        {
            "name": "由比ガ浜クリーンの会",
            "name_kana": "ユイガハマクリーンノカイ",
            "founded_year": "1998",
            **no_inline_rows("contacts", "memberships", "status_changes"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = latest_entry_for(group_a)
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == administrator
    assert entry.changes_dict["name"] == ["由比ガ浜の会", "由比ガ浜クリーンの会"]
    assert entry.changes_dict["founded_year"] == ["None", "1998"]


def test_editing_a_department_in_the_admin_records_the_administrator_as_actor(
    administrator: Any, dept_own: Any
) -> None:
    response = client_for(administrator).post(
        reverse("admin:accounts_department_change", args=[dept_own.pk]),
        {
            "code": dept_own.code,
            "name": "改名した課",
            "kind": Department.Kind.SECTION,
            "parent": dept_own.parent_id,
            "sort_order": "5",
            "is_active": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = latest_entry_for(dept_own)
    assert entry.actor == administrator
    assert entry.changes_dict["name"] == ["自分の課", "改名した課"]
    assert entry.changes_dict["is_active"] == ["True", "False"]


def test_a_role_given_during_a_request_records_the_request_user_as_actor(
    administrator: Any, citizen: Any
) -> None:
    def grant(request: Any) -> Any:
        assign_role(citizen, Role.COMMITTEE)
        return HttpResponse()

    request = RequestFactory().post("/")
    request.user = administrator
    AuditlogMiddleware(grant)(request)

    assignment = RoleAssignment.objects.get(user=citizen, role=Role.COMMITTEE)
    entry = latest_entry_for(assignment)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == administrator


def test_acting_as_attributes_changes_made_in_code(secretariat: Any) -> None:
    with acting_as(secretariat):
        group = CitizenGroupFactory.create(name="腰越の会")
    entry = latest_entry_for(group)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == secretariat


def test_changes_outside_a_request_or_acting_as_have_no_actor() -> None:
    group = CitizenGroupFactory.create()
    assert latest_entry_for(group).actor is None


def test_revoking_a_role_is_recorded_as_a_deletion(administrator: Any) -> None:
    from accounts.services import revoke_role

    user = UserFactory.create(roles=[Role.COMMITTEE])
    assignment = RoleAssignment.objects.get(user=user)
    with acting_as(administrator):
        revoke_role(user, Role.COMMITTEE)
    entry = LogEntry.objects.filter(object_pk=str(assignment.pk)).order_by("-timestamp").first()
    assert entry.action == LogEntry.Action.DELETE
    assert entry.actor == administrator


def test_passwords_are_never_written_to_the_audit_trail(citizen: Any) -> None:
    citizen.set_password("a-new-secret-password-1")
    citizen.save()
    for entry in history_for(citizen):
        assert "password" not in (entry.changes_dict or {})


def test_the_object_history_page_shows_who_changed_what(
    administrator: Any, centre_staff: Any, group_a: Any
) -> None:
    with acting_as(administrator):
        group_a.name = "由比ガ浜ビーチクリーンの会"
        group_a.save()
    url = reverse("object_history", args=["groups", "citizengroup", group_a.pk])
    response = client_for(centre_staff).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert administrator.display_name in html
    assert "由比ガ浜の会" in html
    assert "由比ガ浜ビーチクリーンの会" in html


def test_the_audit_feed_lists_the_newest_change_first(
    administrator: Any, centre_staff: Any
) -> None:
    with acting_as(administrator):
        CitizenGroupFactory.create(name="古い変更の会")
        CitizenGroupFactory.create(name="新しい変更の会")
    response = client_for(centre_staff).get(reverse("audit_feed"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("新しい変更の会") < html.index("古い変更の会")
    assert administrator.display_name in html
