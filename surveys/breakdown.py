"""Results split by organisation type or activity field, and the same question across surveys.

A group filed under two activity fields counts in both rows of the field breakdown. The
comparison matches questions on their key and options on their code, so the 2019 and 2025
surveys line up even where an option was added or reworded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import ActivityField, OrganizationType
from kamakura_portal.charts import BarChart, Series
from kamakura_portal.dates import fiscal_year_label

from .models import Answer, AnswerChoice, Option, Question, Survey
from .queries import SUBMITTED, count_text, percent, submitted_answers

# In an anonymous survey a row of fewer answers than this is not shown: a category with one
# or two groups in it would say who answered what.
ANONYMOUS_MIN_ROW = 5

DIMENSIONS = {
    "organization_type": (gettext_lazy("Organisation type"), "response__group__organization_type"),
    "activity_field": (gettext_lazy("Activity field"), "response__group__activity_fields"),
}


@dataclass
class BreakdownRow:
    label: str
    answering: int
    cells: list[str]


@dataclass
class BreakdownTable:
    question: Question
    number: int
    options: list[Option]
    rows: list[BreakdownRow]
    hidden: int = 0  # answers in rows too small to show (anonymous surveys)


def _categories(dimension: str) -> list[tuple[int, str]]:
    if dimension == "organization_type":
        return list(OrganizationType.objects.values_list("pk", "name"))
    return list(
        ActivityField.objects.filter(taxonomy=ActivityField.Taxonomy.CENTRE).values_list(
            "pk", "name"
        )
    )


def breakdown(survey: Survey, dimension: str) -> list[BreakdownTable]:
    """Per choice question, one row per category: counts and shares of each option (4 queries)."""
    path = DIMENSIONS[dimension][1]
    categories = _categories(dimension)  # 1
    questions = [q for q in survey.questions.prefetch_related("options") if q.is_choice]  # 2–3
    answering: dict[tuple[int, Any], int] = {
        (question_id, category): n
        for question_id, category, n in submitted_answers(survey)
        .values_list("question_id", path)
        .annotate(n=Count("id"))
    }  # 4
    chosen: dict[tuple[int, Any], int] = {
        (option_id, category): n
        for option_id, category, n in AnswerChoice.objects.filter(
            answer__response__survey=survey, answer__response__status=SUBMITTED
        )
        .values_list("option_id", f"answer__{path}")
        .annotate(n=Count("id"))
    }  # 5
    smallest = ANONYMOUS_MIN_ROW if survey.anonymous else 1
    tables = []
    for number, question in enumerate(questions, start=1):
        options = list(question.options.all())
        rows = []
        hidden = 0
        for category, label in [*categories, (None, _("Not recorded"))]:
            total = answering.get((question.pk, category), 0)
            if total < smallest:
                hidden += total
                continue
            cells = [
                count_text(
                    chosen.get((o.pk, category), 0),
                    percent(chosen.get((o.pk, category), 0), total),
                )
                for o in options
            ]
            rows.append(BreakdownRow(label=label, answering=total, cells=cells))
        tables.append(
            BreakdownTable(
                question=question, number=number, options=options, rows=rows, hidden=hidden
            )
        )
    return tables


# --- comparison across surveys ----------------------------------------------------------


def comparable_keys(*, published_only: bool) -> list[tuple[str, str]]:
    """``(key, latest wording)`` of choice questions asked in two surveys or more (one query)."""
    questions = Question.objects.filter(kind__in=Question.CHOICE_KINDS).exclude(
        survey__status=Survey.Status.DRAFT
    )
    if published_only:
        questions = questions.filter(survey__status=Survey.Status.PUBLISHED)
    latest: dict[str, str] = {}
    seen: dict[str, set[int]] = defaultdict(set)
    for key, survey_id, text in questions.order_by(
        "survey__fiscal_year", "survey__opens_on"
    ).values_list("key", "survey_id", "text"):
        seen[key].add(survey_id)
        latest[key] = text
    return sorted(((k, latest[k]) for k, ids in seen.items() if len(ids) > 1), key=lambda p: p[1])


@dataclass
class Comparison:
    key: str
    title: str
    surveys: list[tuple[Survey, int]]  # each survey with its number answering
    chart: BarChart


def compare(key: str, *, published_only: bool) -> Comparison | None:
    """The question ``key`` in every survey that asked it, oldest first (four queries)."""
    questions = list(
        Question.objects.filter(key=key, kind__in=Question.CHOICE_KINDS)
        .exclude(survey__status=Survey.Status.DRAFT)
        .filter(**({"survey__status": Survey.Status.PUBLISHED} if published_only else {}))
        .select_related("survey")
        .prefetch_related("options")
        .order_by("survey__fiscal_year", "survey__opens_on", "survey_id")
    )  # 1–2
    if len(questions) < 2:
        return None
    ids = [q.pk for q in questions]
    answering = dict(
        Answer.objects.filter(question_id__in=ids, response__status=SUBMITTED)
        .values_list("question_id")
        .annotate(n=Count("id"))
    )  # 3
    chosen = dict(
        AnswerChoice.objects.filter(answer__question_id__in=ids, answer__response__status=SUBMITTED)
        .values_list("option_id")
        .annotate(n=Count("id"))
    )  # 4
    labels: dict[str, str] = {}
    for question in questions:  # the newest wording of each option wins
        for option in question.options.all():
            labels[option.code] = option.label
    codes = list(labels)
    series = []
    for question in questions:
        total = answering.get(question.pk, 0)
        by_code = {o.code: o for o in question.options.all()}
        values, texts = [], []
        for code in codes:
            asked = by_code.get(code)
            count = chosen.get(asked.pk, 0) if asked else 0
            share = percent(count, total) if asked else None
            values.append(share or 0)
            texts.append(count_text(count, share) if asked else _("not asked"))
        series.append(Series(_survey_name(question.survey), values, texts))
    latest = questions[-1]
    chart = BarChart(
        title=latest.text,
        categories=[labels[c] for c in codes],
        series=series,
        unit="%",
        max_value=100,
        note=" ".join(
            _("%(survey)s: %(count)s answering.")
            % {"survey": _survey_name(q.survey), "count": answering.get(q.pk, 0)}
            for q in questions
        ),
    )
    return Comparison(
        key=key,
        title=latest.text,
        surveys=[(q.survey, answering.get(q.pk, 0)) for q in questions],
        chart=chart,
    )


def _survey_name(survey: Survey) -> str:
    return f"{fiscal_year_label(survey.fiscal_year)} {survey.title}"
