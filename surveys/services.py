"""Writes to surveys: closing on the closing date, the builder and copying a past survey.

Status moves go through :func:`kamakura_portal.workflow.transition` with the table of
:mod:`surveys.workflow`. Answering lives in :mod:`surveys.answering`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal.errors import PortalError
from kamakura_portal.workflow import SYSTEM, transition

from .models import Answer, Option, Question, Survey, WordingFix

Status = Survey.Status


class SurveyError(PortalError):
    """A survey rule was broken; the message is shown to the user as it is."""


def problems_before_opening(survey: Survey, today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    problems = []
    questions = list(survey.questions.prefetch_related("options"))
    if not questions:
        problems.append(_("Add at least one question."))
    for question in questions:
        real = [o for o in question.options.all() if not o.is_other]
        if question.is_choice and len(real) < 2:
            problems.append(
                _("Question %(number)s needs at least two options.")
                % {"number": questions.index(question) + 1}
            )
    if survey.closes_on < today:
        problems.append(_("The closing date has passed; set a later one first."))
    return problems


def close_expired_surveys(today: datetime.date | None = None) -> int:
    """Open surveys whose closing date has passed are closed (daily, by the system)."""
    today = today or timezone.localdate()
    count = 0
    for pk in list(
        Survey.objects.filter(status=Status.OPEN, closes_on__lt=today).values_list("pk", flat=True)
    ):
        try:
            transition(Survey(pk=pk), Status.CLOSED, SYSTEM)
        except SurveyError:
            continue  # closed by staff meanwhile
        count += 1
    return count


# --- builder ----------------------------------------------------------------------------

SURVEY_FIELDS_LOCKED_AFTER_DRAFT = ("audience", "anonymous")


@transaction.atomic
def create_survey(actor: User, fields: Mapping[str, Any]) -> Survey:
    return Survey.objects.create(created_by=actor, **fields)


@transaction.atomic
def update_survey(survey: Survey, fields: Mapping[str, Any]) -> Survey:
    if survey.status in (Status.CLOSED, Status.PUBLISHED):
        raise SurveyError(_("A closed survey cannot be changed."))
    if survey.status != Status.DRAFT:
        for name in SURVEY_FIELDS_LOCKED_AFTER_DRAFT:
            if name in fields and fields[name] != getattr(survey, name):
                raise SurveyError(
                    _("The audience and anonymity cannot change once the survey has opened.")
                )
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save()
    return survey


def has_answers(question: Question) -> bool:
    return Answer.objects.filter(question=question).exists()


def _check_builder_open(survey: Survey) -> None:
    if survey.status in (Status.CLOSED, Status.PUBLISHED):
        raise SurveyError(_("A closed survey cannot be changed."))


def _set_options(question: Question, labels: Sequence[str]) -> None:
    """Keep the codes of options whose label is unchanged; number new ones; 「その他」 last."""
    options = list(question.options.all())
    other = next((o for o in options if o.is_other), None)
    existing = {o.label: o for o in options if not o.is_other}
    used = {o.code for o in options}
    keep: list[Option] = []
    for order, label in enumerate(labels, start=1):
        option = existing.pop(label, None)
        if option is None:
            number = order
            while f"o{number}" in used:
                number += 1
            used.add(f"o{number}")
            option = Option(question=question, code=f"o{number}", label=label)
        option.order = order
        keep.append(option)
    for option in existing.values():
        option.delete()
    if other is not None and not (question.is_choice and question.has_other):
        other.delete()
        other = None
    for option in keep:
        option.save()
    if question.is_choice and question.has_other:
        if other is None:
            other = Option(question=question, code=Option.OTHER_CODE, label=Option.OTHER_LABEL)
        other.order = len(keep) + 1
        other.save()


def _clean_question_fields(fields: dict[str, Any]) -> dict[str, Any]:
    if fields.get("kind") not in Question.CHOICE_KINDS:
        fields["has_other"] = False
    if fields.get("kind") != Question.Kind.MULTIPLE:
        fields["max_choices"] = None
    return fields


@transaction.atomic
def add_question(survey: Survey, fields: Mapping[str, Any], labels: Sequence[str]) -> Question:
    _check_builder_open(survey)
    if survey.questions.filter(key=fields["key"]).exists():
        raise SurveyError(_("Another question of this survey already uses this key."))
    last = survey.questions.aggregate(last=Max("order"))["last"] or 0
    question = Question.objects.create(
        survey=survey, order=last + 1, **_clean_question_fields(dict(fields))
    )
    _set_options(question, labels if question.is_choice else [])
    return question


@transaction.atomic
def update_question(
    question: Question, fields: Mapping[str, Any], labels: Sequence[str]
) -> Question:
    """Change a question that nobody has answered yet (answered ones only take wording fixes)."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    _check_builder_open(locked.survey)
    if has_answers(locked):
        raise SurveyError(
            _(
                "This question already has answers: only its wording can be fixed, "
                "with the reason recorded."
            )
        )
    if (
        "key" in fields
        and Question.objects.filter(survey_id=locked.survey_id, key=fields["key"])
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise SurveyError(_("Another question of this survey already uses this key."))
    for name, value in _clean_question_fields(dict(fields)).items():
        setattr(locked, name, value)
    locked.save()
    _set_options(locked, labels if locked.is_choice else [])
    question.refresh_from_db()
    return question


@transaction.atomic
def fix_wording(question: Question, new_text: str, reason: str, actor: User) -> WordingFix:
    """Correct a question's wording (typos, clearer words) and record who, when and why."""
    new_text, reason = new_text.strip(), reason.strip()
    if not reason:
        raise SurveyError(
            _("Write why the wording changes; respondents may have read the old one.")
        )
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if new_text == locked.text:
        raise SurveyError(_("The wording is unchanged."))
    fix = WordingFix.objects.create(
        question=locked, old_text=locked.text, new_text=new_text, reason=reason, actor=actor
    )
    locked.text = new_text
    locked.save(update_fields=["text"])
    question.refresh_from_db()
    return fix


@transaction.atomic
def delete_question(question: Question) -> None:
    _check_builder_open(question.survey)
    if has_answers(question):
        raise SurveyError(_("A question that has answers cannot be deleted."))
    question.delete()


@transaction.atomic
def move_question(question: Question, step: int) -> None:
    """Move a question up (-1) or down (+1); the orders are renumbered 1, 2, 3…"""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    _check_builder_open(survey)
    questions = list(survey.questions.order_by("order", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = index + step
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
    for order, item in enumerate(questions, start=1):
        if item.order != order:
            item.order = order
            item.save(update_fields=["order"])


@transaction.atomic
def copy_survey(survey: Survey, actor: User | None, fields: Mapping[str, Any]) -> Survey:
    """A new draft with the same questions, keys and option codes (so the two compare);
    ``actor`` is None when the portal copies by itself (the demo's open survey)."""
    copy = Survey.objects.create(
        title=fields.get("title", survey.title),
        fiscal_year=fields.get("fiscal_year", survey.fiscal_year),
        audience=survey.audience,
        opens_on=fields["opens_on"],
        closes_on=fields["closes_on"],
        anonymous=survey.anonymous,
        intro=survey.intro,
        copied_from=survey,
        created_by=actor,
    )
    for question in survey.questions.prefetch_related("options"):
        options = list(question.options.all())
        question.pk = None
        question.survey = copy
        question.save()
        Option.objects.bulk_create(
            Option(question=question, code=o.code, label=o.label, order=o.order) for o in options
        )
    return copy
