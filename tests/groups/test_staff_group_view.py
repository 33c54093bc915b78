from typing import Any

import pytest
from django.urls import reverse

from groups import services
from groups.models import CitizenGroup, StaffNote
from kamakura_portal.audit import acting_as
from kamakura_portal.workflow import transition
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import ContactFactory, GroupMembershipFactory
from tests.html import Page

pytestmark = pytest.mark.django_db

Status = CitizenGroup.Status
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def url(group: Any) -> str:
    return reverse("groups:staff_detail", args=[group.pk])


def test_the_staff_page_lives_under_groups_staff_id(group_a: Any) -> None:
    assert url(group_a) == f"/groups/staff/{group_a.pk}/"


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_registry_staff_see_a_groups_staff_page(
    role_client: Any, expected: Any, group_a: Any
) -> None:
    assert role_client.get(url(group_a)).status_code == expected


@for_every_role({**roles_except(REGISTRY_STAFF, yes=404, no=403), "anonymous": 302})
def test_a_missing_group_is_404_only_for_those_allowed_to_look(
    role_client: Any, expected: Any
) -> None:
    assert role_client.get("/groups/staff/999999/").status_code == expected


@pytest.mark.parametrize("status", Status.values)
def test_staff_see_a_group_in_any_status(centre_staff: Any, status: Any) -> None:
    group = CitizenGroup.objects.create(name="どの状態でも", status=status)
    assert client_for(centre_staff).get(url(group)).status_code == 200


def test_it_shows_private_contacts_marked_as_private(centre_staff: Any, group_a: Any) -> None:
    ContactFactory.create(group=group_a, phone="0467-55-5555", email_public=True)
    html = client_for(centre_staff).get(url(group_a)).content.decode()
    assert "0467-55-5555" in html
    assert "神奈川県鎌倉市雪ノ下1-1" in html
    response = client_for(centre_staff).get(url(group_a))
    contact = response.context["contacts"][0]
    assert ("email", True) in [
        (field, public)
        for field, (_label, _value, public) in zip(contact.ITEMS, contact.all_items(), strict=True)
    ]


def test_it_lists_the_managers_with_their_emails(
    centre_staff: Any, group_manager: Any, group_a: Any
) -> None:
    html = client_for(centre_staff).get(url(group_a)).content.decode()
    assert "manager@example.jp" in html
    assert "mailto:manager@example.jp" in Page(html).hrefs()


def test_it_shows_status_and_audit_history(centre_staff: Any, group_a: Any) -> None:
    with acting_as(centre_staff):
        transition(group_a, Status.SUSPENDED, centre_staff, reason="活動休止の届け出")
        services.update_profile(group_a, {"schedule": "毎週土曜"})
    response = client_for(centre_staff).get(url(group_a))
    html = response.content.decode()
    assert "活動休止の届け出" in html
    assert "毎週土曜" in html
    assert response.context["history"][0].object_id == group_a.pk


def test_the_history_includes_the_contacts_changes(centre_staff: Any, group_a: Any) -> None:
    contact = ContactFactory.create(group=group_a)
    services.update_contact(contact, {"phone": "0467-77-7777"})
    history = client_for(centre_staff).get(url(group_a)).context["history"]
    assert any(entry.content_type.model == "contact" for entry in history)


def test_it_lists_staff_notes(centre_staff: Any, group_a: Any) -> None:
    StaffNote.objects.create(group=group_a, author=centre_staff, body="電話で相談あり")
    html = client_for(centre_staff).get(url(group_a)).content.decode()
    assert "電話で相談あり" in html
    assert 'action="' + reverse("groups:add_note", args=[group_a.pk]) + '"' in html


def test_a_submitted_group_gets_the_review_form(centre_staff: Any, group_a: Any) -> None:
    group_a.status = Status.SUBMITTED
    group_a.save()
    response = client_for(centre_staff).get(url(group_a))
    assert "review_form" in response.context
    assert "status_form" not in response.context
    page = Page(response.content.decode())
    assert page.find_all("form", action=reverse("groups:review", args=[group_a.pk]))
    assert page.by_id("review_reason").tag == "textarea"


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (Status.REGISTERED, ["suspended", "archived"]),
        (Status.RENEWAL_DUE, ["suspended", "archived"]),
        (Status.SUSPENDED, ["archived", "registered"]),
        (Status.ARCHIVED, ["registered"]),
        (Status.RETURNED, ["archived"]),
    ],
)
def test_other_statuses_offer_the_moves_staff_may_make(
    centre_staff: Any, status: Any, moves: Any
) -> None:
    group = CitizenGroup.objects.create(name="状態の会", status=status)
    response = client_for(centre_staff).get(url(group))
    choices = [value for value, _label in response.context["status_form"].fields["to"].choices]
    assert sorted(choices) == sorted(moves)
    page = Page(response.content.decode())
    assert page.find_all("form", action=reverse("groups:change_status", args=[group.pk]))


def test_a_draft_offers_no_move(centre_staff: Any) -> None:
    group = CitizenGroup.objects.create(name="下書きの会", status=Status.DRAFT)
    response = client_for(centre_staff).get(url(group))
    assert response.context["can_move"] is False
    page = Page(response.content.decode())
    assert not page.find_all("form", action=reverse("groups:change_status", args=[group.pk]))


def test_the_page_is_pinned_to_its_queries(
    centre_staff: Any, group_manager: Any, group_a: Any, django_assert_num_queries: Any
) -> None:
    for _n in range(5):
        GroupMembershipFactory.create(group=group_a, role="editor")
        StaffNote.objects.create(group=group_a, author=centre_staff, body="メモ")
    ContactFactory.create(group=group_a)
    transition(group_a, Status.SUSPENDED, centre_staff, reason="理由")
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. the group with its organisation type (one JOINed query)
    # 4. prefetch: its activity fields
    # 5. prefetch: its districts
    # 6. prefetch: its challenges
    # 7. prefetch: its contacts
    # 8. prefetch: its managers with their users
    # 9. prefetch: its status changes with their actors
    # 10. prefetch: its staff notes with their authors
    # 11. the audit entries of the group and its contacts, with actors and content types
    # 12. the rows the changes name (the contacts' group), by name, one query per model
    with django_assert_num_queries(12):
        assert client.get(url(group_a)).status_code == 200
