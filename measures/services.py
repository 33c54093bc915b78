"""Writes of the yearly progress cycle: reporting rounds, reports, reminders.

A report's status moves through :func:`kamakura_portal.workflow.transition` with the table
of :mod:`measures.workflow`. Plan editing and edition copies live in
:mod:`measures.editing`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Department, Role, User
from kamakura_portal.audit import acting_as
from kamakura_portal.errors import PortalError, Problem
from kamakura_portal.inbox import notify
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import transition

from .models import Measure, ProgressReport, ReportingRound, ReportReminder

Status = ProgressReport.Status


class ProgressError(PortalError):
    """A rule of the progress cycle was broken; the message is shown to the user as it is."""


@transaction.atomic
def open_round(plan: Any, fiscal_year: int, deadline: datetime.date, by: User) -> ReportingRound:
    """Call for the plan's reports on ``fiscal_year``; a second call moves the deadline."""
    round_, created = ReportingRound.objects.select_for_update().get_or_create(
        plan=plan, fiscal_year=fiscal_year, defaults={"deadline": deadline, "created_by": by}
    )
    if not created and round_.deadline != deadline:
        round_.deadline = deadline
        round_.save(update_fields=["deadline"])
        # Reminders count down to the new deadline from the start.
        round_.reminders.all().delete()
    return round_


def start_report(measure: Measure, fiscal_year: int, by: User) -> ProgressReport:
    """The measure's draft report for the year, created on first use (safe to call twice)."""
    if not ReportingRound.objects.filter(plan_id=measure.plan_id, fiscal_year=fiscal_year).exists():
        raise ProgressError(_("The secretariat has not asked for reports on this fiscal year."))
    report, created = ProgressReport.objects.get_or_create(measure=measure, fiscal_year=fiscal_year)
    if created:
        StatusChange.record(report, "", Status.DRAFT, "", by)
    return report


def missing_for_submission(report: ProgressReport) -> list[Problem]:
    """What the secretariat needs before it can review: one message per empty field (each
    :class:`Problem` names its form field)."""
    gaps = []
    if not report.progress:
        gaps.append(Problem(_("Choose the progress of the measure."), "progress"))
    if not report.grade:
        gaps.append(Problem(_("Choose the self-assessment."), "grade"))
    if not report.achievements.strip():
        gaps.append(Problem(_("Write what was done this year."), "achievements"))
    if not report.next_steps.strip():
        gaps.append(Problem(_("Write what is planned for the next fiscal year."), "next_steps"))
    return gaps


@transaction.atomic
def save_report(
    report: ProgressReport,
    fields: Mapping[str, Any],
    indicators: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
    *,
    submit_as: User | None = None,
) -> ProgressReport:
    """Replace the report's text, indicators and evidence links in one transaction and,
    with ``submit_as``, submit it in the same one (a refused submission saves nothing)."""
    locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not locked.is_editable:
        raise ProgressError(
            _("This report is “%(status)s” and can no longer be changed.")
            % {"status": locked.get_status_display()}
        )
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    locked.indicators.all().delete()
    locked.indicators.bulk_create(
        [locked.indicators.model(report=locked, **row) for row in indicators]
    )
    locked.evidence_links.all().delete()
    locked.evidence_links.bulk_create(
        [locked.evidence_links.model(report=locked, **row) for row in links]
    )
    if submit_as is not None:
        return transition(locked, Status.SUBMITTED, submit_as)
    return locked


def publish_approved(round_: ReportingRound, actor: User) -> int:
    """Publish every approved report of the round, each one a move of its own."""
    approved = ProgressReport.objects.filter(
        measure__plan_id=round_.plan_id, fiscal_year=round_.fiscal_year, status=Status.APPROVED
    ).order_by("pk")
    published = 0
    for report in approved:
        transition(report, Status.PUBLISHED, actor)
        published += 1
    return published


def department_staff(departments: Iterable[Department]) -> QuerySet[User]:
    """Active city staff of the departments, told about their measures."""
    return User.objects.filter(
        is_active=True, roles__role=Role.CITY_STAFF, roles__department__in=list(departments)
    ).distinct()


def reminders_due(today: datetime.date | None = None) -> list[tuple[ReportingRound, int]]:
    """Rounds whose deadline is one of the reminder distances away today (or passed today)."""
    today = today or timezone.localdate()
    days = settings.PORTAL_PROGRESS_REMINDER_DAYS
    rounds = ReportingRound.objects.filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=max(days))
    ).select_related("plan")
    due = []
    for round_ in rounds:
        left = (round_.deadline - today).days
        # The nearest distance not passed yet: a worker that missed a day still reminds.
        stage = min((d for d in days if d >= left), default=None)
        if stage is not None:
            due.append((round_, stage))
    return due


def departments_behind(round_: ReportingRound) -> dict[Department, list[Measure]]:
    """Lead departments with measures of the round not yet submitted, and those measures."""
    done = ProgressReport.objects.filter(
        fiscal_year=round_.fiscal_year,
        status__in=[Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED],
        measure__plan_id=round_.plan_id,
    ).values("measure_id")
    measures = (
        Measure.objects.filter(plan_id=round_.plan_id)
        .exclude(pk__in=done)
        .prefetch_related("lead_departments")
        .order_by("sort_order", "pk")
    )
    behind: dict[Department, list[Measure]] = {}
    for measure in measures:
        for department in measure.lead_departments.all():
            behind.setdefault(department, []).append(measure)
    return behind


def claim_reminder(round_: ReportingRound, department: Department, days_before: int) -> bool:
    """True once per round, department and distance: the row is the claim."""
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                round=round_, department=department, days_before=days_before
            )
    except IntegrityError:
        return False
    return True


def send_progress_reminders(today: datetime.date | None = None) -> int:
    """Remind departments with unsubmitted reports as a round's deadline nears.

    Each reminder is claimed before it is sent, so a second run the same day sends nothing.
    Returns how many departments were reminded.
    """
    today = today or timezone.localdate()
    reminded = 0
    with acting_as(None):
        for round_, days_before in reminders_due(today):
            for department, measures in departments_behind(round_).items():
                with transaction.atomic():
                    if not claim_reminder(round_, department, days_before):
                        continue
                    _remind(round_, department, measures, today)
                reminded += 1
    return reminded


def _remind(
    round_: ReportingRound, department: Department, measures: list[Measure], today: datetime.date
) -> None:
    url = reverse("measures:my_progress_reports")
    with translation.override(settings.LANGUAGE_CODE):
        message = _("Progress reports of “%(plan)s” for FY%(year)s are due on %(date)s.") % {
            "plan": round_.plan,
            "year": round_.fiscal_year,
            "date": date_format(round_.deadline, "DATE_FORMAT"),
        }
    notify(
        department_staff([department]),
        round_,
        message,
        url=url,
        mail="measures/email/reminder",
        context={
            "round": round_,
            "department": department,
            "measures": measures,
            "days_left": (round_.deadline - today).days,
            "reports_url": url,
        },
    )
