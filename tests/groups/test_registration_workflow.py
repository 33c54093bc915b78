"""The registration workflow of groups/services.py: submit, approve, return, suspend, restore."""

import datetime
from typing import Any

import pytest
from django.core import mail

from groups import services
from groups.models import CitizenGroup, Contact
from groups.reference import load_taxonomies
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import SYSTEM, allowed_moves, transition
from tests.conftest import recipients_of
from tests.factories import CitizenGroupFactory, GroupMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status


@pytest.fixture
def taxonomies() -> None:
    load_taxonomies()


@pytest.fixture
def applicant() -> Any:
    return UserFactory.create(email="applicant@example.jp")


@pytest.fixture
def complete_draft(applicant: Any, taxonomies: Any) -> Any:
    from django.utils import timezone

    from groups.models import ActivityField, District, OrganizationType

    group = services.start_registration(
        applicant, name="腰越おさんぽの会", name_kana="コシゴエオサンポノカイ"
    )
    services.update_profile(
        group,
        {
            "organization_type": OrganizationType.objects.get(code="nin-i"),
            "activities": "月に一度、腰越の路地を歩いて地域の歴史を学びます。",
            "agreed_to_rules_at": timezone.now(),
        },
        many={
            "activity_fields": [ActivityField.objects.get(code="kanko")],
            "districts": [District.objects.get(code="koshigoe")],
        },
    )
    representative = group.contacts.get(kind=Contact.Kind.REPRESENTATIVE)
    services.update_contact(representative, {"name": "腰越 一郎", "phone": "0467-00-1111"})
    return group


def test_starting_a_registration_makes_the_user_its_representative(applicant: Any) -> None:
    group = services.start_registration(applicant, name="新しい会", name_kana="アタラシイカイ")
    assert group.status == Status.DRAFT
    membership = group.memberships.get()
    assert membership.user == applicant
    assert membership.role == "representative"
    assert set(group.contacts.values_list("kind", flat=True)) == {"representative", "liaison"}
    assert group.pk in applicant.managed_group_ids


def test_an_incomplete_draft_cannot_be_submitted_and_says_what_is_missing(applicant: Any) -> None:
    group = services.start_registration(applicant, name="新しい会", name_kana="アタラシイカイ")
    with pytest.raises(services.RegistryError) as excinfo:
        services.submit_registration(group, applicant)
    sections = {problem.section for problem in excinfo.value.problems}
    assert {"basic", "activities", "contacts", "confirm"} <= sections
    group.refresh_from_db()
    assert group.status == Status.DRAFT
    assert not StatusChange.objects.exists()


def test_a_complete_draft_is_submitted_and_recorded(complete_draft: Any, applicant: Any) -> None:
    assert services.missing_for_submission(complete_draft) == []
    services.submit_registration(complete_draft, applicant)
    assert complete_draft.status == Status.SUBMITTED
    assert complete_draft.submitted_at is not None
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.actor) == ("draft", "submitted", applicant)


def test_approval_registers_the_group_until_the_end_of_the_fiscal_year(
    complete_draft: Any, applicant: Any, centre_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.submit_registration(complete_draft, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            complete_draft, Status.REGISTERED, centre_staff, today=datetime.date(2026, 11, 21)
        )
    assert complete_draft.status == Status.REGISTERED
    assert complete_draft.registered_on == datetime.date(2026, 11, 21)
    assert complete_draft.valid_until == datetime.date(2027, 3, 31)
    assert complete_draft.is_public
    assert [message.to for message in mail.outbox] == [["applicant@example.jp"]]


def test_returning_needs_a_reason_and_mails_it_to_every_manager(
    complete_draft: Any, applicant: Any, centre_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    co_manager = UserFactory.create(email="co@example.jp")
    GroupMembershipFactory.create(user=co_manager, group=complete_draft, role="editor")
    services.submit_registration(complete_draft, applicant)
    with pytest.raises(services.RegistryError):
        services.return_registration(complete_draft, centre_staff, "   ")
    assert CitizenGroup.objects.get(pk=complete_draft.pk).status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        services.return_registration(complete_draft, centre_staff, "活動内容をもう少し詳しく")
    assert complete_draft.status == Status.RETURNED
    assert complete_draft.status_reason == "活動内容をもう少し詳しく"
    assert recipients_of(mail.outbox) == ["applicant@example.jp", "co@example.jp"]
    assert all("活動内容をもう少し詳しく" in message.body for message in mail.outbox)


def test_a_returned_registration_is_fixed_and_resubmitted(
    complete_draft: Any, applicant: Any, centre_staff: Any
) -> None:
    services.submit_registration(complete_draft, applicant)
    services.return_registration(complete_draft, centre_staff, "フリガナを確認してください")
    services.update_profile(complete_draft, {"name_kana": "コシゴエ　オサンポノカイ"})
    services.submit_registration(complete_draft, applicant)
    assert complete_draft.status == Status.SUBMITTED
    assert complete_draft.status_reason == ""
    assert list(
        StatusChange.objects.order_by("created_at", "pk").values_list("to_status", flat=True)
    ) == ["submitted", "returned", "submitted"]


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DRAFT, Status.REGISTERED),
        (Status.SUBMITTED, Status.SUSPENDED),
        (Status.ARCHIVED, Status.SUBMITTED),
        (Status.REGISTERED, Status.DRAFT),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(
    start: Any, to: Any, centre_staff: Any
) -> None:
    group = CitizenGroupFactory.create(status=start)
    with pytest.raises(services.RegistryError):
        transition(group, to, centre_staff, reason="理由")
    assert CitizenGroup.objects.get(pk=group.pk).status == start
    assert not StatusChange.objects.exists()


def test_staff_suspend_archive_and_restore_with_a_reason_and_nothing_is_deleted(
    centre_staff: Any,
) -> None:
    group = CitizenGroupFactory.create(status=Status.REGISTERED)
    transition(group, Status.SUSPENDED, centre_staff, reason="活動休止の届け出")
    transition(group, Status.ARCHIVED, centre_staff, reason="解散")
    assert CitizenGroup.objects.filter(pk=group.pk).exists()
    assert not group.is_public
    transition(group, Status.REGISTERED, centre_staff, reason="活動再開")
    assert group.is_public
    assert group.status_reason == ""


def test_allowed_moves_depend_on_who_moves(
    centre_staff: Any, group_manager: Any, group_a: Any
) -> None:
    group_a.status = Status.SUBMITTED
    group_a.save()
    targets = {move.target for move in allowed_moves(group_a, centre_staff)}
    assert targets == {Status.REGISTERED, Status.RETURNED}
    assert allowed_moves(group_a, group_manager) == []


def test_a_move_is_refused_to_whoever_may_not_make_it(
    centre_staff: Any, group_manager: Any
) -> None:
    submitted = CitizenGroupFactory.create(status=Status.SUBMITTED)
    with pytest.raises(services.RegistryError):
        transition(submitted, Status.REGISTERED, group_manager)
    registered = CitizenGroupFactory.create(status=Status.REGISTERED)
    with pytest.raises(services.RegistryError):
        transition(registered, Status.REGISTERED, centre_staff)
    with pytest.raises(services.RegistryError):
        transition(registered, Status.RENEWAL_DUE, centre_staff)
    with pytest.raises(services.RegistryError):
        transition(submitted, Status.RENEWAL_DUE, SYSTEM)


def test_only_a_registration_awaiting_approval_can_be_approved(centre_staff: Any) -> None:
    group = CitizenGroupFactory.create(status=Status.RENEWAL_DUE)
    with pytest.raises(services.RegistryError):
        services.approve_registration(group, centre_staff)
    assert CitizenGroup.objects.get(pk=group.pk).status == Status.RENEWAL_DUE


def test_the_audit_trail_of_a_group_lists_its_own_fields_only(applicant: Any) -> None:
    from kamakura_portal.audit import history_for

    group = services.start_registration(applicant, name="新しい会", name_kana="アタラシイカイ")
    first_entry = history_for(group).last()
    assert first_entry is not None
    changes = first_entry.changes_dict
    assert "name" in changes
    assert not {"contacts", "memberships", "status_changes", "search_body"} & set(changes)
