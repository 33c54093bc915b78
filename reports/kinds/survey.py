"""Survey results report: per question, the count and share of each option with its chart.

Counts come from :func:`surveys.queries.survey_results` (per option, never per combination of
options) and charts from the one chart helper the results page uses. For a survey of groups
the choice questions are also broken down by organisation type
(:func:`surveys.breakdown.breakdown`: every row keeps its label, small rows of an anonymous
survey stay hidden). Written answers are never printed: they may name people.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kamakura_portal.dates import fiscal_year_label
from surveys.breakdown import breakdown
from surveys.models import Response, Survey
from surveys.queries import survey_results

from . import Kind, Params, register
from .inputs import last_audit_entry


class SurveyChoice(forms.Form):
    survey = forms.ModelChoiceField(
        label=gettext_lazy("Survey"),
        queryset=Survey.objects.exclude(status=Survey.Status.DRAFT).order_by(
            "-fiscal_year", "-opens_on", "-pk"
        ),
    )


def _survey(params: Params) -> Survey:
    return Survey.objects.get(pk=params["survey"])


def build(params: Params) -> dict[str, Any]:
    survey = _survey(params)
    by_type = []
    if survey.audience == Survey.Audience.GROUPS:
        by_type = [table for table in breakdown(survey, "organization_type") if table.rows]
    return {
        "survey": survey,
        "fiscal_year": fiscal_year_label(survey.fiscal_year),
        "results": survey_results(survey),
        "by_type": by_type,
    }


def title(params: Params) -> str:
    survey = _survey(params)
    return _("%(fiscal_year)s %(survey)s: results") % {
        "fiscal_year": fiscal_year_label(survey.fiscal_year),
        "survey": survey.title,
    }


def fingerprint(params: Params) -> Any:
    survey = _survey(params)
    submitted = Q(status=Response.Status.SUBMITTED)
    answers = Response.objects.filter(submitted, survey=survey).aggregate(
        n=Count("pk"), versions=Sum("version"), last=Max("submitted_at")
    )
    changes = last_audit_entry("surveys", ["survey", "question", "option", "wordingfix"])
    return [survey.status, answers["n"], answers["versions"], answers["last"], changes]


def publish_problem(params: Params) -> str:
    if _survey(params).status != Survey.Status.PUBLISHED:
        return _("The survey's results are not published yet, so neither is this report.")
    return ""


KIND = register(
    Kind(
        code="survey",
        label=gettext_lazy("Survey results report"),
        template="reports/pdf/survey.html",
        version=1,
        build=build,
        title=title,
        fingerprint=fingerprint,
        audience="survey_results",
        form=SurveyChoice,
        publish_problem=publish_problem,
        help_text=gettext_lazy(
            "Counts and charts per question and option; no written answers are printed."
        ),
    )
)
