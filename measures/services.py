"""Writes of the yearly progress cycle: reporting rounds, reports and their workflow.

A report moves only through :func:`transition`: it checks the move and who makes it, records
it (:class:`ReportEvent` and the audit trail) and, after commit, mails the side that acts
next. Plan editing and edition copies live in :mod:`measures.editing`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, Role, User

from .models import Measure, ProgressReport, ReportEvent, ReportingRound, ReportReminder

Status = ProgressReport.Status


class ProgressError(Exception):
    """A rule of the progress cycle was broken; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Gap:
    """A field that must be filled before submission, and what to write."""

    field: str
    message: str


class ReportIncomplete(ProgressError):
    def __init__(self, gaps: list[Gap]) -> None:
        super().__init__(" ".join(gap.message for gap in gaps))
        self.gaps = gaps


# (from, to) → who may make the move: the lead "department" or the "secretariat".
TRANSITIONS: Mapping[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): "department",
    (Status.RETURNED, Status.SUBMITTED): "department",
    (Status.SUBMITTED, Status.RETURNED): "secretariat",
    (Status.SUBMITTED, Status.APPROVED): "secretariat",
    (Status.APPROVED, Status.RETURNED): "secretariat",
    (Status.APPROVED, Status.PUBLISHED): "secretariat",
    (Status.PUBLISHED, Status.APPROVED): "secretariat",  # withdraw from the public pages
}
COMMENT_REQUIRED = {Status.RETURNED}
# Whom to mail after a move into a status: the lead department(s) or the secretariat.
NOTIFY: Mapping[str, str] = {
    Status.SUBMITTED: "secretariat",
    Status.RETURNED: "department",
    Status.APPROVED: "department",
    Status.PUBLISHED: "department",
}


def allowed_moves(report: ProgressReport, by: str) -> list[str]:
    return [to for (from_, to), who in TRANSITIONS.items() if from_ == report.status and who == by]


@transaction.atomic
def open_round(plan: Any, fiscal_year: int, deadline: datetime.date, by: Any) -> ReportingRound:
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


def start_report(measure: Measure, fiscal_year: int, by: Any) -> ProgressReport:
    """The measure's draft report for the year, created on first use (safe to call twice)."""
    if not ReportingRound.objects.filter(plan_id=measure.plan_id, fiscal_year=fiscal_year).exists():
        raise ProgressError(_("The secretariat has not asked for reports on this fiscal year."))
    report, created = ProgressReport.objects.get_or_create(measure=measure, fiscal_year=fiscal_year)
    if created:
        ReportEvent.objects.create(report=report, to_status=Status.DRAFT, actor=by)
    return report


def missing_for_submission(report: ProgressReport) -> list[Gap]:
    """What the secretariat needs before it can review: one message per empty field."""
    gaps = []
    if not report.progress:
        gaps.append(Gap("progress", _("Choose the progress of the measure.")))
    if not report.grade:
        gaps.append(Gap("grade", _("Choose the self-assessment.")))
    if not report.achievements.strip():
        gaps.append(Gap("achievements", _("Write what was done this year.")))
    if not report.next_steps.strip():
        gaps.append(Gap("next_steps", _("Write what is planned for the next fiscal year.")))
    return gaps


@transaction.atomic
def save_report(
    report: ProgressReport,
    fields: Mapping[str, Any],
    indicators: Sequence[Mapping[str, Any]],
    links: Sequence[Mapping[str, Any]],
) -> ProgressReport:
    """Replace the report's text, indicators and evidence links in one transaction."""
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
    return locked


@transaction.atomic
def transition(
    report: ProgressReport, to: str, actor: Any, *, by: str, comment: str = ""
) -> ProgressReport:
    """Move ``report`` to ``to`` as ``by`` ("department" or "secretariat").

    Raises :class:`ProgressError` for a move not in :data:`TRANSITIONS`, and
    :class:`ReportIncomplete` when a report is submitted with required fields empty.
    """
    locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
    from_status = locked.status
    if TRANSITIONS.get((from_status, to)) != by:
        raise ProgressError(
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to).label}
        )
    comment = comment.strip()
    if to in COMMENT_REQUIRED and not comment:
        raise ProgressError(_("Write why the report is returned; the department will read it."))
    if to == Status.SUBMITTED:
        gaps = missing_for_submission(locked)
        if gaps:
            raise ReportIncomplete(gaps)
    now = timezone.now()
    locked.status = to
    if to == Status.SUBMITTED:
        locked.submitted_by, locked.submitted_at = actor, now
    elif to == Status.RETURNED:
        locked.return_comment = comment
        locked.approved_by, locked.approved_at = None, None
    elif to == Status.APPROVED and from_status == Status.SUBMITTED:
        locked.approved_by, locked.approved_at = actor, now
        locked.return_comment = ""
    elif to == Status.PUBLISHED:
        locked.published_at = now
    elif to == Status.APPROVED:  # withdrawn from the public pages
        locked.published_at = None
    locked.save()
    ReportEvent.objects.create(
        report=locked, from_status=from_status, to_status=to, actor=actor, comment=comment
    )
    if to in NOTIFY:
        from .tasks import mail_report_moved

        mail_report_moved.delay_on_commit(locked.pk, to)  # type: ignore[attr-defined]
    return locked


def publish_approved(round_: ReportingRound, actor: Any) -> int:
    """Publish every approved report of the round (each one through :func:`transition`)."""
    approved = ProgressReport.objects.filter(
        measure__plan_id=round_.plan_id, fiscal_year=round_.fiscal_year, status=Status.APPROVED
    ).order_by("pk")
    published = 0
    for report in approved:
        transition(report, Status.PUBLISHED, actor, by="secretariat")
        published += 1
    return published


def department_staff_emails(departments: Iterable[Department]) -> list[str]:
    """Active city staff of the departments, for mail about their measures."""
    return sorted(
        set(
            User.objects.filter(
                is_active=True,
                roles__role=Role.CITY_STAFF,
                roles__department__in=list(departments),
            ).values_list("email", flat=True)
        )
    )


def secretariat_emails() -> list[str]:
    return sorted(
        set(
            User.objects.filter(is_active=True, roles__role=Role.SECRETARIAT).values_list(
                "email", flat=True
            )
        )
    )


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
