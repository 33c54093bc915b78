"""Fixtures of the measures tests.

Editing (tests/measures/test_edit_*.py, test_copy_edition.py): ``guideline`` is a small plan
with every kind of row, in a known order.
"""

from __future__ import annotations

from typing import Any

import pytest

from measures.models import Category, Measure, Plan, PlannedStep, PlanSection, Tier

# ---- Editing ------------------------------------------------------------------------------


@pytest.fixture
def guideline(dept_own: Any, dept_other: Any) -> Plan:
    """テスト指針 (FY2026–2030): sections 1 and 2, tiers Ⅰ and Ⅱ, categories (1) → ア, イ and
    (2), measures 1-a-1 and 1-a-2 under ア, 1-i-1 under イ, 2-1 under (2); 1-a-1 is related
    to 1-a-2, led by dept_own and has a step in FY2026."""
    plan = Plan.objects.create(
        code="test-guideline",
        title="テスト指針",
        municipality="鎌倉市",
        edition="令和8年版",
        edition_year=2026,
        start_fiscal_year=2026,
        end_fiscal_year=2030,
    )
    PlanSection.objects.create(plan=plan, number="1", title="目的", body="本文一", sort_order=1)
    PlanSection.objects.create(plan=plan, number="2", title="用語", body="本文二", sort_order=2)
    one = Tier.objects.create(plan=plan, code="I", label="Ⅰ", sort_order=1)
    two = Tier.objects.create(plan=plan, code="II", label="Ⅱ", sort_order=2)
    first = Category.objects.create(plan=plan, code="1", label="(1)", title="場", sort_order=1)
    a = Category.objects.create(
        plan=plan, parent=first, code="1-a", label="ア", title="場の提供", sort_order=1
    )
    i = Category.objects.create(
        plan=plan, parent=first, code="1-i", label="イ", title="場の活用", sort_order=2
    )
    second = Category.objects.create(plan=plan, code="2", label="(2)", title="資金", sort_order=2)
    rows = [("1-a-1", a, one, True), ("1-a-2", a, two, False), ("1-i-1", i, two, False)]
    rows.append(("2-1", second, one, False))
    measures = {}
    for order, (code, category, tier, priority) in enumerate(rows, start=1):
        measures[code] = Measure.objects.create(
            plan=plan,
            code=code,
            title=f"施策{code}",
            category=category,
            tier=tier,
            is_priority=priority,
            sort_order=order,
        )
    measures["1-a-1"].lead_departments.add(dept_own)
    measures["1-a-1"].related.add(measures["1-a-2"])
    PlannedStep.objects.create(measure=measures["1-a-1"], fiscal_year=2026, text="検討")
    return plan


# ---- Progress reports ---------------------------------------------------------------------
# ``guideline``'s measure 1-a-1 is led by dept_own (city_staff's department); no measure is led
# by dept_other, so other_city_staff is the "another department's staff" of these tests.


@pytest.fixture
def reporting_round(guideline: Plan) -> Any:
    """The secretariat asked for reports on FY2025, due in 30 days."""
    import datetime

    from django.utils import timezone

    from measures.models import ReportingRound

    return ReportingRound.objects.create(
        plan=guideline,
        fiscal_year=2025,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def make_report(
    plan: Plan, code: str, status: str = "draft", year: int = 2025, **fields: Any
) -> Any:
    """A report of measure ``code`` in ``status``; a complete one unless fields say otherwise."""
    from measures.models import ProgressReport

    values = {
        "progress": ProgressReport.Progress.IN_PROGRESS,
        "grade": ProgressReport.Grade.A,
        "achievements": "交流会を3回開催した。",
        "next_steps": "参加団体を増やす。",
        **fields,
    }
    return ProgressReport.objects.create(
        measure=plan.measures.get(code=code), fiscal_year=year, status=status, **values
    )


@pytest.fixture
def own_report(guideline: Plan, reporting_round: Any) -> Any:
    """dept_own's draft report on 1-a-1 for FY2025, complete enough to submit."""
    return make_report(guideline, "1-a-1")
