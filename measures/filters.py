"""The measures list's filters: tier, lead department, progress and fiscal year.

Filters live in the address (a GET form), so a view can be bookmarked and shared. Progress
is that of the chosen fiscal year's report the reader may see (published ones for the
public); the fiscal year itself selects which report, it removes no measure.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Department

from .models import Measure, Plan, ProgressReport, Tier
from .queries import NOT_REPORTED

PROGRESS_CHOICES = [*ProgressReport.Progress.choices, (NOT_REPORTED, _("No report"))]


class MeasureFilter(django_filters.FilterSet):
    tier = django_filters.ModelChoiceFilter(
        label=_("Tier"), queryset=Tier.objects.none(), empty_label=_("Any")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Lead department"),
        field_name="lead_departments",
        queryset=Department.objects.none(),
        empty_label=_("Any"),
    )
    progress = django_filters.ChoiceFilter(
        label=_("Progress"), choices=PROGRESS_CHOICES, empty_label=_("Any"), method="by_progress"
    )
    year = django_filters.ChoiceFilter(label=_("Fiscal year"), empty_label=None, method="keep")

    class Meta:
        model = Measure
        fields: list[str] = []

    def __init__(self, *args: Any, plan: Plan, years: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.filters["tier"].queryset = plan.tiers.cached().order_by("sort_order")
        self.filters["department"].queryset = (
            Department.objects.filter(led_measures__plan=plan).distinct().order_by("sort_order")
        )
        self.filters["year"].extra["choices"] = years
        if not plan.tiers.cached().exists():
            del self.filters["tier"]

    def by_progress(self, queryset: QuerySet[Measure], name: str, value: str) -> QuerySet[Measure]:
        # ``report_progress`` is annotated by the view (measures.queries.with_report_of_year).
        if value == NOT_REPORTED:
            return queryset.filter(report_progress="")  # type: ignore[misc]
        return queryset.filter(report_progress=value)  # type: ignore[misc]

    def keep(self, queryset: QuerySet[Measure], name: str, value: Any) -> QuerySet[Measure]:
        return queryset
