"""The daily cycle of invitations (Celery beat): invitations past their answer date lapse
(期限切れ) as the portal's own move, and the managers of an invitation unanswered for some days
are reminded once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from coordination.models import Invitation
from coordination.services.invitations import expire_unanswered, send_reminders
from coordination.tasks import run_invitation_cycle
from kamakura_portal.models import Notification
from kamakura_portal.workflow import history_of

from .invitation_factories import (
    a_need,  # noqa: F401  (fixtures)
    in_days,
    mailed_to,
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status


def _sent_days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def test_an_invitation_past_its_answer_date_expires_with_the_date_in_its_history(
    need: Any, group_a: Any, centre_staff: Any, city_staff: Any, group_manager: Any
) -> None:
    invitation = make_invitation(need, group_a, answer_by=in_days(-1))
    assert expire_unanswered() == 1
    invitation.refresh_from_db()
    assert invitation.status == Status.EXPIRED
    [change] = history_of(invitation)
    assert (change.from_status, change.to_status, change.actor) == ("invited", "expired", None)
    assert str(in_days(-1).day) in change.reason
    # The centre and the department learn it; the group is not blamed by mail.
    told = sorted(n.recipient.email for n in Notification.objects.all())
    assert told == sorted([centre_staff.email, city_staff.email])
    assert expire_unanswered() == 0  # nothing left to lapse


@pytest.mark.parametrize(
    ("status", "days"),
    [
        (Status.INVITED, 0),  # the last day itself is still open
        (Status.INTERESTED, -5),  # answered in time
        (Status.CANDIDATE, -5),  # never sent
    ],
)
def test_other_invitations_are_left_as_they_are(
    need: Any, group_a: Any, status: str, days: int
) -> None:
    invitation = make_invitation(need, group_a, status, answer_by=in_days(days))
    assert expire_unanswered() == 0
    assert Invitation.objects.get(pk=invitation.pk).status == status


def test_an_unanswered_invitation_is_reminded_once(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    days = settings.PORTAL_NEED_INVITATION_REMINDER_DAYS
    invitation = make_invitation(need, group_a, invited_at=_sent_days_ago(days))
    assert send_reminders() == 1
    assert send_reminders() == 0
    [notice] = Notification.objects.all()
    assert notice.recipient == group_manager and notice.about == invitation
    assert mailed_to() == [group_manager.email]
    assert Invitation.objects.get().reminded_at is not None


def test_no_reminder_before_the_days_have_passed_nor_for_an_answered_or_lapsed_one(
    need: Any, group_a: Any, group_b: Any, group_manager: Any, other_group_manager: Any
) -> None:
    days = settings.PORTAL_NEED_INVITATION_REMINDER_DAYS
    make_invitation(need, group_a, invited_at=_sent_days_ago(days - 1))
    make_invitation(need, group_b, Status.INTERESTED, invited_at=_sent_days_ago(days + 3))
    assert send_reminders() == 0
    assert not mailed_to()


def test_a_reminder_is_not_sent_once_the_answer_date_has_passed(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    make_invitation(need, group_a, invited_at=_sent_days_ago(30), answer_by=in_days(-1))
    assert send_reminders() == 0


def test_the_daily_task_is_on_the_beat_schedule_and_runs(
    need: Any, group_a: Any, group_b: Any, group_manager: Any
) -> None:
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "coordination.run_invitation_cycle" in tasks
    make_invitation(need, group_a, answer_by=in_days(-1))
    make_invitation(need, group_b, invited_at=_sent_days_ago(30))
    assert run_invitation_cycle.apply().get() == {"expired": 1, "reminded": 1}
