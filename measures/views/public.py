"""Public pages: the plans, a plan's narrative, its measures list, a measure, the progress table.

Everyone reads these. Reports show only as far as the reader may see them: published ones for
the public; lead departments and the secretariat see their unpublished ones too, marked.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from kamakura_portal.dates import fiscal_year, fiscal_year_label

from ..figures import grade_chart, progress_table
from ..filters import MeasureFilter
from ..models import Measure, Plan, ProgressReport
from ..queries import (
    category_tree,
    fiscal_years_with_reports,
    grade_distribution,
    group_by_category,
    latest_published_year,
    measure_detail,
    measure_history,
    measures_by_tier_and_status,
    plan_measures,
    plans_with_counts,
    visible_reports,
    with_report_of_year,
)

Progress = ProgressReport.Progress


def year_choices(plan: Plan) -> list[int]:
    """Fiscal years worth choosing for a plan: those with reports or rounds, else last year's."""
    years = fiscal_years_with_reports(plan)
    return years or [fiscal_year(timezone.localdate()) - 1]


def chosen_year(request: HttpRequest, plan: Plan, years: list[int]) -> int:
    """The year asked for in the address; else the newest year with a published report (what
    the public came to read), else the newest year there is."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return latest_published_year(plan) or years[0]


class PlanMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def plan(self) -> Plan:
        return get_object_or_404(
            Plan.objects.select_related("previous_edition"), code=self.kwargs["code"]
        )


class PlanListView(TemplateView):
    template_name = "measures/plans.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        municipalities: dict[str, list[Plan]] = {}
        for plan in plans_with_counts():
            municipalities.setdefault(plan.municipality, []).append(plan)
        context["municipalities"] = municipalities
        return context


class PlanView(PlanMixin, TemplateView):
    """A plan's narrative sections and the outline of its measures."""

    template_name = "measures/plan.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.plan
        measures = list(plan.measures.values("tier_id", "category_id", "category__parent_id"))
        per_tier: dict[int | None, int] = {}
        per_category: dict[int, int] = {}
        for row in measures:
            per_tier[row["tier_id"]] = per_tier.get(row["tier_id"], 0) + 1
            for key in (row["category_id"], row["category__parent_id"]):
                if key:
                    per_category[key] = per_category.get(key, 0) + 1
        tiers = list(plan.tiers.order_by("sort_order"))
        context.update(
            plan=plan,
            sections=plan.sections.order_by("sort_order", "pk"),
            tiers=[(tier, per_tier.get(tier.pk, 0)) for tier in tiers],
            categories=[
                (
                    category,
                    per_category.get(category.pk, 0),
                    [(child, per_category.get(child.pk, 0)) for child in children],
                )
                for category, children in category_tree(plan)
            ],
            measure_count=len(measures),
            next_editions=plan.next_editions.order_by("-edition_year"),
        )
        return context


MEASURES_PAGE = 100
# The filters that leave measures out (the fiscal year only chooses which report is shown).
NARROWING_FILTERS = ("tier", "department", "progress")


class MeasureListView(PlanMixin, TemplateView):
    """The measures list grouped by category, with tier badges and the chosen year's progress."""

    template_name = "measures/measure_list.html"
    read_replica = True  # kamakura_portal.db_router: a read-only page

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.plan
        years = year_choices(plan)
        year = chosen_year(self.request, plan, years)
        measures: QuerySet[Measure] = with_report_of_year(
            plan_measures(plan), year, visible_reports(self.request.user)
        )
        data = self.request.GET.copy()
        data.setdefault("year", str(year))
        filterset = MeasureFilter(
            data,
            queryset=measures,
            plan=plan,
            years=[(y, fiscal_year_label(y)) for y in years],
        )
        # A hundred measures to a page (Kamakura's plan fits on one), whatever the plan's size.
        paginator = Paginator(filterset.qs, MEASURES_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        narrowed = any(self.request.GET.get(name) for name in NARROWING_FILTERS)
        context.update(
            plan=plan,
            filter=filterset,
            year=year,
            page_obj=page,
            groups=group_by_category(list(page.object_list)),
            result_count=paginator.count,
            total_count=plan.measures.count() if narrowed else paginator.count,
            progress_labels=Progress.choices,
        )
        return context


class MeasureView(PlanMixin, TemplateView):
    template_name = "measures/measure.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        measure = measure_detail(self.plan, self.kwargs["pk"]).first()
        if measure is None:
            raise Http404
        user = self.request.user
        context.update(
            plan=self.plan,
            measure=measure,
            reports=measure_history(measure, visible_reports(user)),
            can_write=user.has_perm("measures.write_report", measure),
            can_edit=user.has_perm("measures.manage_plans"),
        )
        return context


class ProgressView(PlanMixin, TemplateView):
    """Tiers × progress for a fiscal year, as a table and a chart; grades beside it.

    Counts come from published reports only, whoever reads: this page is what the committee
    and the public see, and it must not change with the reader.
    """

    template_name = "measures/progress.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = self.plan
        years = year_choices(plan)
        year = chosen_year(self.request, plan, years)
        counts = measures_by_tier_and_status(plan, year)
        table = progress_table(
            counts,
            _("Measures by tier and progress, %(year)s") % {"year": fiscal_year_label(year)},
            _("No tier") if len(counts) > 1 else _("All measures"),
        )
        grades = grade_distribution(plan, year)
        chart_of_grades = grade_chart(
            grades,
            _("Self-assessments of published reports, %(year)s")
            % {"year": fiscal_year_label(year)},
        )
        context.update(
            plan=plan,
            year=year,
            years=[(y, fiscal_year_label(y)) for y in years],
            columns=table.columns,
            rows=table.rows,
            totals=table.totals,
            grand_total=table.grand_total,
            chart=table.chart,
            grade_chart=chart_of_grades,
            graded=sum(grades.values()),
        )
        return context
