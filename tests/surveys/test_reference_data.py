"""The seeded surveys of 2019 and 2025, and the demo answers that follow the seeds."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.services import load_departments
from groups.models import CitizenGroup
from surveys import breakdown, queries
from surveys.demo import load_demo_survey_answers
from surveys.models import Question, Survey
from surveys.reference import load_reference_surveys
from surveys.reference import reference_survey as find_seeded
from tests.factories import CitizenGroupFactory

pytestmark = pytest.mark.django_db

CHALLENGES = [
    "スタッフの世代の偏り（高齢化）",
    "活動の担い手不足",
    "特定の個人に責任や作業が集中する",
    "新しい会員が増えない",
    "活動の中心になるリーダーや後継者が育たない",
    "活動資金・資器材の調達",
    "活動場所・拠点の確保",
]
CITY_CHALLENGES = [
    "市民活動団体に関する理解不足",
    "市の中で連携がとれていない",
    "協働に消極的である",
    "協働を行う期間・予算の妥当性",
    "情報提供が不足している",
]


def reference_survey(slug: str) -> Survey:
    survey = find_seeded(slug)
    assert survey is not None, slug
    return survey


def labels(survey: Survey, key: str) -> list[str]:
    return list(survey.questions.get(key=key).options.values_list("label", flat=True))


def test_the_loader_creates_the_surveys_once() -> None:
    assert load_reference_surveys() == 3
    assert load_reference_surveys() == 0
    assert Survey.objects.filter(status=Survey.Status.CLOSED).count() == 3


def test_the_surveys_carry_the_seeds_options_under_shared_keys() -> None:
    load_reference_surveys()
    old, new = reference_survey("katsudo-2019"), reference_survey("shishin-2025-groups")
    assert (old.fiscal_year, new.fiscal_year) == (2019, 2025)
    for survey in (old, new):
        assert labels(survey, "activity_challenges") == [*CHALLENGES, "その他"]
        assert labels(survey, "city_collaboration_challenges") == [*CITY_CHALLENGES, "その他"]
        assert labels(survey, "collaboration_willingness")[:2] == [
            "積極的に協働によるまちづくりに取り組みたい",
            "内容によっては取り組みたい",
        ]
        assert "市と話し合う機会がない" in labels(survey, "group_collaboration_challenges")
    staff = reference_survey("shishin-2025-staff")
    assert staff.audience == Survey.Audience.CITY_STAFF and staff.anonymous
    shared = set(old.questions.values_list("key", flat=True)) & set(
        new.questions.values_list("key", flat=True)
    )
    assert "activity_challenges" in shared


def test_the_option_labels_are_the_groups_challenge_taxonomy() -> None:
    from groups.models import Challenge
    from groups.reference import load_taxonomies

    load_taxonomies()
    load_reference_surveys()
    codes = dict(
        reference_survey("katsudo-2019")
        .questions.get(key="activity_challenges")
        .options.values_list("code", "label")
    )
    for challenge in Challenge.objects.exclude(code="sonota"):
        assert codes[challenge.code] == challenge.name


@pytest.fixture
def demo() -> None:
    load_departments()
    CitizenGroupFactory.create_batch(140)
    assert load_demo_survey_answers() == 120 + 140 + 30
    assert load_demo_survey_answers() == 0


def share(survey: Survey, key: str) -> dict[str, float]:
    for result in queries.survey_results(survey).questions:
        if result.question.key == key:
            return {o.code: o.percent or 0 for o in result.options}
    raise AssertionError(key)


def test_demo_2019_willingness_is_just_over_half_and_2025_over_eighty(demo: Any) -> None:
    old = share(reference_survey("katsudo-2019"), "collaboration_willingness")
    new = share(reference_survey("shishin-2025-groups"), "collaboration_willingness")
    assert 50 < old["active"] + old["depends"] < 60
    assert new["active"] + new["depends"] > 80


def test_demo_challenges_rank_as_the_seeds_say(demo: Any) -> None:
    old = share(reference_survey("katsudo-2019"), "activity_challenges")
    new = share(reference_survey("shishin-2025-groups"), "activity_challenges")
    people = ["koureika", "ninaite-busoku", "kojin-shuchu", "kaiin-zo", "leader"]
    assert min(old[c] for c in people) > max(old["shikin"], old["basho"])
    top3 = sorted(new, key=lambda code: new[code], reverse=True)[:3]
    assert top3 == ["shikin", "leader", "kojin-shuchu"]


def test_demo_city_challenges_rise_where_the_seed_says(demo: Any) -> None:
    old = share(reference_survey("katsudo-2019"), "city_collaboration_challenges")
    new = share(reference_survey("shishin-2025-groups"), "city_collaboration_challenges")
    for code in ("kikan-yosan", "joho-teikyo"):
        assert new[code] > old[code] * 2
    assert old["rikai-busoku"] == max(old.values())
    assert new["rikai-busoku"] == max(new.values())


def test_demo_results_are_published_and_comparable(demo: Any) -> None:
    assert Survey.objects.filter(status=Survey.Status.PUBLISHED).count() == 3
    keys = dict(breakdown.comparable_keys(published_only=True))
    assert "activity_challenges" in keys
    comparison = breakdown.compare("activity_challenges", published_only=True)
    assert comparison is not None
    assert [s.fiscal_year for s, _n in comparison.surveys] == [2019, 2025]


def test_required_multiple_choice_questions_have_every_respondent_answering(demo: Any) -> None:
    for survey in Survey.objects.all():
        total = survey.responses.count()
        for result in queries.survey_results(survey).questions:
            if result.question.required and result.question.kind != Question.Kind.TEXT:
                assert result.answering == total, (survey.title, result.question.key)


def test_demo_answers_wait_for_the_registry() -> None:
    assert CitizenGroup.objects.count() == 0
    assert load_demo_survey_answers() == 0


def test_demo_opens_one_survey_for_managers_to_answer_without_mailing(
    group_manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    from surveys.demo import OPEN_DEMO_TITLE

    load_departments()
    CitizenGroupFactory.create_batch(140)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_survey_answers()
    survey = Survey.objects.get(title=OPEN_DEMO_TITLE)
    assert survey.status == Survey.Status.OPEN and survey.accepts_answers()
    assert not survey.responses.exists()
    assert list(survey.questions.values_list("key", flat=True)) == list(
        reference_survey("shishin-2025-groups").questions.values_list("key", flat=True)
    )
    assert mail.outbox == []
