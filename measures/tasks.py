"""Celery entry points of the progress cycle: they take ids and call services."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from kamakura_portal.audit import acting_as
from kamakura_portal.mail import send_templated_mail

from . import services
from .models import ProgressReport

Status = ProgressReport.Status

TEMPLATES = {
    Status.SUBMITTED: "measures/email/report_submitted",
    Status.RETURNED: "measures/email/report_returned",
    Status.APPROVED: "measures/email/report_approved",
    Status.PUBLISHED: "measures/email/report_published",
}


@shared_task(name="measures.mail_report_moved")
def mail_report_moved(report_id: int, to: str) -> int:
    """Tell the side that acts next: the secretariat of a submission, the department otherwise."""
    report = (
        ProgressReport.objects.select_related("measure__plan")
        .prefetch_related("measure__lead_departments")
        .filter(pk=report_id)
        .first()
    )
    if report is None or to not in services.NOTIFY:
        return 0
    if services.NOTIFY[to] == "secretariat":
        recipients = services.secretariat_emails()
        url = reverse("measures:review_report", args=[report.pk])
    else:
        recipients = services.department_staff_emails(report.measure.lead_departments.all())
        url = reverse("measures:report", args=[report.pk])
    context = {"report": report, "measure": report.measure, "report_url": url}
    return send_templated_mail(TEMPLATES[Status(to)], context, recipients)


@shared_task(name="measures.send_progress_reminders")
def send_progress_reminders() -> int:
    """Daily: remind departments with unsubmitted reports as a round's deadline nears.

    Each reminder is claimed before it is sent, so a second run the same day sends nothing.
    """
    sent = 0
    today = timezone.localdate()
    with acting_as(None):
        for round_, days_before in services.reminders_due(today):
            for department, measures in services.departments_behind(round_).items():
                if not services.claim_reminder(round_, department, days_before):
                    continue
                recipients = services.department_staff_emails([department])
                context = {
                    "round": round_,
                    "department": department,
                    "measures": measures,
                    "days_left": (round_.deadline - today).days,
                    "reports_url": reverse("measures:my_reports"),
                }
                sent += send_templated_mail("measures/email/reminder", context, recipients)
    return sent
