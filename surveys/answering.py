"""Answering a survey: who answers for whom, saving drafts without silent overwrites, submitting.

A response belongs to a group (any of its managers may edit it), a department (any of its
staff) or one person. Every save names the version it started from; a save from an older
version is refused with :class:`EditConflict`, which says who saved in between and when.
Nothing is half-saved: each save replaces the answers in one transaction, after checking them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, User, Visitor
from groups.models import CitizenGroup

from .models import Answer, AnswerChoice, Question, Response, Survey

ANSWERING_GROUP_STATUSES = (CitizenGroup.Status.REGISTERED, CitizenGroup.Status.RENEWAL_DUE)
SCALE = range(1, 6)


class AnswerError(Exception):
    """The answers could not be saved; the message is shown as it is."""


class SurveyNotOpen(AnswerError):
    pass


class EditConflict(AnswerError):
    """Someone else saved the response after this person opened it."""

    def __init__(self, response: Response) -> None:
        self.response = response
        name = response.last_saved_by.get_full_name() if response.last_saved_by else _("someone")
        super().__init__(
            _(
                "Not saved: %(name)s saved this response at %(time)s, after you opened it. "
                "Their answers are shown below; your entries are still in the form. "
                "Check both, then save again."
            )
            % {"name": name, "time": timezone.localtime(response.updated_at).strftime("%H:%M")}
        )


class AnswersInvalid(AnswerError):
    """Problems per question id (missing required answers, too many choices…)."""

    def __init__(self, problems: Mapping[int, str]) -> None:
        self.problems = dict(problems)
        super().__init__(_("Some answers need attention. Nothing was saved."))


@dataclass(frozen=True)
class Respondent:
    """For whom an answer is given: a group, a department or the person themself."""

    group: CitizenGroup | None = None
    department: Department | None = None
    user: User | None = None

    @property
    def label(self) -> str:
        if self.group is not None:
            return self.group.name
        if self.department is not None:
            return self.department.name
        return _("Yourself")

    @property
    def slug(self) -> str:
        if self.group is not None:
            return f"group-{self.group.pk}"
        if self.department is not None:
            return f"department-{self.department.pk}"
        return "me"

    def lookup(self) -> dict[str, Any]:
        if self.group is not None:
            return {"group": self.group}
        if self.department is not None:
            return {"department": self.department}
        return {"respondent": self.user, "group": None, "department": None}


def respondents_for(user: Visitor, survey: Survey) -> list[Respondent]:
    """For whom ``user`` may answer ``survey``: their groups, their departments, or themself."""
    if not isinstance(user, User):
        return []
    if survey.audience == Survey.Audience.GROUPS:
        groups = CitizenGroup.objects.filter(
            pk__in=user.managed_group_ids, status__in=ANSWERING_GROUP_STATUSES
        ).order_by("name_kana", "pk")
        return [Respondent(group=group, user=user) for group in groups]
    if survey.audience == Survey.Audience.CITY_STAFF:
        departments = Department.objects.filter(pk__in=user.department_ids).order_by("sort_order")
        return [Respondent(department=department, user=user) for department in departments]
    return [Respondent(user=user)]


def respondent_from_slug(user: Visitor, survey: Survey, slug: str) -> Respondent | None:
    return next((r for r in respondents_for(user, survey) if r.slug == slug), None)


def response_of(survey: Survey, respondent: Respondent) -> Response | None:
    return (
        Response.objects.filter(survey=survey, **respondent.lookup())
        .select_related("last_saved_by")
        .first()
    )


@dataclass
class AnswerValue:
    option_ids: list[int] = field(default_factory=list)
    text: str = ""
    number: Decimal | None = None

    @property
    def is_empty(self) -> bool:
        return not self.option_ids and not self.text.strip() and self.number is None


def check_answers(
    questions: list[Question], values: Mapping[int, AnswerValue], *, complete: bool
) -> dict[int, str]:
    """Problems per question id; ``complete`` also requires every required question."""
    problems: dict[int, str] = {}
    for question in questions:
        value = values.get(question.pk, AnswerValue())
        options = {o.pk: o for o in question.options.all()}
        if value.is_empty:
            if complete and question.required:
                problems[question.pk] = _("Please answer this question.")
            continue
        if any(pk not in options for pk in value.option_ids):
            problems[question.pk] = _("Choose from the options shown.")
        elif question.kind == Question.Kind.SINGLE and len(value.option_ids) > 1:
            problems[question.pk] = _("Choose one option.")
        elif question.max_choices and len(value.option_ids) > question.max_choices:
            problems[question.pk] = _("Choose at most %(count)s options.") % {
                "count": question.max_choices
            }
        elif question.is_choice and value.text.strip() and not _other_chosen(options, value):
            problems[question.pk] = _("Tick “Other” to write something in its box.")
        elif question.is_choice and _other_chosen(options, value) and not value.text.strip():
            problems[question.pk] = _("You ticked “Other”: write what it is.")
        elif question.kind == Question.Kind.SCALE and (
            value.number is None or value.number not in SCALE
        ):
            problems[question.pk] = _("Choose a value from 1 to 5.")
    return problems


def _other_chosen(options: Mapping[int, Any], value: AnswerValue) -> bool:
    return any(options[pk].is_other for pk in value.option_ids if pk in options)


def _claim(survey: Survey, respondent: Respondent) -> Response:
    """The respondent's response, locked; created as an empty draft the first time."""
    lookup = respondent.lookup()
    try:
        with transaction.atomic():
            Response.objects.get_or_create(survey=survey, **lookup)
    except IntegrityError:  # another manager created it at the same instant
        pass
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("last_saved_by")
        .get(survey=survey, **lookup)
    )


def closed_message(survey: Survey) -> str:
    if survey.status == Survey.Status.DRAFT or survey.opens_on > timezone.localdate():
        return _("This survey is not open yet.")
    return _("This survey is closed (it closed on %(date)s). Answers can no longer be changed.") % {
        "date": survey.closes_on.strftime("%Y-%m-%d")
    }


@transaction.atomic
def save_answers(
    survey: Survey,
    respondent: Respondent,
    values: Mapping[int, AnswerValue],
    *,
    actor: User,
    version: int,
    submit: bool,
    today: datetime.date | None = None,
) -> Response:
    """Save the answers as a draft, or submit them (a submitted response stays complete)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.accepts_answers(today):
        raise SurveyNotOpen(closed_message(survey))
    response = _claim(survey, respondent)
    if response.version != version:
        raise EditConflict(response)
    questions = list(survey.questions.prefetch_related("options"))
    problems = check_answers(questions, values, complete=submit or response.is_submitted)
    if problems:
        raise AnswersInvalid(problems)
    response.answers.all().delete()
    by_question = {q.pk: q for q in questions}
    answers = []
    chosen: list[tuple[int, list[int]]] = []
    for question_id, value in values.items():
        question = by_question.get(question_id)
        if question is None or value.is_empty:
            continue
        answers.append(
            Answer(
                response=response, question=question, text=value.text.strip(), number=value.number
            )
        )
        # An option posted twice is chosen once (the row is unique per answer and option).
        chosen.append((len(answers) - 1, list(dict.fromkeys(value.option_ids))))
    Answer.objects.bulk_create(answers)
    AnswerChoice.objects.bulk_create(
        AnswerChoice(answer=answers[index], option_id=pk) for index, ids in chosen for pk in ids
    )
    now = timezone.now()
    response.version += 1
    response.last_saved_by = actor
    response.updated_at = now
    if submit and not response.is_submitted:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = now
    response.save()
    return response


def current_values(response: Response | None) -> dict[int, AnswerValue]:
    """The saved answers of a response, as the form and the summary read them (two queries)."""
    if response is None:
        return {}
    values: dict[int, AnswerValue] = {}
    for answer in response.answers.prefetch_related("choices"):
        values[answer.question_id] = AnswerValue(
            option_ids=[choice.option_id for choice in answer.choices.all()],
            text=answer.text,
            number=answer.number,
        )
    return values


def responses_of(respondents: list[Respondent]) -> Any:
    """A filter matching the responses of any of ``respondents`` (for one query)."""
    from django.db.models import Q

    condition = Q(pk__in=[])
    for respondent in respondents:
        condition |= Q(**respondent.lookup())
    return condition
