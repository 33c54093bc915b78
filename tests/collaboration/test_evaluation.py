"""Self-evaluations, mutual reviews, the committee's evaluation and the comparison."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.errors import ProposalError
from collaboration.models import Proposal, Stage
from collaboration.services import evaluation
from kamakura_portal.workflow import transition

from .conftest import GRADES, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status


@pytest.fixture
def running(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.IN_PROGRESS)


def test_each_side_files_its_own_self_evaluation(
    running: Proposal, group_manager: Any, city_staff: Any
) -> None:
    evaluation.file_self_evaluation(running, group_manager, "group", Stage.MID_TERM, GRADES)
    with pytest.raises(ProposalError):
        evaluation.file_self_evaluation(running, group_manager, "city", Stage.MID_TERM, GRADES)
    evaluation.file_self_evaluation(
        running, city_staff, "city", Stage.MID_TERM, {**GRADES, "information_grade": "C"}
    )
    mid = evaluation.comparison(running)[0]
    assert mid.stage == Stage.MID_TERM and mid.difference_count == 1
    differing = [item.label for item in mid.items if item.differs]
    assert len(differing) == 1


def test_filing_again_replaces_the_earlier_one(running: Proposal, group_manager: Any) -> None:
    evaluation.file_self_evaluation(running, group_manager, "group", Stage.FINAL, GRADES)
    evaluation.file_self_evaluation(
        running, group_manager, "group", Stage.FINAL, {**GRADES, "synergy_grade": "B"}
    )
    assert running.self_evaluations.get().synergy_grade == "B"


def test_the_mid_term_evaluation_is_closed_once_reported(
    group_proposal: Proposal, group_manager: Any
) -> None:
    put_in(group_proposal, Status.REPORTED)
    with pytest.raises(ProposalError):
        evaluation.file_self_evaluation(group_proposal, group_manager, "group", "mid", GRADES)


def test_only_committee_members_file_the_third_party_evaluation(
    group_proposal: Proposal, committee_member: Any, secretariat: Any
) -> None:
    put_in(group_proposal, Status.REPORTED)
    with pytest.raises(ProposalError):
        evaluation.file_committee_evaluation(group_proposal, secretariat, "A", "よい")
    with pytest.raises(ProposalError):
        evaluation.file_committee_evaluation(group_proposal, committee_member, "A", " ")
    done = evaluation.file_committee_evaluation(group_proposal, committee_member, "B", "概ね良好")
    assert (done.grade, done.evaluator) == ("B", committee_member)


def test_evaluated_needs_both_sides_the_mutual_review_and_the_committee(
    group_proposal: Proposal,
    group_manager: Any,
    city_staff: Any,
    committee_member: Any,
    secretariat: Any,
) -> None:
    put_in(group_proposal, Status.REPORTED)
    with pytest.raises(ProposalError) as refused:
        transition(group_proposal, Status.EVALUATED, secretariat)
    assert len(refused.value.problems) == 4
    evaluation.file_self_evaluation(group_proposal, group_manager, "group", "final", GRADES)
    evaluation.file_self_evaluation(group_proposal, city_staff, "city", "final", GRADES)
    evaluation.write_mutual_review(
        group_proposal,
        city_staff,
        "final",
        {"shared": "目的", "differed": "頻度", "to_improve": "広報"},
    )
    evaluation.file_committee_evaluation(group_proposal, committee_member, "A", "よい協働")
    transition(group_proposal, Status.EVALUATED, secretariat)
    assert group_proposal.status == Status.EVALUATED


def test_the_report_is_needed_before_reporting(running: Proposal, group_manager: Any) -> None:
    with pytest.raises(ProposalError):
        transition(running, Status.REPORTED, group_manager)
    running.report_summary = "実施しました。"
    running.save()
    transition(running, Status.REPORTED, group_manager)
    assert running.status == Status.REPORTED
