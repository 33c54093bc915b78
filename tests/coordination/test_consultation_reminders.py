"""The daily reminder of consultation follow-ups: the staff member is told in their inbox
once per consultation and next-action date, however often the task runs."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings

from coordination.models import Consultation
from coordination.services.consultations import complete_follow_up, remind_follow_ups_due
from coordination.tasks import remind_follow_ups_due as remind_task
from kamakura_portal.models import Notification
from tests.factories import UserFactory

from .consultation_factories import make_consultation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 3)


def notices(user: Any) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("message", flat=True)
    )


def due(staff: Any, day: datetime.date = TODAY, **changes: Any) -> Consultation:
    fields = {
        "consulted_on": datetime.date(2026, 11, 1),
        "follow_up": "申請書の下書きを確認する。",
        **changes,
    }
    return make_consultation(staff, next_action_on=day, **fields)


def test_a_follow_up_due_is_reminded_once_however_often_the_task_runs(
    centre_staff: Any, group_a: Any
) -> None:
    consultation = due(centre_staff, group=group_a)
    assert remind_follow_ups_due(TODAY) == 1
    assert remind_follow_ups_due(TODAY) == 0
    assert remind_follow_ups_due(TODAY + datetime.timedelta(days=1)) == 0
    [message] = notices(centre_staff)
    assert group_a.name in message and "2026年12月3日" in message
    notice = Notification.objects.get()
    assert notice.url == f"/coordination/consultations/{consultation.pk}/"


def test_the_reminder_goes_to_the_consultations_staff_member_only(
    centre_staff: Any, administrator: Any
) -> None:
    colleague = UserFactory.create(email="colleague@example.jp", roles=["centre_staff"])
    due(colleague, created_by=centre_staff)
    remind_follow_ups_due(TODAY)
    assert len(notices(colleague)) == 1
    assert notices(centre_staff) == [] and notices(administrator) == []


def test_an_overdue_follow_up_is_reminded_too_but_not_one_ahead_or_done(
    centre_staff: Any,
) -> None:
    due(centre_staff, TODAY - datetime.timedelta(days=10), person_name="遅れ 一")
    due(centre_staff, TODAY + datetime.timedelta(days=1), person_name="先 二")
    done = due(centre_staff, person_name="済み 三")
    complete_follow_up(done, centre_staff, TODAY)
    make_consultation(centre_staff, person_name="予定なし 四")
    assert remind_follow_ups_due(TODAY) == 1
    [message] = notices(centre_staff)
    assert "遅れ 一" in message


def test_a_new_next_action_date_is_reminded_anew(centre_staff: Any) -> None:
    consultation = due(centre_staff)
    remind_follow_ups_due(TODAY)
    later = TODAY + datetime.timedelta(days=7)
    Consultation.objects.filter(pk=consultation.pk).update(next_action_on=later)
    assert remind_follow_ups_due(later - datetime.timedelta(days=1)) == 0
    assert remind_follow_ups_due(later) == 1
    assert remind_follow_ups_due(later) == 0
    assert len(notices(centre_staff)) == 2


def test_the_daily_task_is_on_the_beat_schedule_and_runs(centre_staff: Any) -> None:
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "coordination.remind_follow_ups_due" in tasks
    due(centre_staff, datetime.date(2000, 1, 1), consulted_on=datetime.date(2000, 1, 1))
    assert remind_task.apply().get() == 1
    assert remind_task.apply().get() == 0
    assert len(notices(centre_staff)) == 1
