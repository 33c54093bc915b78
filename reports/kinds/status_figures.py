"""The chapters of the status report (進捗状況報告書), each read through its app's queries.

Every function runs a fixed number of queries, whatever the number of measures, groups,
proposals, surveys or projects. Only what the public pages show is read: published progress
reports, published surveys (per option, never per combination nor a written answer), the
coordinators' work as counts (never a consultation's text), and of finished projects the
committee's evaluation, which their public page shows (self-evaluations are not printed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from collaboration import queries as collaboration
from collaboration.models import CommitteeEvaluation, Proposal
from coordination.queries.consultations import YearlyCounts, yearly_counts
from coordination.queries.dashboard import YearFigures, pipeline_counts, year_figures
from groups import queries as groups
from kamakura_portal.charts import BarChart, bar_chart
from kamakura_portal.dates import fiscal_year_label, fiscal_year_start
from measures import queries as measures
from measures.figures import ProgressTable, grade_chart, progress_table
from measures.models import Measure, Plan
from surveys.models import Question, Survey
from surveys.queries import OptionResult, most_chosen, published_surveys, results_of_surveys

# Highlights print the options chosen most often of each choice question.
TOP_OPTIONS = 3


def plan_in_force(year: int) -> Plan | None:
    """The plan of the portal's municipality whose measures the report follows in ``year``.

    Of the municipality's plans that have measures (newest edition first), the first that had
    begun by that year (its first fiscal year, else its edition's year) and had not ended
    before it: for Kamakura, the 2026 guideline from fiscal 2026, the 2020 one before. None
    when no plan was in force (one query).
    """
    for plan in measures.plans_with_counts():
        measures_in_plan: int = plan.measure_count  # type: ignore[attr-defined]
        if plan.municipality != settings.PORTAL_MUNICIPALITY or not measures_in_plan:
            continue
        start = plan.start_fiscal_year or plan.edition_year
        if (start is None or start <= year) and (
            plan.end_fiscal_year is None or year <= plan.end_fiscal_year
        ):
            return plan
    return None


@dataclass
class MeasuresChapter:
    plan: Plan
    by_tier: ProgressTable
    by_category: ProgressTable
    grades: BarChart
    graded: int
    without_report: list[tuple[Any, list[Measure]]]  # (category, measures), plan order

    @property
    def reported(self) -> int:
        """Measures with a published report of the year (the last column: without one)."""
        return self.by_tier.grand_total - self.by_tier.totals[-1]

    @property
    def without_report_count(self) -> int:
        return sum(len(rows) for _category, rows in self.without_report)


def measures_chapter(plan: Plan, year: int) -> MeasuresChapter:
    """Five queries: by tier, by category, the measures without report (two), the grades."""
    label = fiscal_year_label(year)
    tiers = measures.measures_by_tier_and_status(plan, year)
    grades = measures.grade_distribution(plan, year)
    return MeasuresChapter(
        plan=plan,
        by_tier=progress_table(
            tiers,
            _("Measures by tier and progress, %(year)s") % {"year": label},
            _("No tier") if len(tiers) > 1 else _("All measures"),
        ),
        by_category=progress_table(
            measures.measures_by_category_and_status(plan, year),
            _("Measures by area and progress, %(year)s") % {"year": label},
            _("No area"),
        ),
        grades=grade_chart(
            grades, _("Self-assessments of published reports, %(year)s") % {"year": label}
        ),
        graded=sum(grades.values()),
        without_report=measures.group_by_category(measures.measures_without_report(plan, year)),
    )


@dataclass
class RegistryChapter:
    total: int
    renewal: dict[str, int]
    by_field: BarChart
    by_type: BarChart
    by_year: list[tuple[str, int]]  # (fiscal year, groups registered in it)
    by_year_chart: BarChart


def registry_chapter(year: int) -> RegistryChapter:
    """Six queries. The register as it stands on the day of issue; registrations by the
    fiscal year of their 登録日, up to the report's year."""
    series = _("Number of groups")
    by_year = [
        (fiscal_year_label(fiscal_year), count)
        for fiscal_year, count in groups.registrations_by_fiscal_year()
        if fiscal_year <= year
    ]
    return RegistryChapter(
        total=groups.registered_total(),
        renewal=groups.renewal_status_counts(),
        by_field=bar_chart(
            _("Registered groups by activity field"),
            [(f.label, f.count) for f in groups.groups_by_activity_field()],
            series_name=series,
            note=_("A group active in several fields counts in each of them."),
        ),
        by_type=bar_chart(
            _("Registered groups by organisation type"),
            [(f.label, f.count) for f in groups.groups_by_organization_type()],
            series_name=series,
        ),
        by_year=by_year,
        by_year_chart=bar_chart(
            _("New registrations by fiscal year"),
            by_year,
            series_name=series,
        ),
    )


Figure = collaboration.ProposalFigure


@dataclass
class CollaborationChapter:
    # Per period (this year, the imported history, every year so far): its label and figure.
    totals: list[tuple[str, Figure]]
    by_side: list[tuple[str, list[Figure]]]  # per period: the city's, then the groups'
    history_chart: BarChart | None
    by_program: list[tuple[Figure | None, Figure]]  # (this year's, every year's) per programme
    by_year: list[Figure]
    by_year_chart: BarChart

    @property
    def year(self) -> Figure:
        return self.totals[0][1]

    @property
    def cumulative(self) -> tuple[str, Figure]:
        return self.totals[-1]


def collaboration_chapter(year: int) -> CollaborationChapter:
    """Eleven queries: the history's period; totals and sides for this year, the history and
    every year so far; programmes for this year and so far; fiscal years."""
    history = collaboration.imported_period()
    periods: list[tuple[str, int | None, int]] = [(fiscal_year_label(year), year, year)]
    if history is not None:
        periods.append((_period(*history), *history))
    periods.append((_("Every year to %(year)s") % {"year": fiscal_year_label(year)}, None, year))
    totals = [(label, collaboration.proposal_totals(first, last)) for label, first, last in periods]
    by_side = [
        (label, collaboration.proposal_figures(collaboration.BY_SIDE, first, last))
        for label, first, last in periods
    ]
    history_chart = None
    if history is not None:
        history_chart = collaboration.implementation_chart(
            _("Implementation rate by proposer, %(period)s") % {"period": _period(*history)},
            by_side[1][1],
        )
    this_year = {
        f.label: f for f in collaboration.proposal_figures(collaboration.BY_PROGRAM, year, year)
    }
    so_far = collaboration.proposal_figures(collaboration.BY_PROGRAM, None, year)
    by_year = collaboration.proposal_figures(collaboration.BY_FISCAL_YEAR, None, year)
    return CollaborationChapter(
        totals=totals,
        by_side=by_side,
        history_chart=history_chart,
        by_program=[(this_year.get(f.label), f) for f in so_far],
        by_year=by_year,
        by_year_chart=collaboration.implementation_chart(
            _("Implementation rate by fiscal year"), by_year
        ),
    )


def _period(first: int, last: int) -> str:
    return f"{fiscal_year_label(first)}〜{fiscal_year_label(last)}"


@dataclass
class CoordinationChapter:
    year: YearFigures
    pipeline: list[tuple[str, int]]
    consultations: YearlyCounts
    by_topic: BarChart

    @property
    def exists(self) -> bool:
        """Whether the coordinators have anything on record to print."""
        figures = self.year
        return bool(
            figures.needs_posted
            or figures.groups_contacted
            or any(count for _label, count in self.pipeline)
            or self.consultations.total
        )


def coordination_chapter(year: int) -> CoordinationChapter:
    """Five queries, counts only: a consultation's text holds a group's private matters."""
    consultations = yearly_counts(year)
    return CoordinationChapter(
        year=year_figures(fiscal_year_start(year)),
        pipeline=pipeline_counts(),
        consultations=consultations,
        by_topic=bar_chart(
            _("Consultations by topic, %(year)s") % {"year": fiscal_year_label(year)},
            consultations.by_topic,
            series_name=_("Number of consultations"),
            note=_("A consultation on several topics counts under each of them."),
        ),
    )


@dataclass
class QuestionHighlight:
    number: int
    text: str
    multiple: bool
    answering: int
    top: list[OptionResult] = field(default_factory=list)
    mean: Decimal | None = None


@dataclass
class SurveyHighlight:
    survey: Survey
    respondents: int
    questions: list[QuestionHighlight]


def survey_highlights(year: int) -> list[SurveyHighlight]:
    """The published surveys of the fiscal year, each choice question with its options chosen
    most often (per option, never per combination) and each scale with its average; no
    written answer (seven queries)."""
    surveys = list(published_surveys().filter(fiscal_year=year).order_by("opens_on", "pk"))
    highlights = []
    for results in results_of_surveys(surveys):
        questions = []
        for result in results.questions:
            question = result.question
            if question.kind == Question.Kind.SCALE:
                questions.append(
                    QuestionHighlight(
                        result.number, question.text, False, result.answering, mean=result.mean
                    )
                )
            elif question.is_choice:
                chosen = [option for option in result.options if option.count]
                questions.append(
                    QuestionHighlight(
                        result.number,
                        question.text,
                        question.kind == Question.Kind.MULTIPLE,
                        result.answering,
                        top=most_chosen(chosen, TOP_OPTIONS),
                    )
                )
        highlights.append(SurveyHighlight(results.survey, results.respondents, questions))
    return highlights


@dataclass
class ProjectsChapter:
    """Projects that ended in the fiscal year or the one before (evaluated in this one)."""

    first_year: int
    projects: list[Proposal]
    grades: list[tuple[str, int]]  # the committee's grades, every grade, in order

    @property
    def first_label(self) -> str:
        return fiscal_year_label(self.first_year)

    @property
    def evaluated(self) -> int:
        return sum(count for _label, count in self.grades)


def projects_chapter(year: int) -> ProjectsChapter:
    """Three queries: the projects with the committee's evaluation, and their partners."""
    projects = list(collaboration.finished_projects(year - 1, year))
    counts: dict[str, int] = {}
    for project in projects:
        evaluation = _committee_evaluation(project)
        if evaluation is not None:
            counts[evaluation.grade] = counts.get(evaluation.grade, 0) + 1
    grades = [
        (str(label), counts.get(value, 0))
        for value, label in CommitteeEvaluation.CommitteeGrade.choices
    ]
    return ProjectsChapter(year - 1, projects, grades)


def _committee_evaluation(project: Proposal) -> CommitteeEvaluation | None:
    try:
        return project.committee_evaluation
    except CommitteeEvaluation.DoesNotExist:
        return None
