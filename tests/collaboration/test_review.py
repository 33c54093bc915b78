"""The review panel: conflict of interest, scoring, totals against the pass mark."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Role
from collaboration.errors import ProposalError
from collaboration.models import Criterion, Proposal
from collaboration.services import review
from kamakura_portal.workflow import transition
from tests.factories import GroupMembershipFactory, UserFactory

from .conftest import ja, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
ALL_FIVES = {c: (5, "") for c in Criterion.values}
ALL_TWOS = {c: (2, "") for c in Criterion.values}


@pytest.fixture
def in_review(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.REVIEW)


def test_a_committee_member_joins_and_scores(in_review: Proposal, committee_member: Any) -> None:
    review.assign_reviewer(in_review, committee_member)
    review.score_proposal(in_review, committee_member, ALL_FIVES)
    result = review.panel_result(in_review)
    assert result is not None
    assert (result.is_complete, result.average, result.passed) == (True, 30, True)
    assert result.reviewers[0].points == [5] * 6


def test_a_manager_of_the_proposing_group_cannot_sit_on_the_panel(
    in_review: Proposal, group_manager: Any
) -> None:
    with pytest.raises(ProposalError) as refused:
        review.assign_reviewer(in_review, group_manager)
    assert str(refused.value) == ja(
        "%(name)s manages a group of this proposal and cannot review it."
    ) % {"name": group_manager}
    assert review.panel_result(in_review) is None


def test_staff_of_the_counterpart_department_cannot_sit_on_the_panel(
    in_review: Proposal, city_staff: Any
) -> None:
    with pytest.raises(ProposalError):
        review.assign_reviewer(in_review, city_staff)


def test_staff_of_another_department_may_review(in_review: Proposal, other_city_staff: Any) -> None:
    assert review.assign_reviewer(in_review, other_city_staff).reviewer == other_city_staff


def test_a_reviewer_who_became_a_manager_meanwhile_cannot_score(
    in_review: Proposal, committee_member: Any, group_a: Any
) -> None:
    review.assign_reviewer(in_review, committee_member)
    GroupMembershipFactory.create(user=committee_member, group=group_a)
    committee_member.__dict__.pop("managed_group_ids", None)
    with pytest.raises(ProposalError):
        review.score_proposal(in_review, committee_member, ALL_FIVES)


def test_every_criterion_must_be_scored(in_review: Proposal, committee_member: Any) -> None:
    review.assign_reviewer(in_review, committee_member)
    with pytest.raises(ProposalError):
        review.score_proposal(in_review, committee_member, {"feasibility": (3, "")})
    result = review.panel_result(in_review)
    assert result is not None and result.reviewers[0].scores == {}


def test_only_panel_members_score(in_review: Proposal, committee_member: Any) -> None:
    with pytest.raises(ProposalError):
        review.score_proposal(in_review, committee_member, ALL_FIVES)


def test_adoption_waits_for_every_reviewer_and_the_pass_mark(
    in_review: Proposal, committee_member: Any, secretariat: Any
) -> None:
    second = UserFactory.create(roles=[Role.COMMITTEE])
    review.assign_reviewer(in_review, committee_member)
    review.assign_reviewer(in_review, second)
    review.score_proposal(in_review, committee_member, ALL_FIVES)
    with pytest.raises(ProposalError) as refused:
        transition(in_review, Status.ADOPTED, secretariat)
    assert str(refused.value) == ja(
        "Every member of the review panel must score the proposal first."
    )
    review.score_proposal(in_review, second, ALL_TWOS)  # totals 30 and 12: average 21
    review.set_pass_mark(in_review, 22)
    with pytest.raises(ProposalError):
        transition(in_review, Status.ADOPTED, secretariat)
    review.set_pass_mark(in_review, 21)
    transition(in_review, Status.ADOPTED, secretariat)
    assert in_review.status == Status.ADOPTED


def test_the_panel_is_fixed_once_the_decision_is_made(
    group_proposal: Proposal, committee_member: Any
) -> None:
    put_in(group_proposal, Status.ADOPTED)
    with pytest.raises(ProposalError):
        review.assign_reviewer(group_proposal, committee_member)
