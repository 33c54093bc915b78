"""What a worker does with one report: claim it once, make it, swap its file in, or say why not.

A report carries the id of the one Celery task allowed to make it. That task claims it with
a conditional UPDATE on the claim it read (:func:`kamakura_portal.claims.claim_once`), so of
two deliveries of the same task exactly one goes on. A delivery of a task whose worker was
killed (``reject_on_worker_lost`` puts it back on the queue) claims the report again and
starts over. The PDF is stored under a name of its own and becomes the report's file only in
the move to 完了, which checks the claim: a reader is never given a half-written file, nor the
file of a task that lost its claim.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kamakura_portal.claims import claim_once
from kamakura_portal.workflow import SYSTEM, transition

from .generation import generate
from .kinds import kind_of
from .models import Report
from .workflow import ReportError

logger = logging.getLogger(__name__)
Status = Report.Status

# Errors worth trying again later: the database or the file storage not answering.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)
# A report whose worker keeps dying (out of memory, killed) is given up after this many starts.
MAX_ATTEMPTS = 3
# A PDF up to this size is built in memory, a larger one in a temporary file.
IN_MEMORY = 8 * 1024 * 1024


def claim(report_id: int, task_id: str) -> Report | None:
    """Take the report for the task ``task_id``, or None if it is not this task's to make."""
    seen = Report.objects.filter(pk=report_id).values("status", "task_id", "claimed_at").first()
    if seen is None or seen["task_id"] != task_id:
        return None
    if seen["status"] not in (Status.QUEUED, Status.RUNNING):
        return None
    with transaction.atomic():
        rows = Report.objects.filter(
            pk=report_id, task_id=task_id, status=seen["status"], claimed_at=seen["claimed_at"]
        )
        if not claim_once(rows, claimed_at=timezone.now(), attempts=F("attempts") + 1):
            return None
        report = Report.objects.get(pk=report_id)
        if report.attempts > MAX_ATTEMPTS:
            transition(report, Status.FAILED, SYSTEM, reason=gave_up(), task_id=task_id)
            return None
        resumed = seen["status"] == Status.RUNNING
        reason = _("Started again: the worker making it had stopped.") if resumed else ""
        return transition(report, Status.RUNNING, SYSTEM, reason=reason)


def gave_up() -> str:
    return _(
        "The worker making this report stopped %(count)s times. Ask the portal's "
        "administrator to check the reports worker."
    ) % {"count": MAX_ATTEMPTS}


def make(report: Report, task_id: str, on_progress: Callable[[int], None]) -> Report:
    """Make the report's PDF, store it and move the report to 完了 with it."""
    kind = kind_of(report.kind)

    def progress(percent: int) -> None:
        Report.objects.filter(pk=report.pk, task_id=task_id, status=Status.RUNNING).update(
            progress=percent
        )
        on_progress(percent)

    progress(10)
    with tempfile.SpooledTemporaryFile(max_size=IN_MEMORY) as buffer:
        generate(kind, report.parameters, buffer, progress)
        size = buffer.tell()
        buffer.seek(0)
        # A new name for every run: the report points at it only once it is complete.
        name = f"reports/{report.pk}/{kind.code}-{uuid.uuid4().hex[:12]}.pdf"
        name = default_storage.save(name, File(buffer, name=name))
    try:
        return transition(report, Status.DONE, SYSTEM, task_id=task_id, file=name, size=size)
    except BaseException:
        default_storage.delete(name)
        raise


def fail(report: Report, task_id: str, message: str) -> None:
    """End the run in 失敗 with ``message`` for staff (unless another task holds the claim)."""
    try:
        transition(report, Status.FAILED, SYSTEM, reason=message, task_id=task_id)
    except ReportError as refusal:
        logger.warning("Report %s not failed by task %s: %s", report.pk, task_id, refusal)


def requeue(report: Report, task_id: str, error: Exception) -> None:
    """Back to 待機 until the task's retry (a transient error)."""
    try:
        transition(report, Status.QUEUED, SYSTEM, reason=readable(error), task_id=task_id)
    except ReportError as refusal:
        logger.warning("Report %s not requeued by task %s: %s", report.pk, task_id, refusal)


def readable(error: BaseException) -> str:
    """An error as staff read it: what went wrong, in one paragraph."""
    detail = Truncator(f"{type(error).__name__}: {error}").chars(800)
    return _(
        "The report could not be made (%(error)s). If it happens again, tell the portal's "
        "administrator."
    ) % {"error": detail}


def too_long() -> str:
    return _("Making the report took longer than %(seconds)s seconds, so it was stopped.") % {
        "seconds": settings.PORTAL_REPORT_SOFT_TIME_LIMIT
    }


def backoff(retries: int) -> int:
    """Seconds before the next try of a transient error: 30, 60, 120 … at most 5 minutes."""
    return int(min(30 * 2**retries, 300))


def running_lease() -> timedelta:
    """After this a report still 作成中 has lost its worker: even the hard limit has passed."""
    return timedelta(seconds=settings.PORTAL_REPORT_TIME_LIMIT + 60)
