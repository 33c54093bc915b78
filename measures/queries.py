"""Figures on a plan's measures for one fiscal year, for pages and the status report.

Each helper runs a fixed number of queries whatever the number of measures, so a report over
a prefecture's plans costs the same queries as one over Kamakura's.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Measure, Plan, ProgressReport

NOT_REPORTED = "not_reported"


def _report_of_year(fiscal_year: int) -> QuerySet[ProgressReport]:
    return ProgressReport.objects.filter(measure=OuterRef("pk"), fiscal_year=fiscal_year)


def measures_by_tier_and_status(plan: Plan, fiscal_year: int) -> dict[str, dict[str, int]]:
    """``{tier label: {report status: measures}}`` in tier order (one query).

    A measure without a report for the year counts as :data:`NOT_REPORTED`; a measure without a
    tier (Kamagaya's actions) under the empty label.
    """
    status = Subquery(_report_of_year(fiscal_year).values("status")[:1])
    rows = (
        Measure.objects.filter(plan=plan)
        .annotate(report_status=Coalesce(status, Value(NOT_REPORTED)))
        .values("tier__sort_order", "tier__label", "report_status")
        .annotate(count=Count("pk"))
        .order_by("tier__sort_order", "tier__label", "report_status")
    )
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["tier__label"] or "", {})[row["report_status"]] = row["count"]
    return table


def measures_without_report(plan: Plan, fiscal_year: int) -> QuerySet[Measure]:
    """Measures with no report for the year, with tier, category and departments (two queries)."""
    return (
        Measure.objects.filter(plan=plan)
        .exclude(Exists(_report_of_year(fiscal_year)))
        .select_related("tier", "category")
        .prefetch_related("lead_departments")
        .order_by("sort_order", "pk")
    )


def grade_distribution(plan: Plan, fiscal_year: int) -> dict[str, int]:
    """Reports of the year per self-assessment grade, every grade present, in order (one query).

    Reports not graded yet are left out.
    """
    counts = dict(
        ProgressReport.objects.filter(measure__plan=plan, fiscal_year=fiscal_year)
        .exclude(grade="")
        .values_list("grade")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {grade: counts.get(grade, 0) for grade in ProgressReport.Grade.values}
