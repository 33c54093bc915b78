"""Read-side helpers for survey pages and reports: lists, results per question, figures.

Results count submitted responses only. A multiple-choice question is counted per option (a
response that ticks three options adds one to each), and every percentage is of the number
who answered that question, which is shown beside it. The queries do not grow with the
number of responses or questions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal.charts import BarChart, bar_chart

from .models import Answer, AnswerChoice, Question, Response, Survey

SUBMITTED = Response.Status.SUBMITTED


def percent(count: int, total: int) -> float | None:
    return round(count * 100 / total, 1) if total else None


def count_text(count: int, share: float | None) -> str:
    if share is None:
        return "—"
    return _("%(count)s (%(percent)s%%)") % {"count": count, "percent": f"{share:.1f}"}


@dataclass(frozen=True)
class OptionResult:
    code: str
    label: str
    count: int
    percent: float | None

    @property
    def text(self) -> str:
        return count_text(self.count, self.percent)


@dataclass
class QuestionResult:
    question: Question
    number: int
    answering: int
    options: list[OptionResult] = field(default_factory=list)
    mean: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def chart(self) -> BarChart | None:
        if not self.options:
            return None
        return bar_chart(
            f"{self.number}. {self.question.text}",
            [(o.label, o.percent or 0) for o in self.options],
            series_name=_("Share of those answering"),
            unit="%",
            max_value=100,
            texts=[o.text for o in self.options],
            note=_("Number answering: %(count)s") % {"count": self.answering}
            + (
                " " + _("Several options could be chosen, so the shares add up to more than 100%.")
                if self.question.kind == Question.Kind.MULTIPLE
                else ""
            ),
        )


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    questions: list[QuestionResult]


def submitted_answers(survey: Survey) -> QuerySet[Answer]:
    return Answer.objects.filter(response__survey=survey, response__status=SUBMITTED)


def survey_results(survey: Survey) -> SurveyResults:
    """Counts and percentages per option of every question (six queries in all)."""
    return results_of_surveys([survey])[0]


def results_of_surveys(surveys: Sequence[Survey]) -> list[SurveyResults]:
    """:func:`survey_results` of several surveys (a report's highlights of a year), in the
    same six queries whatever the number of surveys, questions or responses."""
    ids = [survey.pk for survey in surveys]
    questions = Question.objects.filter(survey__in=ids).prefetch_related("options")  # 1–2
    respondents = dict(
        Response.objects.filter(survey__in=ids, status=SUBMITTED)
        .values_list("survey_id")
        .annotate(n=Count("id"))
    )  # 3
    answers = Answer.objects.filter(response__survey__in=ids, response__status=SUBMITTED)
    answering = dict(answers.values_list("question_id").annotate(n=Count("id")))  # 4
    chosen = dict(
        AnswerChoice.objects.filter(
            answer__response__survey__in=ids, answer__response__status=SUBMITTED
        )
        .values_list("option_id")
        .annotate(n=Count("id"))
    )  # 5
    values: dict[int, dict[Decimal, int]] = defaultdict(dict)
    for question_id, value, n in (
        answers.filter(question__kind__in=(Question.Kind.NUMBER, Question.Kind.SCALE))
        .values_list("question_id", "number")
        .annotate(n=Count("id"))
    ):  # 6
        values[question_id][value] = n
    by_survey: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        by_survey[question.survey_id].append(question)
    results = []
    for survey in surveys:
        rows = []
        for number, question in enumerate(by_survey[survey.pk], start=1):
            question.survey = survey
            total = answering.get(question.pk, 0)
            result = QuestionResult(question=question, number=number, answering=total)
            if question.is_choice:
                result.options = [
                    OptionResult(
                        o.code, o.label, chosen.get(o.pk, 0), percent(chosen.get(o.pk, 0), total)
                    )
                    for o in question.options.all()
                ]
            elif question.kind == Question.Kind.SCALE:
                counts = {int(k): n for k, n in values[question.pk].items() if k is not None}
                result.options = [
                    OptionResult(str(k), str(k), counts.get(k, 0), percent(counts.get(k, 0), total))
                    for k in range(1, 6)
                ]
            _summarise_numbers(result, values[question.pk])
            rows.append(result)
        results.append(
            SurveyResults(survey=survey, respondents=respondents.get(survey.pk, 0), questions=rows)
        )
    return results


def _summarise_numbers(result: QuestionResult, counts: dict[Decimal, int]) -> None:
    numbers = {k: n for k, n in counts.items() if k is not None}
    total = sum(numbers.values())
    if not total:
        return
    weighted = sum((k * n for k, n in numbers.items()), Decimal(0))
    result.mean = (weighted / total).quantize(Decimal("0.1"))
    result.minimum = min(numbers)
    result.maximum = max(numbers)


def free_text_answers(survey: Survey) -> QuerySet[Answer]:
    """Submitted free text and 「その他」 texts, by question (staff only; one query).

    The respondent is selected only for named surveys: an anonymous survey's listing cannot
    show who wrote what because the page never receives it.
    """
    answers = submitted_answers(survey).exclude(text="").select_related("question")
    if survey.anonymous:
        # Sorted by the text, so not even the order of submission hints at who wrote it.
        return answers.order_by("question__order", "question_id", "text")
    return answers.order_by("question__order", "question_id", "pk").select_related(
        "response__group", "response__department", "response__respondent"
    )


def staff_survey_list() -> QuerySet[Survey]:
    """Every survey with its numbers of submitted and draft responses and of questions (one
    query). Both joins multiply the rows, so every count is distinct."""
    return Survey.objects.annotate(
        submitted_count=Count("responses", filter=Q(responses__status=SUBMITTED), distinct=True),
        draft_count=Count(
            "responses", filter=Q(responses__status=Response.Status.DRAFT), distinct=True
        ),
        question_count=Count("questions", distinct=True),
    )


def published_surveys() -> QuerySet[Survey]:
    return Survey.objects.filter(status=Survey.Status.PUBLISHED).annotate(
        submitted_count=Count("responses", filter=Q(responses__status=SUBMITTED))
    )


def open_surveys_for(user: User) -> QuerySet[Survey]:
    """Open surveys whose audience includes ``user`` (the answering pages' list)."""
    audiences = [Survey.Audience.PUBLIC]
    if user.managed_group_ids:
        audiences.append(Survey.Audience.GROUPS)
    if user.department_ids:
        audiences.append(Survey.Audience.CITY_STAFF)
    return Survey.objects.filter(status=Survey.Status.OPEN, audience__in=audiences).order_by(
        "closes_on", "pk"
    )


# --- figures for reports ----------------------------------------------------------------


def top_options(survey: Survey, key: str, limit: int = 3) -> list[OptionResult]:
    """The most chosen options of the question ``key``, for a report's highlights."""
    results = survey_results(survey)
    for result in results.questions:
        if result.question.key == key:
            return most_chosen(result.options, limit)
    return []


def most_chosen(options: Sequence[OptionResult], limit: int = 3) -> list[OptionResult]:
    """The ``limit`` options chosen most often (ties by label)."""
    return sorted(options, key=lambda o: (-o.count, o.label))[:limit]


def response_figures(survey: Survey) -> dict[str, int]:
    """How many have submitted and how many are still drafts (one query)."""
    counts = dict(
        Response.objects.filter(survey=survey).values_list("status").annotate(n=Count("id"))
    )
    return {
        "submitted": counts.get(SUBMITTED, 0),
        "drafts": counts.get(Response.Status.DRAFT, 0),
    }
