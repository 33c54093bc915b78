"""Answering: drafts shared by a group's managers, conflicts, submission, limits, closing."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone

from surveys import answering
from surveys.answering import Respondent
from surveys.models import Answer, AnswerChoice, Response, Survey
from tests.factories import GroupMembershipFactory, UserFactory

from .conftest import answer, make_survey, question, values_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_manager(group_a: Any) -> Any:
    user = UserFactory.create(email="co@example.jp", display_name="共同 管理者")
    GroupMembershipFactory.create(user=user, group=group_a)
    return user


def test_a_draft_may_be_partial_and_is_not_submitted(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    response = answer(
        open_survey, Respondent(group=group_a), group_manager, submit=False, members=8
    )
    assert (response.status, response.version, response.last_saved_by) == (
        "draft",
        1,
        group_manager,
    )


def test_two_managers_share_one_draft_and_a_stale_save_is_refused(
    open_survey: Any, group_manager: Any, co_manager: Any, group_a: Any
) -> None:
    target = Respondent(group=group_a)
    # Both open the (empty) form at version 0; the first saves.
    answering.save_answers(
        open_survey,
        target,
        values_for(open_survey, members=5),
        actor=group_manager,
        version=0,
        submit=False,
    )
    with pytest.raises(answering.EditConflict) as raised:
        answering.save_answers(
            open_survey,
            target,
            values_for(open_survey, members=9),
            actor=co_manager,
            version=0,
            submit=False,
        )
    assert "由比 花子" in str(raised.value)
    assert Response.objects.get().version == 1
    assert Answer.objects.get().number == 5  # nothing overwritten
    # Saving again from the version they have now seen goes through.
    saved = answering.save_answers(
        open_survey,
        target,
        values_for(open_survey, members=9),
        actor=co_manager,
        version=1,
        submit=False,
    )
    assert (saved.version, saved.last_saved_by) == (2, co_manager)
    assert Response.objects.count() == 1


def test_submitting_requires_the_required_questions_and_saves_nothing_otherwise(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    with pytest.raises(answering.AnswersInvalid) as raised:
        answer(open_survey, Respondent(group=group_a), group_manager, members=3)
    assert set(raised.value.problems) == {
        question(open_survey, "challenges").pk,
        question(open_survey, "willingness").pk,
    }
    assert not Answer.objects.exists()
    assert Response.objects.filter(status="submitted").count() == 0


def test_too_many_choices_are_refused(open_survey: Any, group_manager: Any, group_a: Any) -> None:
    with pytest.raises(answering.AnswersInvalid) as raised:
        answer(
            open_survey,
            Respondent(group=group_a),
            group_manager,
            submit=False,
            challenges=["活動の担い手不足", "活動資金・資器材の調達", "活動場所・拠点の確保"],
        )
    [message] = raised.value.problems.values()
    assert "2" in message
    assert not Answer.objects.exists()


def test_other_needs_its_text_and_the_text_needs_other(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    target = Respondent(group=group_a)
    with pytest.raises(answering.AnswersInvalid):
        answer(
            open_survey,
            target,
            group_manager,
            submit=False,
            challenges={"labels": ["その他"], "other": ""},
        )
    with pytest.raises(answering.AnswersInvalid):
        answer(
            open_survey,
            target,
            group_manager,
            submit=False,
            challenges={"labels": ["活動の担い手不足"], "other": "会場"},
        )
    saved = answer(
        open_survey,
        target,
        group_manager,
        submit=False,
        challenges={"labels": ["その他"], "other": "会場"},
    )
    assert saved.answers.get().text == "会場"


def test_scale_accepts_one_to_five_only(open_survey: Any, group_manager: Any, group_a: Any) -> None:
    with pytest.raises(answering.AnswersInvalid):
        answer(open_survey, Respondent(group=group_a), group_manager, submit=False, satisfaction=6)


def test_options_of_another_question_are_refused(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    values = values_for(open_survey, willingness="今は考えていない")
    values = {question(open_survey, "challenges").pk: next(iter(values.values()))}
    with pytest.raises(answering.AnswersInvalid):
        answering.save_answers(
            open_survey,
            Respondent(group=group_a),
            values,
            actor=group_manager,
            version=0,
            submit=False,
        )


def test_multiple_choice_is_stored_one_row_per_option(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    answer(
        open_survey,
        Respondent(group=group_a),
        group_manager,
        challenges=["活動の担い手不足", "活動場所・拠点の確保"],
        willingness="今は考えていない",
    )
    assert AnswerChoice.objects.filter(answer__question__key="challenges").count() == 2


def test_submitted_answers_change_until_closing_but_stay_complete(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    target = Respondent(group=group_a)
    answer(
        open_survey,
        target,
        group_manager,
        challenges=["活動の担い手不足"],
        willingness="今は考えていない",
    )
    changed = answer(
        open_survey,
        target,
        group_manager,
        submit=False,
        challenges=["活動資金・資器材の調達"],
        willingness="今は考えていない",
    )
    assert changed.status == "submitted"
    with pytest.raises(answering.AnswersInvalid):  # cannot drop a required answer afterwards
        answer(open_survey, target, group_manager, submit=False, members=1)


def test_a_closed_survey_takes_no_answers(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    with pytest.raises(answering.SurveyNotOpen, match=re.escape(answering.closed_message(survey))):
        answer(survey, Respondent(group=group_a), group_manager, members=1)
    assert not Response.objects.exists()


def test_after_the_closing_date_no_answers_even_before_the_daily_close(
    open_survey: Any, group_manager: Any, group_a: Any
) -> None:
    late = open_survey.closes_on + datetime.timedelta(days=1)
    with pytest.raises(answering.SurveyNotOpen):
        answering.save_answers(
            open_survey,
            Respondent(group=group_a),
            values_for(open_survey, members=1),
            actor=group_manager,
            version=0,
            submit=False,
            today=late,
        )


def test_respondents_are_the_users_registered_groups_departments_or_self(
    group_manager: Any, group_a: Any, city_staff: Any, dept_own: Any, citizen: Any
) -> None:
    from groups.models import CitizenGroup

    groups = make_survey(status=Survey.Status.OPEN)
    assert [r.group for r in answering.respondents_for(group_manager, groups)] == [group_a]
    CitizenGroup.objects.filter(pk=group_a.pk).update(status="suspended")
    assert answering.respondents_for(group_manager, groups) == []
    staff = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.CITY_STAFF)
    assert [r.department for r in answering.respondents_for(city_staff, staff)] == [dept_own]
    assert answering.respondents_for(citizen, staff) == []
    public = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.PUBLIC)
    assert [r.slug for r in answering.respondents_for(citizen, public)] == ["me"]


def test_public_surveys_take_one_response_per_person(citizen: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.PUBLIC)
    me = Respondent(user=citizen)
    answer(survey, me, citizen, challenges=["活動の担い手不足"], willingness="今は考えていない")
    answer(
        survey, me, citizen, challenges=["活動資金・資器材の調達"], willingness="今は考えていない"
    )
    assert Response.objects.filter(survey=survey, respondent=citizen).count() == 1


def test_each_department_answers_once(city_staff: Any, dept_own: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.CITY_STAFF)
    colleague = UserFactory.create(roles=[("city_staff", dept_own)])
    target = Respondent(department=dept_own)
    answer(survey, target, city_staff, submit=False, members=2)
    answer(survey, target, colleague, submit=False, members=3)
    response = Response.objects.get(survey=survey)
    assert (response.department, response.last_saved_by) == (dept_own, colleague)
    assert response.respondent is None


def test_the_conflict_message_says_when(
    open_survey: Any, group_manager: Any, co_manager: Any, group_a: Any
) -> None:
    target = Respondent(group=group_a)
    answer(open_survey, target, group_manager, submit=False, members=1)
    saved_at = timezone.localtime(Response.objects.get().updated_at).strftime("%H:%M")
    with pytest.raises(answering.EditConflict, match=saved_at):
        answering.save_answers(open_survey, target, {}, actor=co_manager, version=0, submit=False)
