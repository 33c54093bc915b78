"""Inviting groups to a need, their answers and the refusals: a group that is not registered,
a second invitation, a need that is closed or staff-only, an answer after expiry or a second
answer each get a clear message, and nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from collaboration.models import DepartmentNeed
from coordination.models import Invitation
from coordination.notifications import date_label
from coordination.services.invitations import answer, invite, shortlist
from coordination.workflow import InvitationError
from groups.models import CitizenGroup
from kamakura_portal.models import Notification, OutboxMail, StatusChange
from kamakura_portal.workflow import history_of
from tests.conftest import ja, recipients_of
from tests.factories import CitizenGroupFactory

from .invitation_factories import (
    a_need,  # noqa: F401  (a fixture)
    an_invitation,  # noqa: F401  (a fixture)
    in_days,
    mailed_to,
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status
MESSAGE = "見守り活動にご協力いただけないでしょうか。"


def _invite(need: Any, groups: list[Any], actor: Any, **changes: Any) -> list[Invitation]:
    values: dict[str, Any] = {
        "message": MESSAGE,
        "answer_by": in_days(14),
        "reasons": {group.pk: f"{group.name}の理由" for group in groups},
        "actor": actor,
    }
    values.update(changes)
    return invite(need, groups, **values)


def _nothing_saved() -> None:
    assert not Invitation.objects.exists()
    assert not StatusChange.objects.exists()
    assert not Notification.objects.exists()
    assert not OutboxMail.objects.exists()


def test_a_coordinator_invites_three_groups_with_the_message_reasons_and_date(
    need: Any,
    group_a: Any,
    group_manager: Any,
    centre_staff: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    others = CitizenGroupFactory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=True):
        invited = _invite(need, [group_a, *others], centre_staff)
    assert len(invited) == Invitation.objects.filter(status=Status.INVITED).count() == 3
    mine = Invitation.objects.get(group=group_a)
    assert (mine.message, mine.reasons, mine.answer_by) == (
        MESSAGE,
        f"{group_a.name}の理由",
        in_days(14),
    )
    assert (mine.invited_by, mine.created_by) == (centre_staff, centre_staff)
    [change] = history_of(mine)
    assert (change.from_status, change.to_status, change.actor) == (
        "candidate",
        "invited",
        centre_staff,
    )
    # The group's managers are told in the inbox and by mail; the department is not bothered.
    [notice] = Notification.objects.filter(object_id=mine.pk)
    assert notice.recipient == group_manager
    assert notice.url == f"/coordination/invitations/{mine.pk}/"
    assert need.title in notice.message and date_label(in_days(14)) in notice.message
    assert recipients_of(mail.outbox) == [group_manager.email]
    assert f"/coordination/invitations/{mine.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "status",
    [
        CitizenGroup.Status.SUBMITTED,
        CitizenGroup.Status.RENEWAL_DUE,
        CitizenGroup.Status.SUSPENDED,
        CitizenGroup.Status.ARCHIVED,
    ],
)
def test_a_group_that_is_not_registered_is_refused_by_name_and_nobody_is_invited(
    need: Any, group_a: Any, centre_staff: Any, status: str
) -> None:
    unregistered = CitizenGroupFactory.create(name="休んでいる会", status=status)
    with pytest.raises(InvitationError) as refused:
        _invite(need, [group_a, unregistered], centre_staff)
    label = CitizenGroup.Status(status).label
    assert refused.value.problems == [
        ja("“%(group)s” is not a registered group (%(status)s), so it cannot be asked.")
        % {"group": "休んでいる会", "status": ja(str(label))}
    ]
    _nothing_saved()


def test_a_group_is_never_invited_twice_to_the_same_need(
    need: Any, group_a: Any, group_b: Any, centre_staff: Any
) -> None:
    first = make_invitation(need, group_a, Status.DECLINED)
    with pytest.raises(InvitationError) as refused:
        _invite(need, [group_a, group_b], centre_staff)
    assert refused.value.problems == [
        ja("“%(group)s” was already asked about this need (now “%(status)s”).")
        % {"group": group_a.name, "status": Status.DECLINED.label}
    ]
    assert list(Invitation.objects.all()) == [first]
    assert not Notification.objects.exists()


def test_a_second_invitation_is_refused_even_when_both_are_sent_at_once(
    need: Any, group_a: Any, centre_staff: Any
) -> None:
    _invite(need, [group_a], centre_staff)
    with pytest.raises(InvitationError):
        _invite(need, [group_a], centre_staff, message="もう一度")
    assert Invitation.objects.get().message == MESSAGE


def test_a_shortlisted_group_is_invited_on_its_own_row(
    need: Any, group_a: Any, centre_staff: Any, group_manager: Any
) -> None:
    assert shortlist(need, [group_a], centre_staff) == 1
    assert shortlist(need, [group_a], centre_staff) == 0  # already on the list
    candidate = Invitation.objects.get()
    assert candidate.status == Status.CANDIDATE
    # A shortlist is the centre's: the group hears nothing yet.
    assert not Notification.objects.exists()
    _invite(need, [group_a], centre_staff)
    candidate.refresh_from_db()
    assert candidate.status == Status.INVITED and Invitation.objects.count() == 1
    assert [c.to_status for c in history_of(candidate, oldest_first=True)] == [
        "candidate",
        "invited",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"status": DepartmentNeed.Status.CLOSED},
            "The need is “%(status)s”: groups are asked about open needs only.",
        ),
        (
            {"is_public": False},
            "The need is staff-only: publish it before groups are asked about it.",
        ),
    ],
)
def test_groups_are_asked_about_open_public_needs_only(
    need: Any, group_a: Any, centre_staff: Any, changes: dict[str, Any], message: str
) -> None:
    DepartmentNeed.objects.filter(pk=need.pk).update(**changes)
    need.refresh_from_db()
    with pytest.raises(InvitationError) as refused:
        _invite(need, [group_a], centre_staff)
    assert refused.value.problems == [
        ja(message) % {"status": need.get_status_display()} if "%" in message else ja(message)
    ]
    _nothing_saved()


def test_a_staff_only_need_may_still_have_a_shortlist(
    need: Any, group_a: Any, centre_staff: Any
) -> None:
    DepartmentNeed.objects.filter(pk=need.pk).update(is_public=False)
    need.refresh_from_db()
    assert shortlist(need, [group_a], centre_staff) == 1


def test_an_invitation_needs_a_message_and_a_date_not_in_the_past(
    need: Any, group_a: Any, centre_staff: Any
) -> None:
    with pytest.raises(InvitationError) as refused:
        _invite(need, [group_a], centre_staff, message="  ", answer_by=in_days(-1))
    assert [problem.section for problem in refused.value.problems] == ["message", "answer_by"]
    _nothing_saved()


@pytest.mark.parametrize("role", ["city_staff", "secretariat", "group_manager"])
def test_only_coordinators_invite(need: Any, group_a: Any, role: str, request: Any) -> None:
    with pytest.raises(InvitationError):
        _invite(need, [group_a], request.getfixturevalue(role))
    _nothing_saved()


def test_the_group_answers_interested_and_the_centre_and_department_hear_it(
    invitation: Invitation,
    group_manager: Any,
    centre_staff: Any,
    city_staff: Any,
    other_city_staff: Any,
) -> None:
    answer(invitation, interested=True, note="4月から参加できます。", actor=group_manager)
    invitation.refresh_from_db()
    assert invitation.status == Status.INTERESTED
    assert invitation.answer_note == "4月から参加できます。"
    told = sorted(n.recipient.email for n in Notification.objects.all())
    assert told == sorted([centre_staff.email, city_staff.email])
    assert mailed_to() == sorted([centre_staff.email, city_staff.email])
    assert "4月から参加できます。" in OutboxMail.objects.first().body  # type: ignore[union-attr]


def test_the_group_declines_with_a_note(invitation: Invitation, group_manager: Any) -> None:
    answer(invitation, interested=False, note="今年度は人手が足りません。", actor=group_manager)
    invitation.refresh_from_db()
    assert invitation.status == Status.DECLINED
    [change] = history_of(invitation)
    assert change.reason == "今年度は人手が足りません。"


def test_an_answer_after_expiry_is_refused_with_the_date(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    expired = make_invitation(need, group_a, Status.EXPIRED, answer_by=in_days(-2))
    with pytest.raises(InvitationError) as refused:
        answer(expired, interested=True, note="", actor=group_manager)
    assert date_label(in_days(-2)) in str(refused.value)
    assert Invitation.objects.get().status == Status.EXPIRED
    assert not StatusChange.objects.exists()


def test_a_second_answer_is_refused(invitation: Invitation, group_manager: Any) -> None:
    answer(invitation, interested=False, note="", actor=group_manager)
    with pytest.raises(InvitationError) as refused:
        answer(invitation, interested=True, note="やはり", actor=group_manager)
    assert str(refused.value) == ja("This invitation has already been answered (“%(status)s”).") % {
        "status": Status.DECLINED.label
    }
    assert Invitation.objects.get().status == Status.DECLINED


def test_another_groups_manager_cannot_answer(
    invitation: Invitation, other_group_manager: Any
) -> None:
    with pytest.raises(InvitationError):
        answer(invitation, interested=True, note="", actor=other_group_manager)
    assert Invitation.objects.get().status == Status.INVITED
