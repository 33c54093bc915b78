"""The monthly status report (Celery beat): the current fiscal year's report is asked for by
the portal itself; a month without a change reuses the finished one, a change makes a new one
and marks the last 古い. Tasks run in the test (eager), the report's generation with them."""

from __future__ import annotations

from typing import Any

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from kamakura_portal.celery import app
from kamakura_portal.dates import fiscal_year
from reports.models import Report
from reports.tasks import request_status_report
from tests.factories import CitizenGroupFactory

pytestmark = pytest.mark.django_db


def run_month(capture: Any) -> Report:
    """The beat's run: the task, then (after its commit) the report's generation."""
    with capture(execute=True):
        pk = request_status_report.delay().get()
    return Report.objects.get(pk=pk)


def test_beat_asks_for_the_status_report_every_month() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["reports-status-monthly"]
    assert entry["task"] == request_status_report.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(day_of_month="1", hour=4, minute=0)


def test_a_month_without_a_change_reuses_the_report_and_a_change_makes_a_new_one(
    django_capture_on_commit_callbacks: Any,
) -> None:
    CitizenGroupFactory.create_batch(2)
    first = run_month(django_capture_on_commit_callbacks)
    assert first.status == Report.Status.DONE and first.file
    assert first.requested_by is None
    assert first.parameters == {"fiscal_year": fiscal_year(timezone.localdate())}

    assert run_month(django_capture_on_commit_callbacks) == first  # nothing changed
    assert Report.objects.count() == 1

    CitizenGroupFactory.create()  # one more group on the register
    second = run_month(django_capture_on_commit_callbacks)
    assert second != first and second.status == Report.Status.DONE
    first.refresh_from_db()
    assert first.is_stale and not second.is_stale
    assert Report.objects.count() == 2
