"""The builder pages: list, create, settings, questions, order, status, copy, preview."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from surveys.answering import Respondent
from surveys.models import Question, Survey, WordingFix
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page, field_error

from .conftest import answer, make_survey, question

pytestmark = pytest.mark.django_db

SURVEY_STAFF = {"centre_staff", "secretariat"}
STAFF_ONLY = {**roles_except(SURVEY_STAFF, yes=200, no=403), "anonymous": 302}


def staff_pages(survey: Survey) -> list[str]:
    q = question(survey, "comments")
    return [
        reverse("surveys:staff"),
        reverse("surveys:create"),
        reverse("surveys:builder", args=[survey.pk]),
        reverse("surveys:edit", args=[survey.pk]),
        reverse("surveys:copy", args=[survey.pk]),
        reverse("surveys:preview", args=[survey.pk]),
        reverse("surveys:add_question", args=[survey.pk]),
        reverse("surveys:edit_question", args=[survey.pk, q.pk]),
        reverse("surveys:fix_wording", args=[survey.pk, q.pk]),
    ]


@for_every_role(STAFF_ONLY)
def test_only_survey_staff_open_the_builder_pages(role_client: Any, expected: Any) -> None:
    survey = make_survey()
    assert [role_client.get(url).status_code for url in staff_pages(survey)] == [expected] * 9


@for_every_role(STAFF_ONLY)
def test_only_survey_staff_post_to_the_builder(role_client: Any, expected: Any) -> None:
    survey = make_survey()
    q = question(survey, "comments")
    posts = [
        reverse("surveys:move_question", args=[survey.pk, q.pk]),
        reverse("surveys:delete_question", args=[survey.pk, q.pk]),
        reverse("surveys:transition", args=[survey.pk]),
    ]
    codes = [role_client.post(url, {"direction": "up", "to": "open"}).status_code for url in posts]
    assert codes == [302 if expected == 200 else expected] * 3


def test_the_list_shows_counts_in_a_fixed_number_of_queries(
    centre_staff: Any, group_manager: Any, django_assert_num_queries: Any
) -> None:
    from tests.factories import CitizenGroupFactory

    for n in range(3):
        survey = make_survey(status=Survey.Status.OPEN, title=f"調査{n}")
        for _ in range(n):
            answer(
                survey,
                Respondent(group=CitizenGroupFactory.create()),
                group_manager,
                challenges=["活動の担い手不足"],
                willingness="今は考えていない",
            )
    client = client_for(centre_staff)
    client.get(reverse("surveys:staff"))
    # 1. session 2. user with its roles and managed groups (accounts.backends; permission
    # and menu) 3. surveys with counts
    with django_assert_num_queries(3):
        response = client.get(reverse("surveys:staff"))
    assert "調査2" in response.content.decode()


def test_creating_a_survey_leads_to_its_builder(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(
        reverse("surveys:create"),
        {
            "title": "2026年度 活動状況アンケート",
            "fiscal_year": "2026",
            "audience": "groups",
            "opens_on": "2026-09-01",
            "closes_on": "2026-09-30",
            "intro": "ご協力ください",
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:builder", args=[survey.pk])
    assert (survey.created_by, survey.status) == (centre_staff, "draft")


def test_a_closing_date_before_the_opening_is_shown_beside_the_field(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(
        reverse("surveys:create"),
        {
            "title": "x",
            "fiscal_year": "2026",
            "audience": "groups",
            "opens_on": "2026-09-30",
            "closes_on": "2026-09-01",
        },
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_closes_on")
    assert not Survey.objects.exists()


def test_adding_a_choice_question_with_one_option_is_refused(centre_staff: Any) -> None:
    survey = make_survey()
    response = client_for(centre_staff).post(
        reverse("surveys:add_question", args=[survey.pk]),
        {
            "text": "課題は？",
            "key": "new-q",
            "kind": "multiple",
            "options_text": "ひとつだけ",
            "required": "on",
        },
    )
    assert field_error(response.content.decode(), "id_options_text")
    assert not survey.questions.filter(key="new-q").exists()


def test_adding_a_question_with_options_and_a_limit(centre_staff: Any) -> None:
    survey = make_survey()
    response = client_for(centre_staff).post(
        reverse("surveys:add_question", args=[survey.pk]),
        {
            "text": "課題は？",
            "key": "new-q",
            "kind": "multiple",
            "max_choices": "2",
            "options_text": "人手\n\n資金\n場所\n",
            "has_other": "on",
            "required": "on",
        },
    )
    assert response.status_code == 302
    q = survey.questions.get(key="new-q")
    assert list(q.options.values_list("label", flat=True)) == ["人手", "資金", "場所", "その他"]
    assert (q.max_choices, q.order) == (2, 6)


def test_a_limit_above_the_number_of_options_is_refused(centre_staff: Any) -> None:
    survey = make_survey()
    response = client_for(centre_staff).post(
        reverse("surveys:add_question", args=[survey.pk]),
        {
            "text": "課題は？",
            "key": "new-q",
            "kind": "multiple",
            "max_choices": "5",
            "options_text": "人手\n資金",
        },
    )
    assert field_error(response.content.decode(), "id_max_choices")


def test_a_duplicate_key_is_refused_without_saving(centre_staff: Any) -> None:
    survey = make_survey()
    response = client_for(centre_staff).post(
        reverse("surveys:add_question", args=[survey.pk]),
        {"text": "別の質問", "key": "members", "kind": "text"},
    )
    assert response.status_code == 200
    assert survey.questions.count() == 5


def test_an_answered_question_sends_the_editor_to_the_wording_fix(
    centre_staff: Any, group_manager: Any, group_a: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    answer(survey, Respondent(group=group_a), group_manager, submit=False, members=4)
    q = question(survey, "members")
    client = client_for(centre_staff)
    response = client.get(reverse("surveys:edit_question", args=[survey.pk, q.pk]))
    assert response["Location"] == reverse("surveys:fix_wording", args=[survey.pk, q.pk])
    refused = client.post(
        reverse("surveys:edit_question", args=[survey.pk, q.pk]),
        {"text": "変更", "key": "members", "kind": "text"},
    )
    assert refused.status_code == 200
    q.refresh_from_db()
    assert q.kind == "number"
    no_reason = client.post(
        reverse("surveys:fix_wording", args=[survey.pk, q.pk]), {"text": "会員の人数"}
    )
    assert field_error(no_reason.content.decode(), "id_reason")
    client.post(
        reverse("surveys:fix_wording", args=[survey.pk, q.pk]),
        {"text": "会員の人数", "reason": "わかりやすく"},
    )
    assert WordingFix.objects.get().new_text == "会員の人数"
    builder = client.get(reverse("surveys:builder", args=[survey.pk])).content.decode()
    assert "わかりやすく" in builder


def test_moving_a_question_up(centre_staff: Any) -> None:
    survey = make_survey()
    q = question(survey, "willingness")
    client_for(centre_staff).post(
        reverse("surveys:move_question", args=[survey.pk, q.pk]), {"direction": "up"}
    )
    assert list(survey.questions.values_list("key", flat=True))[:2] == ["willingness", "challenges"]


def test_deleting_an_unanswered_question(centre_staff: Any) -> None:
    survey = make_survey()
    q = question(survey, "comments")
    client_for(centre_staff).post(reverse("surveys:delete_question", args=[survey.pk, q.pk]))
    assert not Question.objects.filter(pk=q.pk).exists()


def test_a_question_of_another_survey_is_not_found(centre_staff: Any) -> None:
    survey, other = make_survey(), make_survey(title="別")
    url = reverse("surveys:edit_question", args=[survey.pk, question(other, "members").pk])
    assert client_for(centre_staff).get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "moves"),
    [("centre_staff", ["open"]), ("secretariat", ["open"])],
)
def test_the_builder_offers_the_moves_of_the_role(request: Any, role: Any, moves: Any) -> None:
    survey = make_survey()
    user = request.getfixturevalue(role)
    response = client_for(user).get(reverse("surveys:builder", args=[survey.pk]))
    offered = [m["to"] for m in response.context["moves"]]
    assert offered == moves


def test_centre_staff_cannot_publish_but_the_secretariat_can(
    centre_staff: Any, secretariat: Any
) -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    url = reverse("surveys:transition", args=[survey.pk])
    client_for(centre_staff).post(url, {"to": "published"})
    survey.refresh_from_db()
    assert survey.status == "closed"
    client_for(secretariat).post(url, {"to": "published"})
    survey.refresh_from_db()
    assert survey.status == "published"


def test_reopening_without_a_reason_explains_and_changes_nothing(centre_staff: Any) -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    response = client_for(centre_staff).post(
        reverse("surveys:transition", args=[survey.pk]), {"to": "open"}, follow=True
    )
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert Page(response.content.decode()).find_all("div", role="alert")


def test_copying_a_survey(centre_staff: Any) -> None:
    survey = make_survey(status=Survey.Status.PUBLISHED, fiscal_year=2019)
    response = client_for(centre_staff).post(
        reverse("surveys:copy", args=[survey.pk]),
        {
            "title": "2026年度版",
            "fiscal_year": "2026",
            "opens_on": "2026-09-01",
            "closes_on": "2026-09-30",
        },
    )
    copy = Survey.objects.get(title="2026年度版")
    assert response["Location"] == reverse("surveys:builder", args=[copy.pk])
    assert copy.questions.count() == 5


def test_the_preview_shows_the_questions_without_a_form_to_send(centre_staff: Any) -> None:
    survey = make_survey()
    html = client_for(centre_staff).get(reverse("surveys:preview", args=[survey.pk]))
    page = Page(html.content.decode())
    assert "活動の課題は？" in html.content.decode()
    assert not page.find_all("form", method="post") or all(
        "language" in f.attrs.get("class", "") or "logout" in f.attrs.get("action", "")
        for f in page.find_all("form", method="post")
    )


def test_settings_of_an_open_survey_keep_audience_and_anonymity(centre_staff: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    client_for(centre_staff).post(
        reverse("surveys:edit", args=[survey.pk]),
        {
            "title": "新しい題",
            "fiscal_year": "2026",
            "audience": "public",
            "anonymous": "on",
            "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(),
        },
    )
    survey.refresh_from_db()
    assert (survey.title, survey.audience, survey.anonymous) == ("新しい題", "groups", False)


def test_the_list_counts_each_response_once_whatever_the_number_of_questions(
    centre_staff: Any, group_manager: Any
) -> None:
    # Issue 13, item 7: the join with the questions multiplied the counts (5 questions here).
    from tests.factories import CitizenGroupFactory

    survey = make_survey(status=Survey.Status.OPEN, title="五問の調査")
    assert survey.questions.count() == 5
    for submit in (True, True, False):
        answer(
            survey,
            Respondent(group=CitizenGroupFactory.create()),
            group_manager,
            submit=submit,
            challenges=["活動の担い手不足"],
            willingness="今は考えていない",
        )
    response = client_for(centre_staff).get(reverse("surveys:staff"))
    [listed] = [s for s in response.context["surveys"] if s.pk == survey.pk]
    assert (listed.submitted_count, listed.draft_count, listed.question_count) == (2, 1, 5)
    html = response.content.decode()
    row = html[html.index("五問の調査") :].split("</tr>")[0]
    assert re.search(r"<td>2</td>\s*<td>1</td>", row)
