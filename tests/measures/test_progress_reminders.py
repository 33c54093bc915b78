"""Reminders to lead departments before a round's deadline: once per distance, never twice."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from measures import services
from measures.models import ProgressReport, ReportReminder
from measures.tasks import send_progress_reminders
from tests.measures.conftest import make_report

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status


@pytest.fixture(autouse=True)
def _reminder_days(settings: Any) -> None:
    settings.PORTAL_PROGRESS_REMINDER_DAYS = (14, 3)


def due_in(round_: Any, days: int) -> None:
    round_.deadline = timezone.localdate() + datetime.timedelta(days=days)
    round_.save()


def test_nothing_is_sent_while_the_deadline_is_far(reporting_round: Any, city_staff: Any) -> None:
    due_in(reporting_round, 30)
    assert send_progress_reminders() == 0
    assert mail.outbox == []


def test_a_department_behind_is_reminded_once_per_distance(
    reporting_round: Any,
    city_staff: Any,
    other_city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    due_in(reporting_round, 14)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_progress_reminders() == 1
        assert send_progress_reminders() == 0  # the same day again: claimed already
    [message] = mail.outbox
    assert message.to == [city_staff.email]  # dept_own leads 1-a-1; dept_other leads nothing
    assert "施策1-a-1" in message.body
    assert "/measures/reports/" in message.body
    due_in(reporting_round, 3)
    assert send_progress_reminders() == 1
    assert ReportReminder.objects.count() == 2


def test_a_missed_day_still_reminds_at_the_nearest_distance(
    reporting_round: Any, city_staff: Any
) -> None:
    due_in(reporting_round, 10)  # the 14-day reminder did not run
    assert services.reminders_due() == [(reporting_round, 14)]
    assert send_progress_reminders() == 1


def test_a_department_that_submitted_is_not_reminded(
    guideline: Any, reporting_round: Any, city_staff: Any
) -> None:
    make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    due_in(reporting_round, 3)
    assert send_progress_reminders() == 0


def test_a_returned_or_draft_report_still_counts_as_behind(
    guideline: Any, reporting_round: Any, city_staff: Any
) -> None:
    make_report(guideline, "1-a-1", status=Status.RETURNED)
    due_in(reporting_round, 3)
    assert send_progress_reminders() == 1


def test_nothing_is_sent_after_the_deadline(reporting_round: Any, city_staff: Any) -> None:
    due_in(reporting_round, -1)
    assert send_progress_reminders() == 0


def test_the_reminder_days_setting_is_checked_at_start(monkeypatch: Any) -> None:
    from kamakura_portal.settings.base import _env_days

    monkeypatch.setenv("PORTAL_PROGRESS_REMINDER_DAYS", "3, 14,7")
    assert _env_days("PORTAL_PROGRESS_REMINDER_DAYS", "14,3") == (14, 7, 3)
    monkeypatch.setenv("PORTAL_PROGRESS_REMINDER_DAYS", "two weeks")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_PROGRESS_REMINDER_DAYS"):
        _env_days("PORTAL_PROGRESS_REMINDER_DAYS", "14,3")
