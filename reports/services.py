"""Asking for a report, publishing it, and the periodic upkeep (stale marks, expiry, sweep).

A request whose inputs match a finished report (same kind, parameters and digest) gets that
report; one matching a report still being made joins it. Otherwise a row is committed and its
task sent; if the broker does not take the task, the row is removed again and the request is
refused with a message (nothing is left half-made, and the rest of the portal goes on).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal.celery import BROKER_ERRORS, app
from kamakura_portal.claims import claim_once
from kamakura_portal.workflow import SYSTEM, transition

from .kinds import Kind, kind_of
from .models import Report
from .running import MAX_ATTEMPTS, gave_up, running_lease
from .workflow import ReportError

logger = logging.getLogger(__name__)
Status = Report.Status
GENERATE_TASK = "reports.generate"
# A report waiting this long without a worker taking it has lost its task (the broker lost
# it): the sweep sends it again. Long enough for a busy reports queue to reach it.
QUEUED_PATIENCE = datetime.timedelta(hours=1)


class ReportsUnavailable(ReportError):
    """The broker did not take the report's task."""


@dataclass(frozen=True)
class Requested:
    report: Report
    reused: bool  # an existing report (finished or being made) answers the request


def digest_of(kind: Kind, params: Mapping[str, Any]) -> str:
    """The digest of a report's inputs: kind, its version, parameters and their fingerprint."""
    inputs = {
        "kind": kind.code,
        "version": kind.version,
        "parameters": dict(params),
        "fingerprint": kind.fingerprint(params),
    }
    text = json.dumps(inputs, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def request_report(kind_code: str, params: Mapping[str, Any], user: User | None) -> Requested:
    """The report of ``kind_code`` for ``params`` (validated by the kind's form) for ``user``
    (None: for the portal itself, the monthly status report of :mod:`reports.tasks`)."""
    kind = kind_of(kind_code)
    digest = digest_of(kind, params)
    same = Report.objects.filter(kind=kind.code, digest=digest, parameters=dict(params))
    existing = (
        same.filter(status__in=(Status.DONE, Status.QUEUED, Status.RUNNING))
        .order_by("-requested_at", "-pk")
        .first()
    )
    if existing is not None:
        if user is not None and existing.is_working and existing.requested_by_id != user.pk:
            existing.also_requested_by.add(user)  # told too when it is ready
        return Requested(existing, reused=True)
    with transaction.atomic():
        report = Report.objects.create(
            kind=kind.code,
            parameters=dict(params),
            title=kind.title(params),
            digest=digest,
            requested_by=user,
            task_id=str(uuid.uuid4()),
        )
        _mark_older_stale(kind, params, digest)
    if connection.in_atomic_block:
        # Inside a caller's transaction the task must wait for its commit; if the broker is
        # down then, the sweep sends it later.
        transaction.on_commit(lambda: _send_or_leave(report))
    else:
        _send_or_withdraw(report)
    return Requested(report, reused=False)


def _send(report: Report) -> None:
    app.tasks[GENERATE_TASK].apply_async(args=(report.pk,), task_id=report.task_id)


def _send_or_withdraw(report: Report) -> None:
    try:
        _send(report)
    except BROKER_ERRORS as error:
        logger.warning("Report %s withdrawn, its task could not be sent: %s", report.pk, error)
        report.delete()
        raise ReportsUnavailable(
            _(
                "Reports cannot be made just now: the service that makes them is not "
                "answering. Nothing was requested; please try again later."
            )
        ) from error


def _send_or_leave(report: Report) -> None:
    try:
        _send(report)
    except BROKER_ERRORS as error:
        logger.warning("Report %s not sent, the sweep will send it: %s", report.pk, error)


def _mark_older_stale(kind: Kind, params: Mapping[str, Any], digest: str) -> int:
    return (
        Report.objects.filter(kind=kind.code, parameters=dict(params), status=Status.DONE)
        .exclude(digest=digest)
        .update(is_stale=True)
    )


def publish_report(report: Report, user: User) -> Report:
    """Make a finished report public (the view has checked ``reports.publish_report``)."""
    problem = kind_of(report.kind).publish_problem
    reason = problem(report.parameters) if problem else _("This kind of report is not published.")
    if reason:
        raise ReportError(reason)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Status.DONE:
            raise ReportError(_("Only a finished report can be published."))
        locked.is_published = True
        locked.published_at = timezone.now()
        locked.published_by = user
        locked.expires_at = None
        locked.save()
    return locked


def unpublish_report(report: Report, user: User) -> Report:
    """Take a report off the public page; its file expires again like any draft's."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        locked.is_published = False
        locked.expires_at = timezone.now() + datetime.timedelta(
            days=settings.PORTAL_REPORT_EXPIRY_DAYS
        )
        locked.save()
    return locked


def mark_stale() -> int:
    """Mark 古い every finished report whose inputs have changed since (one fingerprint per
    kind and parameters). Returns how many were marked."""
    marked = 0
    current = Report.objects.filter(status=Status.DONE, is_stale=False)
    seen: set[str] = set()
    for kind_code, params in current.values_list("kind", "parameters").order_by():
        key = json.dumps([kind_code, params], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        try:
            digest = digest_of(kind_of(kind_code), params)
        except ObjectDoesNotExist:  # the survey or project is gone: the report stays as printed
            continue
        marked += (current.filter(kind=kind_code, parameters=params).exclude(digest=digest)).update(
            is_stale=True
        )
    return marked


def remove_expired(now: datetime.datetime | None = None) -> int:
    """Remove the files of unpublished reports past their expiry; the rows stay 期限切れ."""
    now = now or timezone.now()
    removed = 0
    expired = Report.objects.filter(
        status=Status.DONE, is_published=False, expires_at__lt=now
    ).values_list("pk", flat=True)
    for pk in list(expired):
        report = Report.objects.get(pk=pk)
        name = report.file.name
        try:
            transition(report, Status.EXPIRED, SYSTEM)
        except ReportError:
            continue
        if name:
            transaction.on_commit(partial(default_storage.delete, name))
        removed += 1
    return removed


def sweep(now: datetime.datetime | None = None) -> int:
    """Send again the reports whose task was lost: 作成中 past the hard time limit (the worker
    died), or 待機 for an hour. Each gets a new task id, so a late delivery of the old task
    finds nothing to claim. Returns how many were sent again."""
    now = now or timezone.now()
    lost = Report.objects.filter(
        status=Status.RUNNING, claimed_at__lt=now - running_lease()
    ) | Report.objects.filter(status=Status.QUEUED, requested_at__lt=now - QUEUED_PATIENCE)
    sent = 0
    for report in lost.exclude(claimed_at__gte=now - running_lease()):
        if report.attempts >= MAX_ATTEMPTS:
            transition(report, Status.FAILED, SYSTEM, reason=gave_up(), task_id=report.task_id)
            continue
        new_id = str(uuid.uuid4())
        rows = Report.objects.filter(pk=report.pk, task_id=report.task_id, status=report.status)
        if claim_once(rows, task_id=new_id):
            report.task_id = new_id
            _send_or_leave(report)
            sent += 1
    return sent
