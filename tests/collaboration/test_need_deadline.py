"""A need's 募集期限 and contact person (issue 13, item 17): shown on its page, entered with
the form (tests in test_need_views), and the open needs past their deadline closed daily by
the portal through the need's workflow."""

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from collaboration.models import DepartmentNeed
from collaboration.services.needs import close_needs_past_deadline
from collaboration.tasks import close_needs_past_deadline as close_task
from kamakura_portal.models import Notification
from tests.conftest import client_for

from .conftest import ja, make_need

pytestmark = pytest.mark.django_db
Status = DepartmentNeed.Status
TODAY = datetime.date(2026, 12, 3)


def test_an_open_need_past_its_deadline_is_closed_with_the_reason_in_its_history(
    dept_own: Any, city_staff: Any
) -> None:
    need = make_need(dept_own, apply_by=datetime.date(2026, 12, 2))
    assert close_needs_past_deadline(TODAY) == 1
    need.refresh_from_db()
    assert need.status == Status.CLOSED
    [change] = need.status_changes.all()
    assert (change.from_status, change.to_status, change.actor) == ("open", "closed", None)
    assert "2026年12月2日" in change.reason
    # The department's staff learn it in their inbox, as for any move of the need.
    assert Notification.objects.filter(recipient=city_staff, object_id=need.pk).exists()


@pytest.mark.parametrize(
    ("apply_by", "status"),
    [
        (datetime.date(2026, 12, 3), Status.OPEN),  # the last day itself is still open
        (None, Status.OPEN),  # no deadline: open until someone closes it
        (datetime.date(2026, 11, 1), Status.MATCHED),  # a matched need is not "recruiting"
    ],
)
def test_other_needs_are_left_as_they_are(dept_own: Any, apply_by: Any, status: str) -> None:
    need = make_need(dept_own, apply_by=apply_by)
    DepartmentNeed.objects.filter(pk=need.pk).update(status=status)
    assert close_needs_past_deadline(TODAY) == 0
    need.refresh_from_db()
    assert need.status == status


def test_the_daily_task_is_on_the_beat_schedule_and_runs(dept_own: Any) -> None:
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "collaboration.close_needs_past_deadline" in tasks
    make_need(dept_own, apply_by=datetime.date(2000, 1, 1))
    assert close_task.apply().get() == 1


def test_the_need_page_shows_the_deadline_and_the_contact(dept_own: Any) -> None:
    need = make_need(
        dept_own,
        apply_by=datetime.date(2027, 1, 15),
        contact_name="広報 太郎",
        contact_phone="0467-23-3000",
    )
    html = Client().get(reverse("collaboration:need", args=[need.pk])).content.decode()
    assert ja("applications close on") in html and "2027年1月15日" in html
    assert "広報 太郎" in html and "0467-23-3000" in html


def test_the_dashboard_counts_the_open_needs_without_a_contact(
    dept_own: Any, dept_other: Any, city_staff: Any, other_city_staff: Any, secretariat: Any
) -> None:
    make_need(dept_own, contact_name="")
    make_need(dept_own, title="担当者のいる課題", contact_name="広報 太郎")
    make_need(dept_other, title="よその課の課題", contact_name="")
    label = ja("Open needs without a contact person")

    def count(user: Any) -> int:
        waiting = client_for(user).get(reverse("dashboard")).context["waiting"]
        return next((item["count"] for item in waiting if item["label"] == label), 0)

    assert (count(city_staff), count(other_city_staff), count(secretariat)) == (1, 1, 2)
