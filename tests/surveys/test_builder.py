"""The builder's services: options, locking once answered, wording fixes, order, copy."""

from __future__ import annotations

from typing import Any

import pytest

from surveys import services
from surveys.answering import Respondent
from surveys.models import Option, Question, Survey, WordingFix

from .conftest import answer, make_survey, question

pytestmark = pytest.mark.django_db


def labels(q: Question) -> list[str]:
    return list(q.options.values_list("label", flat=True))


def test_an_other_option_is_added_last_with_its_own_code() -> None:
    survey = make_survey()
    q = question(survey, "challenges")
    assert labels(q)[-1] == "その他"
    assert q.options.filter(code=Option.OTHER_CODE).get().order == q.options.count()


def test_keys_are_unique_within_a_survey() -> None:
    survey = make_survey()
    with pytest.raises(services.SurveyError):
        services.add_question(survey, {"key": "members", "kind": "text", "text": "x"}, [])


def test_editing_options_keeps_the_codes_of_unchanged_labels() -> None:
    survey = make_survey()
    q = question(survey, "willingness")
    codes = dict(q.options.values_list("label", "code"))
    services.update_question(
        q,
        {"kind": "single", "text": q.text, "key": q.key, "has_other": False},
        ["今は考えていない", "積極的に取り組みたい", "わからない"],
    )
    after = dict(q.options.values_list("label", "code"))
    assert labels(q) == ["今は考えていない", "積極的に取り組みたい", "わからない"]
    assert after["今は考えていない"] == codes["今は考えていない"]
    assert after["わからない"] not in codes.values()


def test_an_answered_question_is_locked_but_its_wording_can_be_fixed(
    group_manager: Any, group_a: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    answer(survey, Respondent(group=group_a), group_manager, submit=False, members=12)
    q = question(survey, "members")
    with pytest.raises(services.SurveyError, match=r"wording|文言"):
        services.update_question(q, {"kind": "text", "text": "x", "key": "members"}, [])
    with pytest.raises(services.SurveyError):
        services.delete_question(q)
    with pytest.raises(services.SurveyError):
        services.fix_wording(q, "会員数（人）", "", group_manager)
    fix = services.fix_wording(q, "会員数（人）", "単位を明記", group_manager)
    q.refresh_from_db()
    assert (q.text, q.kind) == ("会員数（人）", "number")
    assert (fix.old_text, fix.reason, fix.actor) == ("会員数", "単位を明記", group_manager)
    assert WordingFix.objects.count() == 1


def test_unanswered_questions_can_be_changed_while_open() -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    q = question(survey, "comments")
    services.update_question(q, {"kind": "text", "text": "自由記述", "key": "comments"}, [])
    q.refresh_from_db()
    assert q.text == "自由記述"


def test_a_closed_survey_cannot_be_built_on() -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    with pytest.raises(services.SurveyError):
        services.add_question(survey, {"key": "new", "kind": "text", "text": "x"}, [])


def test_questions_move_up_and_down_and_stay_numbered() -> None:
    survey = make_survey()
    third = question(survey, "members")
    services.move_question(third, -1)
    services.move_question(question(survey, "challenges"), -1)  # already first: no change
    keys = list(survey.questions.values_list("key", "order"))
    assert keys == [
        ("challenges", 1),
        ("members", 2),
        ("willingness", 3),
        ("satisfaction", 4),
        ("comments", 5),
    ]


def test_a_copy_keeps_keys_and_option_codes_and_starts_as_a_draft(centre_staff: Any) -> None:
    import datetime

    survey = make_survey(status=Survey.Status.PUBLISHED, fiscal_year=2019)
    copy = services.copy_survey(
        survey,
        centre_staff,
        {
            "title": "2026年度版",
            "fiscal_year": 2026,
            "opens_on": datetime.date(2026, 9, 1),
            "closes_on": datetime.date(2026, 9, 30),
        },
    )
    assert copy.status == Survey.Status.DRAFT
    assert copy.copied_from == survey
    pairs = lambda s: list(  # noqa: E731
        Option.objects.filter(question__survey=s).values_list("question__key", "code", "label")
    )
    assert pairs(copy) == pairs(survey)
    assert survey.questions.count() == 5  # the original is untouched


def test_survey_and_question_changes_are_in_the_audit_trail(centre_staff: Any) -> None:
    from kamakura_portal.audit import acting_as, history_for

    survey = make_survey()
    with acting_as(centre_staff):
        services.update_survey(survey, {"title": "改題"})
        services.fix_wording(question(survey, "members"), "会員の数", "表現", centre_staff)
    [entry, *_] = history_for(survey)
    assert entry.actor == centre_staff and "改題" in str(entry.changes)
    assert history_for(question(survey, "members")).first().actor == centre_staff  # type: ignore[union-attr]
