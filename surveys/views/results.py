"""Results: live for staff (and the committee), public once published; breakdown; comparison."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin
from kamakura_portal.exports import csv_response, xlsx_response
from kamakura_portal.shared_pages import kept, state_of

from ..breakdown import DIMENSIONS, breakdown, comparable_keys, compare
from ..exports import response_table
from ..models import Survey
from ..queries import free_text_answers, published_surveys, survey_results
from .base import SurveyMixin


def kept_results(survey: Survey) -> Any:
    """:func:`survey_results`, kept until an answer, a question or an option changes (with
    50,000 responses the counts take a second and more): see kamakura_portal.shared_pages."""
    return kept(("surveys.results", state_of(survey)), lambda: survey_results(survey))


class StaffResultsView(SurveyMixin, TemplateView):
    """Results while the survey runs; ``?by=organization_type`` (or ``activity_field``) splits."""

    permission_required = "surveys.view_live_results"
    template_name = "surveys/staff_results.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        by = self.request.GET.get("by", "")
        split = by in DIMENSIONS and self.survey.audience == Survey.Audience.GROUPS
        context.update(
            survey=self.survey,
            results=kept_results(self.survey),
            dimensions=[(key, label) for key, (label, _path) in DIMENSIONS.items()],
            by=by if split else "",
            tables=breakdown(self.survey, by) if split else [],
            can_export=self.request.user.has_perm("surveys.export_responses", self.survey),
            free_text_url=reverse("surveys:free_text", args=[self.survey.pk])
            if self.request.user.has_perm("surveys.view_free_text", self.survey)
            else "",
        )
        return context


class FreeTextView(SurveyMixin, TemplateView):
    permission_required = "surveys.view_free_text"
    template_name = "surveys/free_text.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, answers=free_text_answers(self.survey))
        return context


class PublishedListView(TemplateView):
    """Published survey results, for everyone."""

    template_name = "surveys/published.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(surveys=published_surveys(), comparable=comparable_keys(published_only=True))
        return context


class PublicResultsView(SurveyMixin, TemplateView):
    permission_required = "surveys.view_published_results"
    template_name = "surveys/public_results.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, results=kept_results(self.survey))
        return context


class CompareView(TemplateView):
    """The same question across surveys, side by side; public pages use published ones only."""

    template_name = "surveys/compare.html"
    staff = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        published_only = not self.staff
        keys = comparable_keys(published_only=published_only)
        key = self.request.GET.get("key") or (keys[0][0] if keys else "")
        context.update(
            staff=self.staff,
            keys=keys,
            key=key,
            comparison=compare(key, published_only=published_only) if key else None,
        )
        return context


class StaffCompareView(PortalPermissionRequiredMixin, CompareView):
    """The comparison for staff: closed surveys too, before their results are published."""

    permission_required = "surveys.view_live_results"
    staff = True


class ExportView(SurveyMixin, View):
    permission_required = "surveys.export_responses"
    file_format = "csv"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        header, rows = response_table(self.survey)
        name = f"{self.survey.title}_{self.survey.fiscal_year}"
        fallback = f"survey-{self.survey.pk}"
        if self.file_format == "xlsx":
            return xlsx_response(
                f"{name}.xlsx",
                title=self.survey.title,
                header=header,
                rows=rows,
                fallback=f"{fallback}.xlsx",
            )
        return csv_response(f"{name}.csv", header, rows, fallback=f"{fallback}.csv")
