"""The worker's side of a report: claimed once by the task that holds it, made and swapped in
with the move to 完了, failed with a message staff can read, tried again on a transient
error, given up after its worker died too often. The moves are in the shared record."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from celery.exceptions import Retry
from django.core.files.storage import default_storage
from django.db import OperationalError

from kamakura_portal.models import Notification
from kamakura_portal.workflow import history_of
from reports import kinds, running
from reports.models import Report
from reports.services import request_report
from reports.tasks import generate_report
from tests.conftest import ja

pytestmark = pytest.mark.django_db
Status = Report.Status


@pytest.fixture
def queued(register: dict[str, Any], centre_staff: Any, not_eager: None) -> Report:
    return request_report("roster", {}, centre_staff).report


def moves(report: Report) -> list[tuple[str, str]]:
    return [(c.from_status, c.to_status) for c in history_of(report, oldest_first=True)]


def moves_reason(report: Report) -> str:
    return str(history_of(report).values_list("reason", flat=True)[0])


def test_a_report_is_made_swapped_in_and_its_requester_told(
    queued: Report, centre_staff: Any
) -> None:
    assert generate_report.apply(args=(queued.pk,), task_id=queued.task_id).get() == "done"
    queued.refresh_from_db()
    assert queued.status == Status.DONE and queued.progress == 100
    assert queued.expires_at is not None
    with default_storage.open(queued.file.name) as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert moves(queued) == [(Status.QUEUED, Status.RUNNING), (Status.RUNNING, Status.DONE)]
    notice = Notification.objects.get(recipient=centre_staff)
    assert notice.message == ja("The report “%(title)s” is ready.") % {"title": queued.title}


def test_only_the_task_holding_the_report_claims_it(queued: Report) -> None:
    assert running.claim(queued.pk, "another-task") is None
    assert running.claim(queued.pk, queued.task_id) is not None
    Report.objects.filter(pk=queued.pk).update(status=Status.DONE)
    assert running.claim(queued.pk, queued.task_id) is None


def test_the_same_task_delivered_again_after_its_worker_died_starts_over(
    queued: Report,
) -> None:
    running.claim(queued.pk, queued.task_id)
    again = running.claim(queued.pk, queued.task_id)
    assert again is not None and again.attempts == 2
    assert moves(queued)[-1] == (Status.RUNNING, Status.RUNNING)
    assert generate_report.apply(args=(queued.pk,), task_id=queued.task_id).get() == "done"


def test_a_report_whose_worker_keeps_dying_fails_with_a_message(
    queued: Report, centre_staff: Any
) -> None:
    for _ in range(running.MAX_ATTEMPTS):
        assert running.claim(queued.pk, queued.task_id) is not None
    assert running.claim(queued.pk, queued.task_id) is None
    queued.refresh_from_db()
    assert queued.status == Status.FAILED
    assert queued.error == running.gave_up()
    assert Notification.objects.filter(recipient=centre_staff).count() == 1


def test_a_template_error_fails_the_report_readably_and_the_next_request_succeeds(
    queued: Report, centre_staff: Any, monkeypatch: Any
) -> None:
    roster = kinds.kind_of("roster")
    broken = dataclasses.replace(roster, template="reports/pdf/no_such_template.html")
    monkeypatch.setitem(kinds._KINDS, "roster", broken)
    assert generate_report.apply(args=(queued.pk,), task_id=queued.task_id).get() == "failed"
    queued.refresh_from_db()
    assert queued.status == Status.FAILED and not queued.file
    assert "no_such_template.html" in queued.error
    monkeypatch.setitem(kinds._KINDS, "roster", roster)
    again = request_report("roster", {}, centre_staff)
    assert not again.reused
    assert generate_report.apply(args=(again.report.pk,), task_id=again.report.task_id).get() == (
        "done"
    )


def test_a_transient_error_is_tried_again(queued: Report, monkeypatch: Any) -> None:
    make = running.make
    calls = []

    def flaky(report: Report, task_id: str, on_progress: Any) -> Report:
        calls.append(task_id)
        if len(calls) == 1:
            raise OperationalError("the database went away")
        return make(report, task_id, on_progress)

    monkeypatch.setattr(running, "make", flaky)
    with pytest.raises(Retry):
        generate_report.apply(args=(queued.pk,), task_id=queued.task_id)
    queued.refresh_from_db()
    assert queued.status == Status.QUEUED and "the database went away" in moves_reason(queued)
    # The retry is the same task delivered again.
    generate_report.apply(args=(queued.pk,), task_id=queued.task_id, retries=1)
    queued.refresh_from_db()
    assert queued.status == Status.DONE and queued.attempts == 2
    assert (Status.RUNNING, Status.QUEUED) in moves(queued)
