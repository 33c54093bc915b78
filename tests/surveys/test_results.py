"""Results per option (never per combination), breakdowns and the comparison across years."""

from __future__ import annotations

from typing import Any

import pytest

from kamakura_portal.charts import BarChart
from surveys import breakdown, queries
from surveys.answering import Respondent
from surveys.models import Survey
from tests.factories import ActivityFieldFactory, CitizenGroupFactory, OrganizationTypeFactory

from .conftest import answer, make_survey

pytestmark = pytest.mark.django_db


def chart_of(result: queries.QuestionResult) -> BarChart:
    assert result.chart is not None
    return result.chart


def comparison_of(key: str) -> breakdown.Comparison:
    found = breakdown.compare(key, published_only=False)
    assert found is not None
    return found


def by_label(result: Any) -> dict[str, tuple[int, float | None]]:
    return {o.label: (o.count, o.percent) for o in result.options}


@pytest.fixture
def answered(group_manager: Any, db: Any) -> Any:
    """Three groups answered; a fourth left a draft, which is never counted."""
    survey = make_survey(status=Survey.Status.OPEN)
    npo = OrganizationTypeFactory.create(name="NPO法人")
    volunteer = OrganizationTypeFactory.create(name="任意団体")
    field = ActivityFieldFactory.create(name="子ども・子育て")
    groups = [CitizenGroupFactory.create(organization_type=t) for t in (npo, npo, volunteer)]
    groups[0].activity_fields.add(field)
    picks = [
        (["活動の担い手不足", "活動資金・資器材の調達"], "積極的に取り組みたい", 10, 5),
        (["活動の担い手不足"], "内容によっては取り組みたい", 20, 4),
        (["活動資金・資器材の調達", "活動場所・拠点の確保"], "積極的に取り組みたい", None, None),
    ]
    for group, (challenges, willing, members, scale) in zip(groups, picks, strict=True):
        extra: dict[str, Any] = {"members": members, "satisfaction": scale} if members else {}
        answer(
            survey,
            Respondent(group=group),
            group_manager,
            challenges=challenges,
            willingness=willing,
            **extra,
        )
    answer(
        survey,
        Respondent(group=CitizenGroupFactory.create()),
        group_manager,
        submit=False,
        challenges=["活動場所・拠点の確保"],
    )
    return survey


def test_multiple_choice_counts_each_option_of_those_answering(answered: Any) -> None:
    results = queries.survey_results(answered)
    challenges = results.questions[0]
    assert results.respondents == 3
    assert challenges.answering == 3
    assert by_label(challenges) == {
        "活動の担い手不足": (2, 66.7),
        "活動資金・資器材の調達": (2, 66.7),
        "活動場所・拠点の確保": (1, 33.3),
        "その他": (0, 0.0),
    }


def test_single_choice_shares_add_up_to_one_hundred(answered: Any) -> None:
    willingness = queries.survey_results(answered).questions[1]
    assert sum(o.percent or 0 for o in willingness.options) == pytest.approx(100, abs=0.2)


def test_numbers_and_scales_are_summarised_over_those_answering(answered: Any) -> None:
    results = queries.survey_results(answered)
    members, satisfaction = results.questions[2], results.questions[3]
    assert (members.answering, members.mean, members.minimum, members.maximum) == (2, 15, 10, 20)
    assert by_label(satisfaction)["5"] == (1, 50.0)


def test_the_chart_is_the_one_chart_helper_with_the_count_in_each_text(answered: Any) -> None:
    chart = chart_of(queries.survey_results(answered).questions[0])
    assert chart.max_value == 100
    assert (chart.series[0].texts or [""])[0].startswith("2")
    assert "3" in chart.note


def test_the_results_take_the_same_queries_whatever_the_responses(
    answered: Any, group_manager: Any, django_assert_num_queries: Any
) -> None:
    # 1. questions 2. their options 3. submitted responses 4. answering per question
    # 5. count per option 6. values of number and scale questions
    with django_assert_num_queries(6):
        queries.survey_results(answered)
    for _ in range(5):
        answer(
            answered,
            Respondent(group=CitizenGroupFactory.create()),
            group_manager,
            challenges=["活動の担い手不足"],
            willingness="今は考えていない",
            members=3,
        )
    with django_assert_num_queries(6):
        queries.survey_results(answered)


def test_breakdown_by_organisation_type(answered: Any) -> None:
    table = breakdown.breakdown(answered, "organization_type")[0]
    rows = {row.label: (row.answering, row.cells) for row in table.rows}
    assert rows["NPO法人"][0] == 2
    assert rows["NPO法人"][1][0].startswith("2")  # 担い手不足: both NPOs
    assert rows["任意団体"][0] == 1


def test_breakdown_by_activity_field_counts_only_groups_in_the_field(answered: Any) -> None:
    table = breakdown.breakdown(answered, "activity_field")[0]
    rows = {row.label: row.answering for row in table.rows}
    assert rows["子ども・子育て"] == 1


def test_top_options_for_reports(answered: Any) -> None:
    top = queries.top_options(answered, "challenges", 2)
    assert [o.label for o in top] == ["活動の担い手不足", "活動資金・資器材の調達"]


def test_response_figures_count_drafts_apart(answered: Any) -> None:
    assert queries.response_figures(answered) == {"submitted": 3, "drafts": 1}


def compared_surveys(group_manager: Any, group_a: Any) -> Any:
    old = make_survey(status=Survey.Status.PUBLISHED, fiscal_year=2019, title="2019年調査")
    new = make_survey(status=Survey.Status.OPEN, fiscal_year=2025, title="2025年調査")
    for survey, pick in ((old, "積極的に取り組みたい"), (new, "今は考えていない")):
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
        answer(
            survey,
            Respondent(group=group_a),
            group_manager,
            challenges=["活動の担い手不足"],
            willingness=pick,
        )
    Survey.objects.filter(pk=old.pk).update(status=Survey.Status.PUBLISHED)
    Survey.objects.filter(pk=new.pk).update(status=Survey.Status.CLOSED)
    return old, new


def test_questions_sharing_a_key_are_compared_side_by_side(
    group_manager: Any, group_a: Any
) -> None:
    compared_surveys(group_manager, group_a)
    comparison = comparison_of("willingness")
    assert [s.title for s, _n in comparison.surveys] == ["2019年調査", "2025年調査"]
    series = {
        s.name.split(" ")[-1]: dict(zip(comparison.chart.categories, s.values, strict=True))
        for s in comparison.chart.series
    }
    assert series["2019年調査"]["積極的に取り組みたい"] == 100.0
    assert series["2025年調査"]["今は考えていない"] == 100.0


def test_public_comparison_uses_published_surveys_only(group_manager: Any, group_a: Any) -> None:
    compared_surveys(group_manager, group_a)
    assert breakdown.compare("willingness", published_only=True) is None
    assert breakdown.comparable_keys(published_only=True) == []
    assert ("willingness", "協働に取り組みたいですか。") in breakdown.comparable_keys(
        published_only=False
    )


def test_an_option_missing_from_one_survey_reads_not_asked(
    group_manager: Any, group_a: Any
) -> None:
    from surveys import services

    _old, new = compared_surveys(group_manager, group_a)
    Survey.objects.filter(pk=new.pk).update(status=Survey.Status.DRAFT)
    q = new.questions.get(key="willingness")
    q.answers.all().delete()
    services.update_question(
        q,
        {"kind": "single", "text": q.text, "key": q.key},
        ["積極的に取り組みたい", "内容によっては取り組みたい", "今は考えていない", "わからない"],
    )
    Survey.objects.filter(pk=new.pk).update(status=Survey.Status.CLOSED)
    chart = comparison_of("willingness").chart
    index = list(chart.categories).index("わからない")
    assert (chart.series[0].texts or [])[index] in ("not asked", "質問なし")


def test_an_anonymous_breakdown_hides_rows_of_fewer_than_five(group_manager: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, anonymous=True)
    small, large = (
        OrganizationTypeFactory.create(name="少数"),
        OrganizationTypeFactory.create(name="多数"),
    )
    for kind, count in ((small, 2), (large, 5)):
        for _ in range(count):
            answer(
                survey,
                Respondent(group=CitizenGroupFactory.create(organization_type=kind)),
                group_manager,
                challenges=["活動の担い手不足"],
                willingness="今は考えていない",
            )
    table = breakdown.breakdown(survey, "organization_type")[0]
    assert [row.label for row in table.rows] == ["多数"]
    assert table.hidden == 2
