"""Completeness: one message per gap, each naming the section where it is filled in."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.domain.sections import missing_for_submission
from collaboration.models import CostLine, Proposal, RoleItem, Side

from .conftest import ja

pytestmark = pytest.mark.django_db


def test_a_complete_proposal_has_no_gaps(group_proposal: Proposal) -> None:
    assert missing_for_submission(group_proposal) == []


def test_a_new_draft_lists_every_gap_with_its_section(group_a: Any) -> None:
    proposal = Proposal.objects.create(
        title="新しい提案", proposer_side=Proposal.ProposerSide.GROUP, proposing_group=group_a
    )
    problems = missing_for_submission(proposal)
    by_section: dict[str, list[str]] = {}
    for problem in problems:
        by_section.setdefault(problem.section, []).append(str(problem))
    assert list(by_section) == ["basic", "budget", "mutual", "roles", "purpose", "evaluation"]
    assert ja("Choose the programme.") in by_section["basic"]
    assert ja("Choose the city department you propose to.") in by_section["basic"]
    assert ja("Add at least one cost line.") in by_section["budget"]
    assert len(by_section["mutual"]) == 3
    assert len(by_section["evaluation"]) == 3
    assert ja("Add at least one milestone with its date.") in by_section["purpose"]
    assert len(problems) == len(set(problems))  # one message per gap


def test_a_city_proposal_needs_a_partner_group(city_proposal: Proposal) -> None:
    city_proposal.counterpart_groups.clear()
    assert missing_for_submission(city_proposal) == [
        ja("Choose the group the city will work with.")
    ]


def test_the_role_table_must_give_both_sides_a_task(group_proposal: Proposal) -> None:
    RoleItem.objects.filter(proposal=group_proposal, responsible=Side.CITY).delete()
    problems = missing_for_submission(group_proposal)
    assert problems == [ja("Give the city at least one task in the role table.")]
    assert problems[0].section == "roles"


def test_a_shared_task_counts_for_both_sides(group_proposal: Proposal) -> None:
    group_proposal.roles.all().delete()
    RoleItem.objects.create(
        proposal=group_proposal,
        task="共同で運営",
        responsible=Side.BOTH,
        cost_bearer=Side.BOTH,
        risk_bearer=Side.BOTH,
    )
    assert missing_for_submission(group_proposal) == []


def test_the_request_cannot_exceed_the_cost_lines(group_proposal: Proposal) -> None:
    group_proposal.requested_amount = 90000
    group_proposal.save()
    problems = missing_for_submission(group_proposal)
    assert [p.section for p in problems] == ["budget"]
    assert "90,000" in problems[0] and "80,000" in problems[0]
    CostLine.objects.create(proposal=group_proposal, item="保険", amount=10000, bearer=Side.GROUP)
    assert missing_for_submission(group_proposal) == []
