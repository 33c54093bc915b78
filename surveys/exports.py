"""The responses of a survey as a table for CSV and XLSX (written by kamakura_portal.exports).

One row per submitted response; one column per option of a multiple-choice question (1 when
ticked, 0 when not), option labels (never ids) for single choice, and a column for each
「その他」 text. An anonymous survey's table has neither the respondent nor the submission
time: its rows are numbered in an order that reveals nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from .models import Answer, AnswerChoice, Question, Response, Survey

QuestionColumns = list[tuple[Question, str, Any]]


def _columns(questions: list[Question]) -> QuestionColumns:
    """``(question, kind of cell, option or None)`` for every column after the first ones."""
    columns: QuestionColumns = []
    for question in questions:
        options = list(question.options.all())
        if question.kind == Question.Kind.MULTIPLE:
            columns.extend((question, "option", o) for o in options)
        else:
            columns.append((question, "value", None))
        if question.has_other:
            columns.append((question, "other", None))
    return columns


def _title(number: int, question: Question, kind: str, option: Any) -> str:
    if kind == "option":
        return _("Q%(number)s %(question)s: %(option)s") % {
            "number": number,
            "question": question.text,
            "option": option.label,
        }
    if kind == "other":
        return _("Q%(number)s %(question)s: Other (text)") % {
            "number": number,
            "question": question.text,
        }
    return _("Q%(number)s %(question)s") % {"number": number, "question": question.text}


def response_table(survey: Survey) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the rows (five queries, whatever the number of responses)."""
    questions = list(survey.questions.prefetch_related("options"))
    numbers = {q.pk: n for n, q in enumerate(questions, start=1)}
    columns = _columns(questions)
    header = [_("Response no.")]
    if not survey.anonymous:
        header += [_("Respondent"), _("Submitted at")]
    header += [_title(numbers[q.pk], q, kind, option) for q, kind, option in columns]
    return header, _rows(survey, columns)


def _rows(survey: Survey, columns: QuestionColumns) -> Iterator[list[Any]]:
    responses = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    if survey.anonymous:
        responses = responses.order_by("?")
    else:
        responses = responses.select_related("group", "department", "respondent").order_by(
            "submitted_at", "pk"
        )
    answers: dict[int, dict[int, Answer]] = defaultdict(dict)
    for answer in Answer.objects.filter(
        response__survey=survey, response__status=Response.Status.SUBMITTED
    ):
        answers[answer.response_id][answer.question_id] = answer
    chosen: dict[int, set[int]] = defaultdict(set)
    for answer_id, option_id in AnswerChoice.objects.filter(
        answer__response__survey=survey, answer__response__status=Response.Status.SUBMITTED
    ).values_list("answer_id", "option_id"):
        chosen[answer_id].add(option_id)
    for number, response in enumerate(responses, start=1):
        row: list[Any] = [number]
        if not survey.anonymous:
            row += [_respondent(response), response.submitted_at]
        mine = answers.get(response.pk, {})
        for question, kind, option in columns:
            row.append(_cell(question, kind, option, mine.get(question.pk), chosen))
        yield row


def _respondent(response: Response) -> str:
    if response.group is not None:
        return response.group.name
    if response.department is not None:
        return response.department.name
    return response.respondent.get_full_name() if response.respondent else ""


def _cell(
    question: Question, kind: str, option: Any, answer: Answer | None, chosen: dict[int, set[int]]
) -> Any:
    if answer is None:
        return 0 if kind == "option" else ""
    if kind == "option":
        return 1 if option.pk in chosen[answer.pk] else 0
    if kind == "other":
        return answer.text
    if question.kind == Question.Kind.SINGLE:
        picked = chosen[answer.pk]
        return next((o.label for o in question.options.all() if o.pk in picked), "")
    if question.kind in (Question.Kind.NUMBER, Question.Kind.SCALE):
        number = answer.number
        return int(number) if number is not None and number == int(number) else number
    return answer.text
