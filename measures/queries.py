"""Read side of plans and measures: querysets for pages, and figures for reports.

Each helper runs a fixed number of queries whatever the number of measures, so a report over
a prefecture's plans costs the same queries as one over Kamakura's. Figures read published
reports only unless asked otherwise: the public and the committee see nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from accounts.models import User, Visitor

from .models import Category, Measure, Plan, ProgressReport, ReportingRound

NOT_REPORTED = "not_reported"
Status = ProgressReport.Status


def _reports_of_year(fiscal_year: int, published_only: bool) -> QuerySet[ProgressReport]:
    reports = ProgressReport.objects.filter(fiscal_year=fiscal_year)
    if published_only:
        reports = reports.filter(status=Status.PUBLISHED)
    return reports


def visible_reports(user: Visitor) -> QuerySet[ProgressReport]:
    """Reports ``user`` may read: published ones, plus their departments' and, for the
    secretariat, all (the same rule as ``measures.view_report``)."""
    reports = ProgressReport.objects.all()
    if user.has_perm("measures.review_reports"):
        return reports
    if not isinstance(user, User) or not user.has_perm("measures.report_progress"):
        return reports.filter(status=Status.PUBLISHED)
    led = Measure.objects.filter(lead_departments__in=user.department_ids).values("pk")
    return reports.filter(Q(status=Status.PUBLISHED) | Q(measure__in=led))


# ---- Pages ------------------------------------------------------------------------------


def plans_with_counts() -> QuerySet[Plan]:
    """Every plan with its number of measures: the portal's own municipality first
    (``PORTAL_MUNICIPALITY``), then the others by name; newest edition first within each."""
    home = Case(
        When(municipality=settings.PORTAL_MUNICIPALITY, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return Plan.objects.annotate(measure_count=Count("measures"), home=home).order_by(
        "home", "municipality", F("edition_year").desc(nulls_last=True), "code"
    )


def plan_measures(plan: Plan) -> QuerySet[Measure]:
    """A plan's measures in order, with what a list row shows (two queries)."""
    return (
        Measure.objects.filter(plan=plan)
        .select_related("tier", "category", "category__parent")
        .prefetch_related("lead_departments")
        .order_by("sort_order", "pk")
    )


def with_report_of_year(
    measures: QuerySet[Measure], fiscal_year: int, reports: QuerySet[ProgressReport]
) -> QuerySet[Measure]:
    """Annotate ``report_progress`` and ``report_status`` of the year's report among ``reports``
    (the ones the reader may see); empty when there is none."""
    of_year = reports.filter(measure=OuterRef("pk"), fiscal_year=fiscal_year)
    return measures.annotate(
        report_status=Coalesce(Subquery(of_year.values("status")[:1]), Value("")),
        report_progress=Coalesce(Subquery(of_year.values("progress")[:1]), Value("")),
    )


def category_tree(plan: Plan) -> list[tuple[Category, list[Category]]]:
    """Top-level categories with their children, in order (one query)."""
    categories = list(plan.categories.order_by("sort_order", "pk"))
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    return [(c, children.get(c.pk, [])) for c in categories if c.parent_id is None]


def group_by_category(measures: Iterable[Measure]) -> list[tuple[Category | None, list[Measure]]]:
    """Consecutive runs of measures under the same category, in the measures' order."""
    groups: list[tuple[Category | None, list[Measure]]] = []
    for measure in measures:
        if groups and groups[-1][0] == measure.category:
            groups[-1][1].append(measure)
        else:
            groups.append((measure.category, [measure]))
    return groups


def measure_detail(plan: Plan, pk: int) -> QuerySet[Measure]:
    return (
        Measure.objects.filter(plan=plan, pk=pk)
        .select_related("tier", "category", "category__parent", "predecessor__plan")
        .prefetch_related(
            "lead_departments",
            Prefetch("related", queryset=Measure.objects.select_related("tier")),
            Prefetch("successors", queryset=Measure.objects.select_related("plan")),
            "planned_steps",
        )
    )


def measure_history(measure: Measure, reports: QuerySet[ProgressReport]) -> list[ProgressReport]:
    """The measure's reports over every edition it was carried through, newest year first.

    Follows ``predecessor`` back (one query per earlier edition, a handful at most), so a
    measure of the 2026 edition shows its 2020-edition years too.
    """
    lineage = [measure.pk]
    earlier = measure.predecessor_id
    while earlier and earlier not in lineage:
        lineage.append(earlier)
        earlier = Measure.objects.filter(pk=earlier).values_list("predecessor_id", flat=True)[0]
    return list(
        reports.filter(measure_id__in=lineage)
        .select_related("measure__plan")
        .prefetch_related("indicators", "evidence_links")
        .order_by("-fiscal_year")
    )


def department_worklist(
    user: User,
) -> list[tuple[ReportingRound, list[tuple[Measure, ProgressReport | None]]]]:
    """Each reporting round with the measures the user's departments lead, each with its report
    of the round's year or None (four queries whatever the numbers)."""
    rounds = list(
        ReportingRound.objects.select_related("plan").order_by("-fiscal_year", "deadline", "pk")
    )
    led = (
        Measure.objects.filter(
            plan__in={r.plan_id for r in rounds}, lead_departments__in=user.department_ids
        )
        .distinct()
        .select_related("tier")
        .prefetch_related("lead_departments")
        .order_by("sort_order", "pk")
    )
    measures = list(led)
    reports = {
        (r.measure_id, r.fiscal_year): r
        for r in ProgressReport.objects.filter(
            measure__in=[m.pk for m in measures], fiscal_year__in={r.fiscal_year for r in rounds}
        )
    }
    worklist = []
    for round_ in rounds:
        mine = [
            (measure, reports.get((measure.pk, round_.fiscal_year)))
            for measure in measures
            if measure.plan_id == round_.plan_id
        ]
        if mine:
            worklist.append((round_, mine))
    return worklist


def round_measures(round_: ReportingRound) -> QuerySet[Measure]:
    """A round's measures with their report's id, status and submission time (two queries)."""
    of_year = ProgressReport.objects.filter(measure=OuterRef("pk"), fiscal_year=round_.fiscal_year)
    return (
        Measure.objects.filter(plan_id=round_.plan_id)
        .select_related("tier")
        .prefetch_related("lead_departments")
        .annotate(
            report_pk=Subquery(of_year.values("pk")[:1]),
            report_status=Coalesce(Subquery(of_year.values("status")[:1]), Value(NOT_REPORTED)),
            report_submitted_at=Subquery(of_year.values("submitted_at")[:1]),
        )
        .order_by("sort_order", "pk")
    )


def fiscal_years_with_reports(plan: Plan) -> list[int]:
    """The fiscal years with a reporting round or a report for the plan, newest first."""
    years = set(
        ReportingRound.objects.filter(plan=plan).values_list("fiscal_year", flat=True)
    ) | set(ProgressReport.objects.filter(measure__plan=plan).values_list("fiscal_year", flat=True))
    return sorted(years, reverse=True)


def fiscal_years_reported(municipality: str) -> set[int]:
    """The fiscal years with a reporting round or a report of any of a municipality's plans
    (one query)."""
    rounds = ReportingRound.objects.filter(plan__municipality=municipality)
    reports = ProgressReport.objects.filter(measure__plan__municipality=municipality)
    years = (
        rounds.order_by()
        .values_list("fiscal_year")
        .union(reports.order_by().values_list("fiscal_year"))
    )
    return {year for (year,) in years}


def latest_published_year(plan: Plan) -> int | None:
    """The newest fiscal year with a published report of the plan (one query)."""
    return (
        ProgressReport.objects.filter(measure__plan=plan, status=Status.PUBLISHED)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )


# ---- Figures ----------------------------------------------------------------------------


def measures_by_tier_and_status(
    plan: Plan, fiscal_year: int, *, published_only: bool = True
) -> dict[str, dict[str, int]]:
    """``{tier label: {progress: measures}}`` in tier order (one query).

    Progress is that of the year's report (未着手, 実施中, 完了…); a measure without one — or,
    with ``published_only``, without a published one, or whose report has no progress yet —
    counts as :data:`NOT_REPORTED`. A measure without a tier (Kamagaya's actions) counts
    under the empty label.
    """
    of_year = _reports_of_year(fiscal_year, published_only).filter(measure=OuterRef("pk"))
    progress = NullIf(Subquery(of_year.values("progress")[:1]), Value(""))
    rows = (
        Measure.objects.filter(plan=plan)
        .annotate(report_progress=Coalesce(progress, Value(NOT_REPORTED), output_field=CharField()))
        .values("tier__sort_order", "tier__label", "report_progress")
        .annotate(count=Count("pk"))
        .order_by("tier__sort_order", "tier__label", "report_progress")
    )
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row["tier__label"] or "", {})[row["report_progress"]] = row["count"]
    return table


def measures_by_category_and_status(
    plan: Plan, fiscal_year: int, *, published_only: bool = True
) -> dict[str, dict[str, int]]:
    """``{top-level category: {progress: measures}}`` in the plan's order (one query).

    As :func:`measures_by_tier_and_status`, by the plan's top-level categories (「(1) 活動の場
    の提供に関すること」): a measure under a sub-category counts under its parent. Measures
    without a category count under the empty label.
    """
    of_year = _reports_of_year(fiscal_year, published_only).filter(measure=OuterRef("pk"))
    progress = NullIf(Subquery(of_year.values("progress")[:1]), Value(""))
    top = "category__parent__"
    rows = (
        Measure.objects.filter(plan=plan)
        .annotate(report_progress=Coalesce(progress, Value(NOT_REPORTED), output_field=CharField()))
        .values(
            f"{top}sort_order",
            f"{top}pk",
            f"{top}label",
            f"{top}title",
            "category__sort_order",
            "category__pk",
            "category__label",
            "category__title",
            "report_progress",
        )
        .annotate(count=Count("pk"))
        .order_by()
    )

    def top_level(row: dict[str, Any]) -> tuple[tuple[int, int], str]:
        prefix = top if row[f"{top}pk"] is not None else "category__"
        if row[f"{prefix}pk"] is None:
            return (1_000_000, 0), ""
        label = " ".join(part for part in (row[f"{prefix}label"], row[f"{prefix}title"]) if part)
        return (row[f"{prefix}sort_order"], row[f"{prefix}pk"]), label

    table: dict[tuple[tuple[int, int], str], dict[str, int]] = {}
    for row in rows:
        cells = table.setdefault(top_level(row), {})
        cells[row["report_progress"]] = cells.get(row["report_progress"], 0) + row["count"]
    return {label: table[(order, label)] for order, label in sorted(table)}


def reports_by_status(plan: Plan, fiscal_year: int) -> dict[str, int]:
    """The year's measures per report workflow status, :data:`NOT_REPORTED` included, every
    status present in workflow order (one query). For the secretariat's review page."""
    status = Subquery(
        _reports_of_year(fiscal_year, False).filter(measure=OuterRef("pk")).values("status")[:1]
    )
    counts = dict(
        Measure.objects.filter(plan=plan)
        .annotate(report_status=Coalesce(status, Value(NOT_REPORTED)))
        .values_list("report_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {key: counts.get(key, 0) for key in [NOT_REPORTED, *Status.values]}


def measures_without_report(plan: Plan, fiscal_year: int) -> QuerySet[Measure]:
    """Measures with no report at all for the year, with tier, category (and its parent) and
    departments (two queries)."""
    return (
        plan_measures(plan)
        .select_related(None)
        .select_related("tier", "category__parent")
        .exclude(Exists(_reports_of_year(fiscal_year, False).filter(measure=OuterRef("pk"))))
    )


def grade_distribution(
    plan: Plan, fiscal_year: int, *, published_only: bool = True
) -> dict[str, int]:
    """Reports of the year per self-assessment grade, every grade present, in order (one query).

    Reports not graded yet are left out.
    """
    counts = dict(
        _reports_of_year(fiscal_year, published_only)
        .filter(measure__plan=plan)
        .exclude(grade="")
        .values_list("grade")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {grade: counts.get(grade, 0) for grade in ProgressReport.Grade.values}


def reports_waiting(user: Visitor) -> int:
    """How many submitted progress reports wait for the secretariat (the staff dashboard)."""
    return ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED).count()
