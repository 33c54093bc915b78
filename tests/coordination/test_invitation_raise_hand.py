"""A group manager raises a hand (関心あり) on a public open need: the pair arrives interested,
raised by the group, and the coordinators and the need's department are told — nobody else."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import DepartmentNeed
from coordination.models import Invitation
from coordination.services.invitations import raise_hand, shortlist
from coordination.workflow import InvitationError
from groups.models import CitizenGroup
from kamakura_portal.models import Notification
from kamakura_portal.workflow import history_of
from tests.conftest import ja

from .invitation_factories import (
    a_need,  # noqa: F401  (fixtures)
    mailed_to,
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status


def test_a_raised_hand_tells_the_coordinators_and_the_department(
    need: Any,
    group_a: Any,
    group_manager: Any,
    centre_staff: Any,
    city_staff: Any,
    other_city_staff: Any,
    other_group_manager: Any,
) -> None:
    invitation = raise_hand(need, group_a, "子ども食堂の経験があります。", group_manager)
    assert invitation.status == Status.INTERESTED and invitation.raised_by_group
    assert (invitation.answer_note, invitation.answered_by) == (
        "子ども食堂の経験があります。",
        group_manager,
    )
    [change] = history_of(invitation)
    assert (change.from_status, change.to_status) == ("candidate", "interested")
    told = sorted(n.recipient.email for n in Notification.objects.all())
    assert told == sorted([centre_staff.email, city_staff.email])
    message = Notification.objects.first().message  # type: ignore[union-attr]
    assert message == ja("“%(group)s” raised its hand for the need “%(title)s”.") % {
        "group": group_a.name,
        "title": need.title,
    }
    assert mailed_to() == sorted([centre_staff.email, city_staff.email])


def test_a_hand_raised_on_a_shortlisted_pair_uses_its_row(
    need: Any, group_a: Any, group_manager: Any, centre_staff: Any
) -> None:
    shortlist(need, [group_a], centre_staff)
    raise_hand(need, group_a, "", group_manager)
    assert Invitation.objects.get().status == Status.INTERESTED


def test_an_invited_group_is_sent_to_its_invitation(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    make_invitation(need, group_a)
    with pytest.raises(InvitationError) as refused:
        raise_hand(need, group_a, "", group_manager)
    assert str(refused.value) == ja(
        "The centre has already invited “%(group)s” to this need: answer the invitation."
    ) % {"group": group_a.name}
    assert Invitation.objects.get().status == Status.INVITED


def test_a_hand_is_raised_once(need: Any, group_a: Any, group_manager: Any) -> None:
    raise_hand(need, group_a, "", group_manager)
    with pytest.raises(InvitationError):
        raise_hand(need, group_a, "もう一度", group_manager)
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [{"is_public": False}, {"status": DepartmentNeed.Status.CLOSED}],
    ids=["staff-only", "closed"],
)
def test_no_hand_is_raised_on_a_staff_only_or_closed_need(
    need: Any, group_a: Any, group_manager: Any, changes: dict[str, Any]
) -> None:
    DepartmentNeed.objects.filter(pk=need.pk).update(**changes)
    need.refresh_from_db()
    with pytest.raises(InvitationError):
        raise_hand(need, group_a, "", group_manager)
    assert not Invitation.objects.exists() and not Notification.objects.exists()


def test_a_manager_raises_hands_for_their_own_registered_group_only(
    need: Any, group_a: Any, group_b: Any, group_manager: Any
) -> None:
    with pytest.raises(InvitationError):
        raise_hand(need, group_b, "", group_manager)
    CitizenGroup.objects.filter(pk=group_a.pk).update(status=CitizenGroup.Status.RENEWAL_DUE)
    group_a.refresh_from_db()
    with pytest.raises(InvitationError) as refused:
        raise_hand(need, group_a, "", group_manager)
    assert group_a.name in str(refused.value)
    assert not Invitation.objects.exists()
