"""Fixtures of the survey tests: a survey with one question of each type, and answers."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.utils import timezone

from surveys import services
from surveys.answering import AnswerValue, Respondent, save_answers
from surveys.models import Option, Question, Survey

TODAY = datetime.date(2026, 7, 10)


def make_survey(
    *,
    audience: str = Survey.Audience.GROUPS,
    status: str = Survey.Status.DRAFT,
    anonymous: bool = False,
    title: str = "活動状況アンケート",
    fiscal_year: int = 2026,
) -> Survey:
    today = timezone.localdate()
    survey = Survey.objects.create(
        title=title,
        fiscal_year=fiscal_year,
        audience=audience,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=20),
        anonymous=anonymous,
    )
    services.add_question(
        survey,
        {
            "key": "challenges",
            "kind": "multiple",
            "text": "活動の課題は？",
            "max_choices": 2,
            "has_other": True,
            "required": True,
        },
        ["活動の担い手不足", "活動資金・資器材の調達", "活動場所・拠点の確保"],
    )
    services.add_question(
        survey,
        {
            "key": "willingness",
            "kind": "single",
            "text": "協働に取り組みたいですか。",
            "required": True,
        },
        ["積極的に取り組みたい", "内容によっては取り組みたい", "今は考えていない"],
    )
    services.add_question(
        survey, {"key": "members", "kind": "number", "text": "会員数", "required": False}, []
    )
    services.add_question(
        survey, {"key": "satisfaction", "kind": "scale", "text": "満足度", "required": False}, []
    )
    services.add_question(
        survey, {"key": "comments", "kind": "text", "text": "ご意見", "required": False}, []
    )
    if status != Survey.Status.DRAFT:
        Survey.objects.filter(pk=survey.pk).update(status=status)
        survey.refresh_from_db()
    return survey


def question(survey: Survey, key: str) -> Question:
    return survey.questions.get(key=key)


def option(survey: Survey, key: str, label: str) -> Option:
    return Option.objects.get(question__survey=survey, question__key=key, label=label)


def values_for(survey: Survey, **answers: Any) -> dict[int, AnswerValue]:
    """``values_for(s, challenges=["担い手不足"], willingness="今は考えていない", members=3)``."""
    values = {}
    for key, answer in answers.items():
        q = question(survey, key)
        if q.kind == Question.Kind.MULTIPLE:
            labels = answer if isinstance(answer, list | tuple) else [answer]
            other = ""
            if isinstance(answer, dict):
                labels, other = answer["labels"], answer["other"]
            values[q.pk] = AnswerValue(
                option_ids=[option(survey, key, label).pk for label in labels], text=other
            )
        elif q.kind == Question.Kind.SINGLE:
            values[q.pk] = AnswerValue(option_ids=[option(survey, key, answer).pk])
        elif q.kind in (Question.Kind.NUMBER, Question.Kind.SCALE):
            values[q.pk] = AnswerValue(number=answer)
        else:
            values[q.pk] = AnswerValue(text=answer)
    return values


def answer(
    survey: Survey,
    respondent: Respondent,
    actor: Any,
    *,
    submit: bool = True,
    **answers: Any,
) -> Any:
    """Save (and by default submit) answers through the service, from the current version."""
    from surveys.answering import response_of

    current = response_of(survey, respondent)
    return save_answers(
        survey,
        respondent,
        values_for(survey, **answers),
        actor=actor,
        version=current.version if current else 0,
        submit=submit,
    )


@pytest.fixture
def survey_factory(db: None) -> Callable[..., Survey]:
    return make_survey


@pytest.fixture
def open_survey(db: None) -> Survey:
    return make_survey(status=Survey.Status.OPEN)


def submit_for_groups(survey: Survey, groups: Sequence[Any], actor: Any, **answers: Any) -> None:
    for group in groups:
        answer(survey, Respondent(group=group, user=actor), actor, **answers)


def group_error(html: str, field_id: str) -> str:
    """The error of a group of choices, tied to its ``<fieldset>`` by ``aria-describedby``."""
    from tests.html import Page

    page = Page(html)
    error_id = f"{field_id}_error"
    assert [f for f in page.find_all("fieldset") if error_id in f.ids("aria-describedby")]
    assert page.by_id(f"{field_id}_0").attrs.get("aria-invalid") == "true"
    return page.by_id(error_id).text
