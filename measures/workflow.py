"""A progress report's status machine: 下書き → 提出 → 差戻し / 承認 → 公開.

Run by :func:`kamakura_portal.workflow.transition`: the lead department submits (the
permission of :mod:`measures.rules` decides who that is), the secretariat returns, approves,
publishes and withdraws. After a move, the side that acts next is told in the inbox and by
mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from accounts.queries import people_with_role
from kamakura_portal.errors import Problem
from kamakura_portal.inbox import notify
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import Messages, Move, MoveRequest, Workflow

from .models import ProgressReport
from .services import ProgressError, department_staff, missing_for_submission

Status = ProgressReport.Status

SUBMIT = "measures.submit_report"
REVIEW = "measures.review_reports"


def complete(report: ProgressReport, request: MoveRequest) -> Iterable[Problem]:
    return missing_for_submission(report)


MOVES: tuple[Move[ProgressReport], ...] = (
    Move(Status.DRAFT, Status.SUBMITTED, SUBMIT, guards=(complete,)),
    Move(Status.RETURNED, Status.SUBMITTED, SUBMIT, guards=(complete,)),
    Move(Status.SUBMITTED, Status.RETURNED, REVIEW, reason_required=True),
    Move(Status.SUBMITTED, Status.APPROVED, REVIEW),
    Move(Status.APPROVED, Status.RETURNED, REVIEW, reason_required=True),
    Move(Status.APPROVED, Status.PUBLISHED, REVIEW),
    Move(Status.PUBLISHED, Status.APPROVED, REVIEW),  # withdraw from the public pages
)
# Who acts after a move into a status, and so is told: the secretariat or the department.
NOTIFY: Mapping[str, str] = {
    Status.SUBMITTED: "secretariat",
    Status.RETURNED: "department",
    Status.APPROVED: "department",
    Status.PUBLISHED: "department",
}
TEMPLATES: Mapping[str, str] = {
    Status.SUBMITTED: "measures/email/report_submitted",
    Status.RETURNED: "measures/email/report_returned",
    Status.APPROVED: "measures/email/report_approved",
    Status.PUBLISHED: "measures/email/report_published",
}


def apply(report: ProgressReport, request: MoveRequest) -> None:
    now, actor = timezone.now(), request.person
    if request.target == Status.SUBMITTED:
        report.submitted_by, report.submitted_at = actor, now
    elif request.target == Status.RETURNED:
        report.return_comment = request.reason
        report.approved_by, report.approved_at = None, None
    elif request.target == Status.APPROVED and request.source == Status.SUBMITTED:
        report.approved_by, report.approved_at = actor, now
        report.return_comment = ""
    elif request.target == Status.PUBLISHED:
        report.published_at = now
    elif request.target == Status.APPROVED:  # withdrawn from the public pages
        report.published_at = None


def announce(report: ProgressReport, change: StatusChange) -> None:
    side = NOTIFY.get(change.to_status)
    if side is None:
        return
    people: QuerySet[User]
    if side == "secretariat":
        people = people_with_role(Role.SECRETARIAT)
        url = reverse("measures:review_progress_report", args=[report.pk])
    else:
        people = department_staff(report.measure.lead_departments.all())
        url = reverse("measures:progress_report", args=[report.pk])
    with translation.override(settings.LANGUAGE_CODE):
        message = _("The progress report on “%(measure)s” is now “%(status)s”.") % {
            "measure": report.measure.title,
            "status": report.get_status_display(),
        }
    notify(
        people,
        report,
        message,
        url=url,
        mail=TEMPLATES[change.to_status],
        context={"report": report, "measure": report.measure, "report_url": url},
        key=f"status_change:{change.pk}",
    )


WORKFLOW = Workflow(
    model=ProgressReport,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("A report that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy(
            "Write why the report is returned; the department will read it."
        ),
    ),
    error=ProgressError,
    apply=apply,
    announce=announce,
)
