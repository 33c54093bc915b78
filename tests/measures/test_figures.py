"""The figures of measures.queries, each pinned to a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest

from measures.models import Category, Measure, Plan, ProgressReport, Tier
from measures.queries import (
    NOT_REPORTED,
    grade_distribution,
    measures_by_tier_and_status,
    measures_without_report,
    reports_by_status,
)
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status
Grade = ProgressReport.Grade
Progress = ProgressReport.Progress


@pytest.fixture
def plan() -> Plan:
    """Tier Ⅰ with three measures, Ⅲ with two, and one measure without a tier."""
    plan = Plan.objects.create(code="test-plan", title="テスト指針")
    category = Category.objects.create(plan=plan, code="1", label="(1)", title="分野")
    one = Tier.objects.create(plan=plan, code="I", label="Ⅰ", sort_order=1)
    three = Tier.objects.create(plan=plan, code="III", label="Ⅲ", sort_order=2)
    department = DepartmentFactory.create()
    for n, tier in enumerate([one, one, one, three, three, None], start=1):
        measure = Measure.objects.create(
            plan=plan, category=category, tier=tier, code=str(n), title=f"施策{n}", sort_order=n
        )
        measure.lead_departments.add(department)
    return plan


def report(
    plan: Plan, code: str, year: int, status: str, grade: str = "", progress: str = ""
) -> None:
    measure = plan.measures.get(code=code)
    ProgressReport.objects.create(
        measure=measure, fiscal_year=year, status=status, grade=grade, progress=progress
    )


def test_it_counts_measures_by_tier_and_published_progress_of_the_year(
    plan: Plan, django_assert_num_queries: Any
) -> None:
    report(plan, "1", 2026, Status.PUBLISHED, progress=Progress.COMPLETED)
    report(plan, "2", 2026, Status.SUBMITTED, progress=Progress.IN_PROGRESS)  # not published
    report(plan, "4", 2026, Status.PUBLISHED, progress=Progress.IN_PROGRESS)
    report(plan, "3", 2025, Status.PUBLISHED, progress=Progress.COMPLETED)  # another year
    with django_assert_num_queries(1):  # the measures grouped by tier and the year's progress
        table = measures_by_tier_and_status(plan, 2026)
    assert table == {
        "Ⅰ": {Progress.COMPLETED: 1, NOT_REPORTED: 2},
        "Ⅲ": {Progress.IN_PROGRESS: 1, NOT_REPORTED: 1},
        "": {NOT_REPORTED: 1},
    }
    assert list(table) == ["Ⅰ", "Ⅲ", ""]


def test_staff_figures_count_unpublished_reports_but_not_empty_progress(plan: Plan) -> None:
    report(plan, "1", 2026, Status.PUBLISHED, progress=Progress.COMPLETED)
    report(plan, "2", 2026, Status.SUBMITTED, progress=Progress.IN_PROGRESS)
    report(plan, "3", 2026, Status.DRAFT)  # started, progress not chosen yet

    table = measures_by_tier_and_status(plan, 2026, published_only=False)

    assert table["Ⅰ"] == {Progress.COMPLETED: 1, Progress.IN_PROGRESS: 1, NOT_REPORTED: 1}


def test_it_counts_the_year_s_measures_per_report_status(
    plan: Plan, django_assert_num_queries: Any
) -> None:
    report(plan, "1", 2026, Status.PUBLISHED)
    report(plan, "2", 2026, Status.SUBMITTED)
    report(plan, "3", 2026, Status.SUBMITTED)
    report(plan, "4", 2025, Status.PUBLISHED)  # another year
    with django_assert_num_queries(1):  # the measures grouped by their report's status
        counts = reports_by_status(plan, 2026)
    assert counts == {
        NOT_REPORTED: 3,
        Status.DRAFT: 0,
        Status.SUBMITTED: 2,
        Status.RETURNED: 0,
        Status.APPROVED: 0,
        Status.PUBLISHED: 1,
    }


def test_it_lists_the_measures_without_a_report(plan: Plan, django_assert_num_queries: Any) -> None:
    report(plan, "1", 2026, Status.DRAFT)
    report(plan, "5", 2026, Status.APPROVED)
    report(plan, "2", 2025, Status.PUBLISHED)
    # 1: the measures with tier and category; 2: their lead departments.
    with django_assert_num_queries(2):
        missing = list(measures_without_report(plan, 2026))
        departments = [list(m.lead_departments.all()) for m in missing]
        tiers = [m.tier.label if m.tier else "" for m in missing]
    assert [m.code for m in missing] == ["2", "3", "4", "6"]
    assert tiers == ["Ⅰ", "Ⅰ", "Ⅲ", ""]
    assert all(len(d) == 1 for d in departments)


def test_it_counts_the_grades_of_the_year(plan: Plan, django_assert_num_queries: Any) -> None:
    report(plan, "1", 2026, Status.PUBLISHED, Grade.A)
    report(plan, "2", 2026, Status.SUBMITTED, Grade.A)
    report(plan, "3", 2026, Status.DRAFT, Grade.C)
    report(plan, "4", 2026, Status.DRAFT)  # not graded yet
    report(plan, "5", 2025, Status.PUBLISHED, Grade.S)  # another year
    with django_assert_num_queries(1):  # the year's reports grouped by grade
        grades = grade_distribution(plan, 2026)
    assert grades == {"S": 0, "A": 1, "B": 0, "C": 0}  # published reports only
    assert grade_distribution(plan, 2026, published_only=False) == {"S": 0, "A": 2, "B": 0, "C": 1}


def test_the_figures_of_another_plan_stay_apart(plan: Plan) -> None:
    other = Plan.objects.create(code="other", title="別の計画")
    Measure.objects.create(plan=other, code="1", title="別の施策")
    assert measures_by_tier_and_status(other, 2026) == {"": {NOT_REPORTED: 1}}
    assert grade_distribution(other, 2026) == {"S": 0, "A": 0, "B": 0, "C": 0}
