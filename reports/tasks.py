"""Celery entry points of the reports: making one report (on the ``reports`` queue), the
periodic sweep and expiry, and the monthly status report. They take ids and call
:mod:`reports.running` and :mod:`reports.services`."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone

from kamakura_portal import dates

from . import running, services
from .forms import request_form
from .kinds import kind_of

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name=services.GENERATE_TASK,
    queue="reports",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.PORTAL_REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.PORTAL_REPORT_TIME_LIMIT,
    max_retries=3,
)
def generate_report(self: Any, report_id: int) -> str:
    """Make one report, once: a task that cannot claim it (made already, or another task's
    now) does nothing. Transient errors are tried again later; any other ends in 失敗."""
    task_id = self.request.id
    report = running.claim(report_id, task_id)
    if report is None:
        return "not claimed"

    def progress(percent: int) -> None:
        self.update_state(state="PROGRESS", meta={"progress": percent})

    try:
        running.make(report, task_id, progress)
    except SoftTimeLimitExceeded:
        running.fail(report, task_id, running.too_long())
        return "failed"
    except running.TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            running.fail(report, task_id, running.readable(error))
            return "failed"
        logger.warning("Report %s will be tried again: %s", report_id, error)
        running.requeue(report, task_id, error)
        raise self.retry(exc=error, countdown=running.backoff(self.request.retries)) from error
    except Exception as error:  # a template or layout error: staff read it on the report
        logger.exception("Report %s failed", report_id)
        running.fail(report, task_id, running.readable(error))
        return "failed"
    return "done"


@shared_task(name="reports.sweep")
def sweep() -> dict[str, int]:
    """Every five minutes: send again what lost its task; mark 古い what is outdated."""
    return {"sent_again": services.sweep(), "marked_stale": services.mark_stale()}


@shared_task(name="reports.request_status_report")
def request_status_report(fiscal_year: int | None = None) -> int:
    """Monthly: the status report of the current fiscal year (or of ``fiscal_year``), asked
    for by the portal itself. Identical inputs reuse the finished report, so a month without
    a change makes nothing; after a change a new one is made and the last one is 古い.
    Returns the report's id."""
    kind = kind_of("status")
    year = fiscal_year if fiscal_year is not None else dates.fiscal_year(timezone.localdate())
    # Through the kind's form, so that the parameters are those of a request by staff.
    form = request_form(kind, {f"{kind.code}-fiscal_year": year})
    if not form.is_valid():
        raise ValueError(f"No status report for {year}: {form.errors.as_text()}")
    return services.request_report(kind.code, kind.parameters(form.cleaned_data), None).report.pk


@shared_task(name="reports.remove_expired")
def remove_expired() -> int:
    """Daily: remove the files of unpublished reports past their expiry."""
    return services.remove_expired()
