"""Every move of the state machine, tried by every role, on a group and a city proposal.

A role that may make the move changes the status and leaves a record; any other role gets
a Japanese refusal and nothing changes.
"""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.errors import ProposalError
from collaboration.models import Proposal
from collaboration.workflow.proposals import PARTIES, PROPOSER, SECRETARIAT, WORKFLOW
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import transition
from tests.conftest import roles_of_the_run

from .conftest import ja, meet_guard, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status

# Who may make each kind of move, for a proposal of group_a with dept_own.
GROUP_PROPOSAL_ACTORS = {
    "proposer": {"group_manager"},
    "parties": {"group_manager", "city_staff", "secretariat"},
    "secretariat": {"secretariat"},
}
CITY_PROPOSAL_ACTORS = {
    "proposer": {"city_staff", "secretariat"},
    "parties": {"group_manager", "city_staff", "secretariat"},
    "secretariat": {"secretariat"},
}
# Who may make each kind of move is the move's permission.
KIND = {PROPOSER: "proposer", PARTIES: "parties", SECRETARIAT: "secretariat"}
TRANSITIONS = {pair: KIND[move.permission or ""] for pair, move in WORKFLOW.table.items()}
MOVES = sorted(TRANSITIONS)
REFUSALS = {
    "proposer": "Only the side that wrote the proposal can do this.",
    "parties": "Only the group and the city department of this project can do this.",
    "secretariat": "Only the secretariat (地域のつながり課) can do this.",
}


def _cases() -> list[Any]:
    return [
        pytest.param(kind, move, role, id=f"{kind}-{move[0]}-{move[1]}-{role}")
        for kind in ("group_proposal", "city_proposal")
        for move in MOVES
        for role in roles_of_the_run()
    ]


@pytest.mark.permissions
@pytest.mark.parametrize(("kind", "move", "role"), _cases())
def test_only_the_allowed_roles_make_each_move(
    request: pytest.FixtureRequest, kind: str, move: tuple[str, str], role: str
) -> None:
    proposal: Proposal = request.getfixturevalue(kind)
    user = request.getfixturevalue(role)
    from_status, to_status = move
    put_in(proposal, from_status)
    meet_guard(proposal, to_status)
    actors = (GROUP_PROPOSAL_ACTORS if kind == "group_proposal" else CITY_PROPOSAL_ACTORS)[
        TRANSITIONS[move]
    ]
    if role in actors:
        transition(proposal, to_status, user, reason="理由があります", outcome="continued")
        proposal.refresh_from_db()
        assert proposal.status == to_status
        change = StatusChange.objects.get(object_id=proposal.pk)
        assert (change.from_status, change.to_status, change.actor) == (
            from_status,
            to_status,
            user,
        )
    else:
        with pytest.raises(ProposalError) as refused:
            transition(proposal, to_status, user, reason="理由があります", outcome="continued")
        assert str(refused.value) == ja(REFUSALS[TRANSITIONS[move]])
        proposal.refresh_from_db()
        assert proposal.status == from_status
        assert not StatusChange.objects.filter(object_id=proposal.pk).exists()
