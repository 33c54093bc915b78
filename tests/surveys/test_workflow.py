"""The survey's status workflow: allowed moves, who makes them, history, invitations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kamakura_portal.workflow import allowed_moves, transition
from surveys import services
from surveys.models import Survey
from tests.conftest import recipients_of
from tests.factories import GroupMembershipFactory, UserFactory

from .conftest import make_survey

pytestmark = pytest.mark.django_db
Status = Survey.Status


def test_staff_open_a_draft_and_the_move_is_recorded(centre_staff: Any) -> None:
    survey = make_survey()
    transition(survey, Status.OPEN, centre_staff)
    change = survey.status_changes.get()
    assert (survey.status, change.from_status, change.actor) == ("open", "draft", centre_staff)


def test_a_survey_without_questions_cannot_open(centre_staff: Any) -> None:
    today = timezone.localdate()
    survey = Survey.objects.create(
        title="空", fiscal_year=2026, audience="groups", opens_on=today, closes_on=today
    )
    with pytest.raises(services.SurveyError, match=r"質問を1つ以上追加|Add at least"):
        transition(survey, Status.OPEN, centre_staff)
    survey.refresh_from_db()
    assert survey.status == Status.DRAFT


def test_a_survey_whose_closing_date_passed_cannot_open(centre_staff: Any) -> None:
    survey = make_survey()
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
        opens_on=timezone.localdate() - datetime.timedelta(days=5),
    )
    with pytest.raises(services.SurveyError):
        transition(survey, Status.OPEN, centre_staff)


def test_only_the_secretariat_move_publishes_and_only_from_closed(
    centre_staff: Any, secretariat: Any
) -> None:
    survey = make_survey(status=Status.OPEN)
    with pytest.raises(services.SurveyError):
        transition(survey, Status.PUBLISHED, secretariat)
    transition(survey, Status.CLOSED, centre_staff)
    with pytest.raises(services.SurveyError):
        transition(survey, Status.PUBLISHED, centre_staff)
    transition(survey, Status.PUBLISHED, secretariat)
    assert survey.results_published


def test_reopening_and_withdrawing_need_a_reason(centre_staff: Any) -> None:
    survey = make_survey(status=Status.CLOSED)
    with pytest.raises(services.SurveyError, match=r"理由|reason"):
        transition(survey, Status.OPEN, centre_staff)
    transition(survey, Status.OPEN, centre_staff, reason="締切を延長")
    assert survey.status_changes.get(to_status=Status.OPEN).reason == "締切を延長"


def test_allowed_moves_follow_the_table(centre_staff: Any, secretariat: Any) -> None:
    survey = make_survey(status=Status.CLOSED)
    assert [move.target for move in allowed_moves(survey, centre_staff)] == [Status.OPEN]
    assert [move.target for move in allowed_moves(survey, secretariat)] == [
        Status.OPEN,
        Status.PUBLISHED,
    ]


def test_opening_mails_each_group_its_own_invitation_once(
    group_manager: Any,
    other_group_manager: Any,
    centre_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    second = GroupMembershipFactory.create(group=group_manager.managed_groups.get()).user
    survey = make_survey()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey, Status.OPEN, centre_staff)
    # Both managers of the first group, each in a mail of their own, and the other group's.
    assert recipients_of(mail.outbox) == sorted(
        [group_manager.email, second.email, other_group_manager.email]
    )
    assert f"/surveys/{survey.pk}/answer/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey, Status.CLOSED, centre_staff)
        transition(survey, Status.OPEN, centre_staff, reason="延長")
    assert len(mail.outbox) == 3  # reopening does not invite again


def test_city_staff_surveys_invite_each_department(
    city_staff: Any,
    other_city_staff: Any,
    centre_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    survey = make_survey(audience=Survey.Audience.CITY_STAFF)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey, Status.OPEN, centre_staff)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [city_staff.email, other_city_staff.email]
    )


def test_public_surveys_send_no_mail(
    citizen: Any, centre_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    survey = make_survey(audience=Survey.Audience.PUBLIC)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey, Status.OPEN, centre_staff)
    survey.refresh_from_db()
    assert survey.invited_at is not None
    assert mail.outbox == []


def test_the_daily_cycle_closes_expired_surveys(centre_staff: Any) -> None:
    from surveys.tasks import run_daily_cycle

    survey = make_survey(status=Status.OPEN)
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
        opens_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    assert run_daily_cycle()["closed"] == 1
    survey.refresh_from_db()
    assert survey.status == Status.CLOSED
    assert survey.status_changes.get().actor is None


def test_the_beat_schedule_runs_the_daily_cycle() -> None:
    from django.conf import settings

    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "surveys.run_daily_cycle" in entries


def test_reminders_go_once_to_groups_that_have_not_submitted(
    group_manager: Any, other_group_manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from surveys.answering import Respondent
    from surveys.distribution import send_reminders

    from .conftest import answer

    survey = make_survey(status=Status.OPEN)
    group = group_manager.managed_groups.get()
    answer(
        survey,
        Respondent(group=group),
        group_manager,
        challenges=["活動の担い手不足"],
        willingness="今は考えていない",
    )
    too_early = survey.closes_on - datetime.timedelta(days=30)
    assert send_reminders(today=too_early) == 0
    mail.outbox.clear()
    near = survey.closes_on - datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=near) == 1
    assert mail.outbox[0].to == [other_group_manager.email]
    assert send_reminders(today=near) == 0


def test_inactive_managers_get_no_mail(
    group_manager: Any, centre_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    other = UserFactory.create(is_active=False)
    GroupMembershipFactory.create(user=other, group=group_manager.managed_groups.get())
    survey = make_survey()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey, Status.OPEN, centre_staff)
    assert mail.outbox[0].to == [group_manager.email]
