"""A report made by a real Celery worker over Redis (not in process): asked for on the page,
followed to 完了 and downloaded; and a worker process killed halfway, whose report the next
worker process finishes, with no broken file ever handed out."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from kamakura_portal.models import Notification
from kamakura_portal.workflow import history_of
from reports.models import Report
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)
Status = Report.Status


def wait_for(report: Report, statuses: set[str], timeout: float = 90) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        time.sleep(0.05)
    raise AssertionError(f"report {report.pk} still {report.status} after {timeout} s")


def test_a_report_asked_for_on_the_page_is_made_by_the_worker_and_downloaded(
    register: dict[str, Any], centre_staff: Any, reports_worker: None
) -> None:
    client = client_for(centre_staff)
    response = client.post(reverse("reports:request", args=["roster"]))
    assert response.status_code == 302
    report = wait_for(Report.objects.get(), {Status.DONE, Status.FAILED}, timeout=60)
    assert report.status == Status.DONE, report.error
    row = client.get(reverse("reports:row", args=[report.pk])).content.decode()
    assert "hx-get" not in row  # finished: the row stops asking
    download = client.get(reverse("reports:download", args=[report.pk]))
    data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    pdf = PdfReader(io.BytesIO(data))
    assert "由比ガ浜の会" in "".join(page.extract_text() for page in pdf.pages)
    assert Notification.objects.filter(recipient=centre_staff).count() == 1


def _children_of(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@pytest.fixture
def worker_process() -> Iterator[subprocess.Popen[bytes]]:
    """A worker in a process of its own (prefork, one child) on the test's database and
    broker, as `celery -A kamakura_portal worker -Q reports` runs in production."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kamakura_portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "PYTEST_XDIST_WORKER": "gw0",  # the URL above is already this test's own database
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    command = [sys.executable, "-m", "celery", "-A", "kamakura_portal", "worker", "-Q", "reports"]
    command += ["-P", "prefork", "-c", "1", "--without-mingle", "--without-gossip", "-l", "WARNING"]
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_worker_killed_halfway_leaves_the_report_to_the_next_one(
    register: dict[str, Any],
    centre_staff: Any,
    worker_process: subprocess.Popen[bytes],
) -> None:
    from kamakura_portal.celery import app

    app.conf.task_always_eager = False
    client = client_for(centre_staff)
    client.post(reverse("reports:request", args=["roster"]))
    report = wait_for(Report.objects.get(), {Status.RUNNING, Status.DONE})
    assert report.status == Status.RUNNING, "the worker finished before it could be killed"
    for child in _children_of(worker_process.pid):
        os.kill(child, signal.SIGKILL)
    # Meanwhile nothing can be downloaded.
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    report = wait_for(report, {Status.DONE, Status.FAILED})
    assert report.status == Status.DONE, report.error
    assert report.attempts == 2
    changes = [(c.from_status, c.to_status) for c in history_of(report, oldest_first=True)]
    assert changes == [
        (Status.QUEUED, Status.RUNNING),
        (Status.RUNNING, Status.RUNNING),
        (Status.RUNNING, Status.DONE),
    ]
    download = client.get(reverse("reports:download", args=[report.pk]))
    data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1 and len(data) == report.size
