"""進捗状況報告書: the yearly status report the 市民活動推進委員会 reads, for one fiscal year.

Key figures on the first page; then the progress of the measures of the plan in force that
year (:func:`.status_figures.plan_in_force`: the newest edition of ``PORTAL_MUNICIPALITY``'s
plans with measures that had begun by then) by tier and by area, the measures without a
report and the self-assessments; the register and its registrations over the years; the
collaboration proposals with the imported history (2007–2019 in Kamakura); the coordinators'
counts; the highlights of the year's published surveys; the committee's evaluations of the
projects that ended. Everything it prints is public elsewhere in the portal, so the report
may be published. The register's figures are those of the day it is made.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collaboration.models import CommitteeEvaluation, Proposal
from collaboration.queries import counted_proposals, finished_projects
from coordination.models import Consultation, Invitation, Topic
from groups.models import ActivityField, CitizenGroup, OrganizationType
from groups.queries import renewal_status_counts
from kamakura_portal.dates import fiscal_year, fiscal_year_label
from measures.models import ProgressReport
from measures.queries import fiscal_years_reported
from surveys.models import Response, Survey

from . import Kind, Params, register
from .inputs import last_audit_entry
from .status_figures import (
    collaboration_chapter,
    coordination_chapter,
    measures_chapter,
    plan_in_force,
    projects_chapter,
    registry_chapter,
    survey_highlights,
)


def fiscal_years() -> list[int]:
    """The fiscal years a status report can be made for, newest first: from the first year
    with a registration or a proposal to the current one (always offered), and the years with
    progress reports of the municipality's plans. Three queries, none grouping the whole
    register (a prefecture's 100,000 groups)."""
    current = fiscal_year(timezone.localdate())
    years = {current} | fiscal_years_reported(settings.PORTAL_MUNICIPALITY)
    registered = CitizenGroup.objects.aggregate(first=Min("registered_on"))["first"]
    proposed = counted_proposals().aggregate(first=Min("first_fiscal_year"))["first"]
    starts = [fiscal_year(registered) if registered else None, proposed]
    first = min((year for year in starts if year is not None), default=current)
    years.update(range(first, current + 1))
    return sorted((year for year in years if year <= current), reverse=True)


class FiscalYearChoice(forms.Form):
    fiscal_year = forms.TypedChoiceField(
        label=gettext_lazy("Fiscal year"),
        coerce=int,
        error_messages={
            "invalid_choice": gettext_lazy(
                "There are no figures for the fiscal year %(value)s: choose a year with "
                "progress reports, proposals or registrations, up to the current one."
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read once per form (three queries), not each time the choices are gone through.
        field = cast(forms.TypedChoiceField, self.fields["fiscal_year"])
        field.choices = [(year, fiscal_year_label(year)) for year in fiscal_years()]
        field.initial = fiscal_year(timezone.localdate())


def build(params: Params) -> dict[str, Any]:
    year = params["fiscal_year"]
    plan = plan_in_force(year)
    coordination = coordination_chapter(year)
    surveys = survey_highlights(year)
    return {
        "fiscal_year": year,
        "year_label": fiscal_year_label(year),
        "measures": measures_chapter(plan, year) if plan is not None else None,
        "registry": registry_chapter(year),
        "collaboration": collaboration_chapter(year),
        "coordination": coordination if coordination.exists else None,
        "surveys": surveys,
        "survey_answers": sum(highlight.respondents for highlight in surveys),
        "projects": projects_chapter(year),
    }


def title(params: Params) -> str:
    return _("%(fiscal_year)s status report on civic activity and collaboration") % {
        "fiscal_year": fiscal_year_label(params["fiscal_year"])
    }


def fingerprint(params: Params) -> Any:
    """Changes when any printed figure can have: the newest audit entry of every model the
    report reads (a status move, a report published, a group or department renamed…), and
    counts and times of what is written without one (answers, bulk imports), the committee's
    evaluations of the projects printed, and the renewals due today."""
    year = params["fiscal_year"]
    plan = plan_in_force(year)
    audited = [
        last_audit_entry("measures", ["plan", "tier", "category", "measure", "progressreport"]),
        last_audit_entry("groups", ["citizengroup"]),
        last_audit_entry("collaboration", ["proposal", "program", "departmentneed"]),
        last_audit_entry("coordination", ["invitation", "consultation"]),
        last_audit_entry("surveys", ["survey", "question", "option", "wordingfix"]),
        last_audit_entry("accounts", ["department"]),
    ]
    # The committee re-files its evaluation in place while the project is 実施報告済.
    evaluated = finished_projects(year - 1, year).values("pk")
    evaluations = list(
        CommitteeEvaluation.objects.filter(proposal__in=evaluated)
        .order_by("pk")
        .values_list("pk", "grade", "comment")
    )
    rows = [
        ProgressReport.objects.filter(fiscal_year=year).aggregate(
            n=Count("pk"), published=Count("pk", filter=Q(status=ProgressReport.Status.PUBLISHED))
        ),
        CitizenGroup.objects.aggregate(n=Count("pk"), last=Max("updated_at")),
        Proposal.objects.aggregate(n=Count("pk"), last=Max("updated_at")),
        CommitteeEvaluation.objects.aggregate(n=Count("pk"), last=Max("filed_at")),
        Invitation.objects.aggregate(n=Count("pk"), last=Max("updated_at")),
        Consultation.objects.aggregate(n=Count("pk"), last=Max("updated_at")),
        Response.objects.filter(
            survey__fiscal_year=year, survey__status=Survey.Status.PUBLISHED
        ).aggregate(n=Count("pk"), versions=Sum("version"), last=Max("submitted_at")),
    ]
    names = [
        list(model.objects.order_by("pk").values_list("pk", "name"))
        for model in (ActivityField, OrganizationType, Topic)
    ]
    # Renewals fall due with the days, not with a change: the counts themselves.
    return [plan.pk if plan else None, audited, rows, evaluations, names, renewal_status_counts()]


KIND = register(
    Kind(
        code="status",
        label=gettext_lazy("Status report"),
        template="reports/pdf/status.html",
        version=1,
        build=build,
        title=title,
        fingerprint=fingerprint,
        audience="staff",
        form=FiscalYearChoice,
        publish_problem=lambda params: "",
        help_text=gettext_lazy(
            "The year's key figures, the progress of the measures, the register, collaboration, "
            "the coordinators' work, survey highlights and the evaluations of finished projects."
        ),
        tells_committee=True,
    )
)
