"""The CSV/XLSX table: one row per response, a column per option, labels, no leaks."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import gettext

from surveys.answering import Respondent
from surveys.exports import response_table
from surveys.models import Survey

from .conftest import answer, make_survey

pytestmark = pytest.mark.django_db


def table(survey: Any) -> Any:
    header, rows = response_table(survey)
    return header, list(rows)


def test_one_column_per_option_and_labels_not_ids(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    answer(
        survey,
        Respondent(group=group_a),
        group_manager,
        challenges={"labels": ["活動の担い手不足", "その他"], "other": "会場探し"},
        willingness="今は考えていない",
        members=12,
        satisfaction=4,
        comments="よろしく",
    )
    header, rows = table(survey)
    assert header[:3] == [gettext("Response no."), gettext("Respondent"), gettext("Submitted at")]
    [row] = rows
    cells = dict(zip(header, row, strict=True))

    def option(question: str, label: str) -> str:
        return gettext("Q%(number)s %(question)s: %(option)s") % {
            "number": 1,
            "question": question,
            "option": label,
        }

    def column(number: int, question: str) -> str:
        return gettext("Q%(number)s %(question)s") % {"number": number, "question": question}

    other = gettext("Q%(number)s %(question)s: Other (text)") % {
        "number": 1,
        "question": "活動の課題は？",
    }
    assert cells[option("活動の課題は？", "活動の担い手不足")] == 1
    assert cells[option("活動の課題は？", "活動資金・資器材の調達")] == 0
    assert cells[option("活動の課題は？", "その他")] == 1
    assert cells[other] == "会場探し"
    assert cells[column(2, "協働に取り組みたいですか。")] == "今は考えていない"
    assert cells[column(3, "会員数")] == 12
    assert cells[column(4, "満足度")] == 4
    assert row[1] == group_a.name


def test_drafts_are_not_exported(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    answer(survey, Respondent(group=group_a), group_manager, submit=False, members=1)
    assert table(survey)[1] == []


def test_an_anonymous_survey_exports_neither_who_nor_when(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, anonymous=True)
    answer(
        survey,
        Respondent(group=group_a),
        group_manager,
        challenges=["活動の担い手不足"],
        willingness="今は考えていない",
    )
    header, rows = table(survey)
    assert gettext("Respondent") not in header
    assert gettext("Submitted at") not in header
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert group_a.name not in flat
    assert rows[0][0] == 1


def test_the_export_takes_the_same_queries_whatever_the_responses(
    group_manager: Any, django_assert_num_queries: Any
) -> None:
    from tests.factories import CitizenGroupFactory

    survey = make_survey(status=Survey.Status.OPEN)
    for _ in range(4):
        answer(
            survey,
            Respondent(group=CitizenGroupFactory.create()),
            group_manager,
            challenges=["活動の担い手不足"],
            willingness="今は考えていない",
        )
    # 1. questions 2. options 3. answers 4. chosen options 5. responses with respondents
    with django_assert_num_queries(5):
        table(survey)
