"""An invitation moves along its table only (候補 → 打診済 → 関心あり / 辞退 / 期限切れ → 協議中 →
提案へ), each move made by whom the rules allow — coordinators invite and move the talks on,
the invited group's managers answer — and recorded in the shared history."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import Proposal
from coordination.models import Invitation
from coordination.notifications import date_label
from coordination.workflow import (
    ANSWER,
    COORDINATE,
    END_TALKS,
    INVITE,
    PROPOSE,
    RAISE_HAND,
    WORKFLOW,
    InvitationError,
)
from kamakura_portal.workflow import SYSTEM, history_of, transition
from tests.conftest import for_every_role, ja, roles_except
from tests.workflows import try_move

from .invitation_factories import (
    a_need,  # noqa: F401  (fixtures)
    in_days,
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status
COORDINATORS = {"centre_staff"}
MANAGERS = {"group_manager"}
MAY_MAKE = {
    INVITE: COORDINATORS,
    ANSWER: MANAGERS,
    RAISE_HAND: MANAGERS,
    COORDINATE: COORDINATORS,
    PROPOSE: COORDINATORS | MANAGERS,
    END_TALKS: COORDINATORS | MANAGERS,
}
ROLE_PERMISSIONS = {
    role: {perm for perm, roles in MAY_MAKE.items() if role in roles}
    for role in roles_except(set(), None, None)
}


def draft_of(group: Any) -> Proposal:
    return Proposal.objects.create(
        title="見守り", proposer_side=Proposal.ProposerSide.GROUP, proposing_group=group
    )


@pytest.mark.parametrize(
    "move",
    [move for move in WORKFLOW.moves if not move.by_system and move.target != Status.PROPOSED],
    ids=lambda m: f"{m.source}-{m.target}",
)
@for_every_role(ROLE_PERMISSIONS)
def test_each_move_is_made_only_by_whom_the_rules_allow(
    need: Any, group_a: Any, move: Any, role_user: Any, expected: set[str]
) -> None:
    invitation = make_invitation(need, group_a, move.source)
    try_move(
        invitation, move, role_user, allowed=move.permission in expected, refused=InvitationError
    )


@pytest.mark.parametrize("source", [Status.INTERESTED, Status.DISCUSSING])
@for_every_role(ROLE_PERMISSIONS)
def test_the_move_to_a_proposal_is_made_by_the_coordinators_and_the_groups_managers(
    need: Any, group_a: Any, source: str, role_user: Any, expected: set[str]
) -> None:
    invitation = make_invitation(need, group_a, source)
    proposal = draft_of(group_a)
    if PROPOSE in expected:
        transition(invitation, Status.PROPOSED, role_user, proposal=proposal)
        assert (invitation.status, invitation.proposal) == (Status.PROPOSED, proposal)
    else:
        with pytest.raises(InvitationError):
            transition(invitation, Status.PROPOSED, role_user, proposal=proposal)
        invitation.refresh_from_db()
        assert invitation.status == source and invitation.proposal is None


def test_nobody_but_the_portal_lets_an_invitation_expire(
    need: Any, group_a: Any, centre_staff: Any, group_manager: Any
) -> None:
    invitation = make_invitation(need, group_a)
    for person in (centre_staff, group_manager):
        with pytest.raises(InvitationError):
            transition(invitation, Status.EXPIRED, person)
    transition(invitation, Status.EXPIRED, SYSTEM, reason="期限切れ")
    [change] = history_of(invitation)
    assert (change.from_status, change.to_status, change.actor) == ("invited", "expired", None)


def test_an_answer_after_the_answer_date_is_refused_even_before_the_daily_sweep(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    invitation = make_invitation(need, group_a, answer_by=in_days(-1))
    with pytest.raises(InvitationError) as refused:
        transition(invitation, Status.INTERESTED, group_manager)
    assert str(refused.value) == ja(
        "The answer period ended on %(date)s. If the group is still interested, "
        "contact the Civic Activity Centre."
    ) % {"date": date_label(in_days(-1))}
    invitation.refresh_from_db()
    assert invitation.status == Status.INVITED and not history_of(invitation).exists()


def test_the_last_day_itself_is_still_in_time(need: Any, group_a: Any, group_manager: Any) -> None:
    invitation = make_invitation(need, group_a, answer_by=in_days(0))
    transition(invitation, Status.INTERESTED, group_manager, reason="ぜひ")
    assert invitation.status == Status.INTERESTED
    assert (invitation.answer_note, invitation.answered_by) == ("ぜひ", group_manager)
    assert invitation.answered_at is not None and not invitation.raised_by_group


def test_a_pair_becomes_a_proposal_only_with_its_draft(
    need: Any, group_a: Any, centre_staff: Any
) -> None:
    invitation = make_invitation(need, group_a, Status.INTERESTED)
    with pytest.raises(InvitationError) as refused:
        transition(invitation, Status.PROPOSED, centre_staff)
    assert str(refused.value) == ja("Open the proposal draft from the invitation's page.")


def test_the_talks_end_only_with_a_reason(need: Any, group_a: Any, centre_staff: Any) -> None:
    invitation = make_invitation(need, group_a, Status.DISCUSSING)
    with pytest.raises(InvitationError) as refused:
        transition(invitation, Status.DECLINED, centre_staff, reason="  ")
    assert str(refused.value) == ja("Write why the talks end; the other side will read it.")


@pytest.mark.parametrize("status", [Status.DECLINED, Status.EXPIRED, Status.PROPOSED])
def test_a_finished_pair_does_not_move_again(
    need: Any, group_a: Any, centre_staff: Any, group_manager: Any, status: str
) -> None:
    invitation = make_invitation(need, group_a, status)
    for target in (Status.INVITED, Status.INTERESTED, Status.DISCUSSING):
        for person in (centre_staff, group_manager):
            with pytest.raises(InvitationError):
                transition(invitation, target, person)
    assert Invitation.objects.get(pk=invitation.pk).status == status
