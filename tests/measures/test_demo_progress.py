"""The demo progress: a published FY2024 and an open FY2025 round, loaded once."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.demo import load_demo_accounts
from accounts.services import load_departments
from measures.demo import load_demo_progress
from measures.models import Plan, ProgressReport, ReportingRound
from measures.queries import NOT_REPORTED, measures_by_tier_and_status
from measures.reference import load_plans
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status


@pytest.fixture
def demo() -> Plan:
    load_departments()
    load_plans()
    load_demo_accounts()
    load_demo_progress()
    return Plan.objects.get(code="kamakura-guideline-2020")


def test_fy2024_is_published_for_every_measure_and_fy2025_is_under_way(demo: Any) -> None:
    table = measures_by_tier_and_status(demo, 2024)
    assert sum(sum(row.values()) for row in table.values()) == 23
    assert all(NOT_REPORTED not in row for row in table.values())
    statuses = sorted(
        ProgressReport.objects.filter(fiscal_year=2025).values_list("status", flat=True)
    )
    assert statuses == ["approved", "draft", "returned", "submitted", "submitted"]
    assert ReportingRound.objects.filter(plan=demo).count() == 2


def test_loading_twice_creates_nothing_more(demo: Any) -> None:
    before = ProgressReport.objects.count()
    assert load_demo_progress() == 0
    assert ProgressReport.objects.count() == before


def test_the_demo_city_staff_have_reports_to_write(demo: Any) -> None:
    from accounts.models import User

    clerk = User.objects.get(email__startswith="city@")
    worklist = client_for(clerk).get(reverse("measures:my_progress_reports")).context["worklist"]
    fy2025 = next(rows for round_, rows in worklist if round_.fiscal_year == 2025)
    assert len(fy2025) == 6  # every fourth of the 23 measures
