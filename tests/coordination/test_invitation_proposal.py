"""An interested pair is discussed (協議中) and becomes a proposal draft (提案へ): a 団体提案 of
the group to the need's department, answering the need and titled after it."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import Proposal
from coordination.models import Invitation
from coordination.services.invitations import end_talks, start_discussion, to_proposal
from coordination.workflow import InvitationError
from kamakura_portal.models import Notification
from kamakura_portal.workflow import history_of
from tests.conftest import ja

from .invitation_factories import (
    a_need,  # noqa: F401  (fixtures)
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status


@pytest.mark.parametrize("source", [Status.INTERESTED, Status.DISCUSSING])
def test_the_proposal_draft_is_prefilled_with_both_parties_and_the_need(
    need: Any, group_a: Any, dept_own: Any, centre_staff: Any, source: str
) -> None:
    invitation = make_invitation(need, group_a, source)
    proposal = to_proposal(invitation, centre_staff)
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.proposer_side == Proposal.ProposerSide.GROUP
    assert proposal.proposing_group == group_a
    assert list(proposal.counterpart_departments.all()) == [dept_own]
    assert proposal.related_need == need and proposal.title == need.title
    invitation.refresh_from_db()
    assert (invitation.status, invitation.proposal) == (Status.PROPOSED, proposal)
    assert history_of(invitation).first().to_status == "proposed"  # type: ignore[union-attr]


def test_the_groups_manager_may_start_the_draft_they_will_write(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    invitation = make_invitation(need, group_a, Status.INTERESTED)
    proposal = to_proposal(invitation, group_manager)
    assert group_manager.has_perm("collaboration.edit_proposal", proposal)


@pytest.mark.parametrize("source", [Status.INVITED, Status.DECLINED, Status.PROPOSED])
def test_no_draft_before_the_group_is_interested_or_twice(
    need: Any, group_a: Any, centre_staff: Any, source: str
) -> None:
    invitation = make_invitation(need, group_a, source)
    with pytest.raises(InvitationError) as refused:
        to_proposal(invitation, centre_staff)
    assert str(refused.value) == ja(
        "A proposal is started once the group is interested (now “%(status)s”)."
    ) % {"status": Status(source).label}
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("role", ["city_staff", "other_group_manager", "secretariat"])
def test_others_cannot_start_the_draft(need: Any, group_a: Any, role: str, request: Any) -> None:
    invitation = make_invitation(need, group_a, Status.INTERESTED)
    with pytest.raises(InvitationError):
        to_proposal(invitation, request.getfixturevalue(role))
    assert not Proposal.objects.exists()
    assert Invitation.objects.get().status == Status.INTERESTED


def test_the_talks_are_announced_to_everyone_on_the_pair_but_the_actor(
    need: Any, group_a: Any, centre_staff: Any, group_manager: Any, city_staff: Any
) -> None:
    invitation = make_invitation(need, group_a, Status.INTERESTED)
    start_discussion(invitation, centre_staff)
    assert invitation.status == Status.DISCUSSING
    told = sorted(n.recipient.email for n in Notification.objects.all())
    assert told == sorted([group_manager.email, city_staff.email])


def test_the_group_ends_the_talks_with_its_reason(
    need: Any, group_a: Any, group_manager: Any, centre_staff: Any
) -> None:
    invitation = make_invitation(need, group_a, Status.DISCUSSING)
    end_talks(invitation, group_manager, "日程が合いませんでした。")
    assert invitation.status == Status.DECLINED
    assert history_of(invitation).get().reason == "日程が合いませんでした。"
