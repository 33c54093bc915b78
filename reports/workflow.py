"""A report's status machine: 待機 → 作成中 → 完了 / 失敗, and 完了 → 期限切れ.

Only the portal moves a report (every move is ``by_system``), through the one engine
(:func:`kamakura_portal.workflow.transition`), so each move is in the shared status record.
A worker that stops halfway leaves the report 作成中 for the next one (作成中 → 作成中); a
transient error sends it back to 待機 until the retry. Finishing swaps the new file in with
the move, in one transaction, and only for the task that still holds the claim. Whoever asked
for the report is told in the inbox when it is ready or has failed (and the committee, when a
report it reads on paper is ready).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from accounts.queries import people_with_role
from kamakura_portal.errors import PortalError, Problem
from kamakura_portal.inbox import notify
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import Messages, Move, MoveRequest, Workflow

from .kinds import kind_of
from .models import Report

Status = Report.Status


class ReportError(PortalError):
    """A refused report request, publication or move; the message is shown as it is."""


def still_claimed(report: Report, request: MoveRequest) -> Iterable[Problem]:
    """The task ending the report's run is the one holding its claim (a task whose claim
    the sweep gave to another must not swap its file in, nor fail the report)."""
    if report.task_id != request.extra.get("task_id"):
        return [Problem(_("Another worker has taken this report over."))]
    return []


MOVES: tuple[Move[Report], ...] = (
    Move(Status.QUEUED, Status.RUNNING, None, by_system=True),
    Move(Status.RUNNING, Status.RUNNING, None, by_system=True),
    Move(Status.RUNNING, Status.QUEUED, None, by_system=True, guards=(still_claimed,)),
    Move(Status.RUNNING, Status.DONE, None, by_system=True, guards=(still_claimed,)),
    Move(Status.RUNNING, Status.FAILED, None, by_system=True, guards=(still_claimed,)),
    Move(Status.QUEUED, Status.FAILED, None, by_system=True),
    Move(Status.DONE, Status.EXPIRED, None, by_system=True),
)


def apply(report: Report, request: MoveRequest) -> None:
    now = timezone.now()
    if request.target == Status.RUNNING and request.source == Status.QUEUED:
        report.started_at = now
    if request.target == Status.QUEUED:
        report.progress = 0
    if request.target == Status.DONE:
        report.file.name = request.extra["file"]
        report.size = request.extra["size"]
        report.progress = 100
        report.error = ""
        report.finished_at = now
        days = settings.PORTAL_REPORT_EXPIRY_DAYS
        report.expires_at = None if report.is_published else now + timedelta(days=days)
    if request.target == Status.FAILED:
        report.error = request.reason
        report.finished_at = now
    if request.target == Status.EXPIRED:
        report.file.name = ""
        report.size = None


def told_of(report: Report, status: str) -> list[User]:
    """Whom the move to ``status`` is told: whoever asked for the report, and — once it is
    ready, for the kinds the committee reads on paper — the committee."""
    people = {user.pk: user for user in report.also_requested_by.all()}
    if report.requested_by is not None:
        people[report.requested_by.pk] = report.requested_by
    if status == Status.DONE and _kind_tells_committee(report.kind):
        people.update((user.pk, user) for user in people_with_role(Role.COMMITTEE))
    return list(people.values())


def _kind_tells_committee(code: str) -> bool:
    try:
        return kind_of(code).tells_committee
    except LookupError:  # a kind removed since the report was asked for
        return False


def announce(report: Report, change: StatusChange) -> None:
    if change.to_status not in (Status.DONE, Status.FAILED):
        return
    people = told_of(report, change.to_status)
    if not people:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if change.to_status == Status.DONE:
            message = _("The report “%(title)s” is ready.") % {"title": report.title}
        else:
            message = _("The report “%(title)s” could not be made: %(error)s") % {
                "title": report.title,
                "error": report.error,
            }
    notify(
        people,
        report,
        message,
        url=f"{reverse('reports:staff')}#report-{report.pk}",
        key=f"report:{report.pk}:{change.to_status}",
    )


WORKFLOW = Workflow(
    model=Report,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("A report that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy("Give the reason."),
    ),
    error=ReportError,
    apply=apply,
    announce=announce,
)
