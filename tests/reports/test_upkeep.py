"""The periodic upkeep: unpublished files removed past their expiry, reports whose task was
lost sent again under a new task id (or given up), and the staff menu's entry."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from kamakura_portal.models import Notification
from kamakura_portal.navigation import role_navigation
from reports.models import Report
from reports.running import MAX_ATTEMPTS, gave_up
from reports.services import remove_expired, sweep
from tests.reports.conftest import stored_report

pytestmark = pytest.mark.django_db
Status = Report.Status
LATER = datetime.timedelta(days=31)


def test_an_unpublished_file_is_removed_after_its_expiry_and_a_published_one_kept(
    django_capture_on_commit_callbacks: Any,
) -> None:
    draft, published = stored_report(), stored_report(published=True)
    Report.objects.update(expires_at=timezone.now() + datetime.timedelta(days=30))
    Report.objects.filter(pk=published.pk).update(expires_at=None)
    name = draft.file.name
    assert remove_expired() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert remove_expired(timezone.now() + LATER) == 1
    draft.refresh_from_db()
    assert draft.status == Status.EXPIRED and not draft.file
    assert not default_storage.exists(name)
    published.refresh_from_db()
    assert published.status == Status.DONE and default_storage.exists(published.file.name)


def test_a_report_whose_worker_died_is_sent_again_under_a_new_task(not_eager: None) -> None:
    report = stored_report(status=Status.RUNNING)
    Report.objects.filter(pk=report.pk).update(claimed_at=timezone.now(), attempts=1)
    assert sweep() == 0  # still within its time limit
    assert sweep(timezone.now() + datetime.timedelta(hours=1)) == 1
    report.refresh_from_db()
    assert report.task_id != "task-of-the-test" and report.status == Status.RUNNING


def test_a_report_lost_too_often_is_given_up_and_its_requester_told(
    centre_staff: Any, not_eager: None
) -> None:
    report = stored_report(status=Status.RUNNING, requested_by=centre_staff)
    Report.objects.filter(pk=report.pk).update(claimed_at=timezone.now(), attempts=MAX_ATTEMPTS)
    sweep(timezone.now() + datetime.timedelta(hours=1))
    report.refresh_from_db()
    assert report.status == Status.FAILED and report.error == gave_up()
    assert Notification.objects.filter(recipient=centre_staff).exists()


def test_staff_find_the_reports_in_their_work_menu(
    centre_staff: Any, committee_member: Any, citizen: Any
) -> None:
    url = reverse("reports:staff")
    assert url in [entry["url"] for entry in role_navigation(committee_member, "/")]
    assert url in [entry["url"] for entry in role_navigation(centre_staff, "/")]
    assert url not in [entry["url"] for entry in role_navigation(citizen, "/")]
