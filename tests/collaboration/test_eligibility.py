"""Eligibility is checked at submission against the programme's rules, with clear messages."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.domain.eligibility import eligibility_problems
from collaboration.errors import ProposalError
from collaboration.models import Program, Proposal
from groups.models import CitizenGroup
from kamakura_portal.workflow import transition

from .conftest import ja

pytestmark = pytest.mark.django_db


@pytest.fixture
def collaboration_course(
    group_proposal: Proposal, programs: dict[str, Program], group_a: CitizenGroup
) -> Proposal:
    """group_a meets every rule of 協働コース for a project starting in 2026."""
    group_a.founded_year = 2015
    group_a.citizen_member_count = 12
    group_a.save()
    group_proposal.program = programs["yell-collaboration"]
    group_proposal.save()
    return group_proposal


def test_an_eligible_group_passes(collaboration_course: Proposal) -> None:
    assert eligibility_problems(collaboration_course) == []


def test_a_programme_with_courses_asks_for_a_course(
    group_proposal: Proposal, programs: dict[str, Program]
) -> None:
    group_proposal.program = programs["yell"]
    problems = eligibility_problems(group_proposal)
    assert len(problems) == 1
    assert "スタートアップコース" in problems[0] and problems[0].section == "basic"


COURSE = "つながる鎌倉エール事業 協働コース"
GROUP = "由比ガ浜の会"


@pytest.mark.parametrize(
    ("group_change", "proposal_change", "msgid", "values"),
    [
        (
            {},
            {"officer_count": 2},
            "%(programme)s needs at least %(min)d officers; enter the number of "
            "officers in the outline (now %(count)s).",
            {"min": 3, "count": 2},
        ),
        (
            {"citizen_member_count": 4},
            {},
            "%(programme)s needs at least %(min)d members living in the city; "
            "the registration of %(group)s gives %(count)s.",
            {"min": 5, "count": 4},
        ),
        (
            {"founded_year": 2026},
            {},
            "%(programme)s needs at least %(years)d years of activity; "
            "%(group)s was founded in %(founded)d.",
            {"years": 1, "founded": 2026},
        ),
        (
            {"status": CitizenGroup.Status.RENEWAL_DUE},
            {},
            "%(programme)s is for groups registered with the civic activity centre; "
            "%(group)s is not registered at present.",
            {},
        ),
        (
            {},
            {"requested_amount": 600000},
            "%(programme)s grants at most %(max)s yen a year; %(amount)s yen is requested.",
            {"max": "500,000", "amount": "600,000"},
        ),
        (
            {},
            {"last_fiscal_year": 2029},
            "%(programme)s supports a project for at most %(max)d fiscal years; "
            "this one runs for %(count)d.",
            {"max": 3, "count": 4},
        ),
    ],
)
def test_each_broken_rule_has_its_own_message(
    collaboration_course: Proposal,
    group_a: CitizenGroup,
    group_change: dict[str, Any],
    proposal_change: dict[str, Any],
    msgid: str,
    values: dict[str, Any],
) -> None:
    for target, change in ((group_a, group_change), (collaboration_course, proposal_change)):
        for name, value in change.items():
            setattr(target, name, value)
        target.save()
    collaboration_course.refresh_from_db()
    assert eligibility_problems(collaboration_course) == [
        ja(msgid) % {"programme": COURSE, "group": GROUP, **values}
    ]


def test_a_startup_course_is_for_young_groups(
    group_proposal: Proposal, programs: dict[str, Program], group_a: CitizenGroup
) -> None:
    group_proposal.program = programs["yell-startup"]
    group_a.founded_year = 2020
    group_a.save()
    problems = eligibility_problems(group_proposal)
    assert len(problems) == 1 and "2020" in problems[0]
    group_a.founded_year = 2023
    group_a.save()
    group_proposal.proposing_group = group_a
    assert eligibility_problems(group_proposal) == []


def test_the_historical_programme_takes_no_new_projects(
    group_proposal: Proposal, programs: dict[str, Program]
) -> None:
    group_proposal.program = programs["mutual"]
    problems = eligibility_problems(group_proposal)
    assert len(problems) == 1 and "2021年度" in problems[0]


def test_the_yell_courses_take_no_city_proposals(
    city_proposal: Proposal, programs: dict[str, Program], group_a: CitizenGroup
) -> None:
    city_proposal.program = programs["yell-community"]
    problems = eligibility_problems(city_proposal)
    assert problems == [
        ja("%(programme)s does not take proposals from the city.")
        % {"programme": "つながる鎌倉エール事業 地域活性化コース"}
    ]


def test_submission_is_refused_for_an_ineligible_programme_and_nothing_changes(
    collaboration_course: Proposal, group_manager: Any
) -> None:
    collaboration_course.officer_count = None
    collaboration_course.save()
    with pytest.raises(ProposalError) as refused:
        transition(collaboration_course, Proposal.Status.SUBMITTED, group_manager)
    assert len(refused.value.problems) == 1
    collaboration_course.refresh_from_db()
    assert collaboration_course.status == Proposal.Status.DRAFT
    assert collaboration_course.submitted_at is None
