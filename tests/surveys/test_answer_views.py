"""The answering pages: who reaches which answer, drafts, conflicts, errors, closed surveys."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from surveys.answering import Respondent
from surveys.models import Response, Survey
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import GroupMembershipFactory, UserFactory
from tests.html import Page

from .conftest import answer, group_error, make_survey, option, question

pytestmark = pytest.mark.django_db

SIGNED_IN_OK = {**roles_except(set(), yes=200, no=200), "anonymous": 302}


def answer_url(survey: Survey, target: str) -> str:
    return reverse("surveys:answer", args=[survey.pk, target])


@for_every_role(SIGNED_IN_OK)
def test_everyone_signed_in_has_a_list_of_surveys_to_answer(
    role_client: Any, expected: Any
) -> None:
    make_survey(status=Survey.Status.OPEN)
    assert role_client.get(reverse("surveys:mine")).status_code == expected


def test_the_list_shows_the_groups_survey_and_its_state(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    make_survey(title="下書きの調査")
    answer(survey, Respondent(group=group_a), group_manager, submit=False, members=3)
    html = client_for(group_manager).get(reverse("surveys:mine")).content.decode()
    assert survey.title in html and "下書きの調査" not in html
    assert answer_url(survey, f"group-{group_a.pk}") in Page(html).hrefs()


@for_every_role(
    {
        **roles_except({"group_manager"}, yes=200, no=403),
        "anonymous": 302,
        "other_group_manager": 403,  # manages group_b, not group_a
    }
)
def test_only_group_as_managers_open_group_as_answer(
    role_client: Any, expected: Any, group_a: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    assert role_client.get(answer_url(survey, f"group-{group_a.pk}")).status_code == expected


@for_every_role({**roles_except({"city_staff"}, yes=200, no=403), "anonymous": 302})
def test_only_a_departments_staff_open_its_answer(
    role_client: Any, expected: Any, dept_own: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.CITY_STAFF)
    assert role_client.get(answer_url(survey, f"department-{dept_own.pk}")).status_code == expected


@for_every_role(SIGNED_IN_OK)
def test_everyone_signed_in_answers_a_public_survey_for_themself(
    role_client: Any, expected: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.PUBLIC)
    assert role_client.get(answer_url(survey, "me")).status_code == expected


def test_the_start_page_goes_straight_to_the_only_group(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    response = client_for(group_manager).get(reverse("surveys:answer_start", args=[survey.pk]))
    assert response["Location"] == answer_url(survey, f"group-{group_a.pk}")


def test_a_manager_of_two_groups_chooses(group_manager: Any, group_b: Any) -> None:
    GroupMembershipFactory.create(user=group_manager, group=group_b)
    survey = make_survey(status=Survey.Status.OPEN)
    response = client_for(group_manager).get(reverse("surveys:answer_start", args=[survey.pk]))
    assert response.status_code == 200
    assert answer_url(survey, f"group-{group_b.pk}") in Page(response.content.decode()).hrefs()


def form_data(survey: Survey, version: int, action: str, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {"version": str(version), "action": action}
    data.update(extra)
    return data


def test_saving_a_draft_then_submitting(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    url = answer_url(survey, f"group-{group_a.pk}")
    client = client_for(group_manager)
    members = f"q{question(survey, 'members').pk}"
    response = client.post(url, form_data(survey, 0, "save", **{members: "12"}))
    assert response.status_code == 302
    assert Response.objects.get().status == "draft"
    challenges = f"q{question(survey, 'challenges').pk}"
    willing = f"q{question(survey, 'willingness').pk}"
    client.post(
        url,
        form_data(
            survey,
            1,
            "submit",
            **{
                members: "12",
                challenges: [str(option(survey, "challenges", "活動の担い手不足").pk)],
                willing: str(option(survey, "willingness", "今は考えていない").pk),
            },
        ),
    )
    saved = Response.objects.get()
    assert (saved.status, saved.version) == ("submitted", 2)
    page = client.get(url).content.decode()
    assert "由比 花子" in page  # last saved by


def test_submitting_without_required_answers_shows_errors_beside_them(
    group_manager: Any, group_a: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    url = answer_url(survey, f"group-{group_a.pk}")
    members = f"q{question(survey, 'members').pk}"
    response = client_for(group_manager).post(url, form_data(survey, 0, "submit", **{members: "3"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert group_error(html, f"id_q{question(survey, 'challenges').pk}")
    assert group_error(html, f"id_q{question(survey, 'willingness').pk}")
    assert not Response.objects.exists()


def test_too_many_choices_are_refused_beside_the_question(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    q = question(survey, "challenges")
    picks = [str(o.pk) for o in q.options.all()][:3]
    response = client_for(group_manager).post(
        answer_url(survey, f"group-{group_a.pk}"),
        form_data(survey, 0, "save", **{f"q{q.pk}": picks}),
    )
    assert "2" in group_error(response.content.decode(), f"id_q{q.pk}")
    assert not Response.objects.exists()


def test_a_stale_save_by_a_co_manager_explains_who_saved_and_keeps_the_entries(
    group_manager: Any, group_a: Any
) -> None:
    co = UserFactory.create(display_name="七里 さくら")
    GroupMembershipFactory.create(user=co, group=group_a)
    survey = make_survey(status=Survey.Status.OPEN)
    url = answer_url(survey, f"group-{group_a.pk}")
    members = f"q{question(survey, 'members').pk}"
    comments = f"q{question(survey, 'comments').pk}"
    client_for(group_manager).post(url, form_data(survey, 0, "save", **{members: "5"}))
    response = client_for(co).post(
        url, form_data(survey, 0, "save", **{members: "9", comments: "私の意見"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "由比 花子" in html
    assert "私の意見" in html  # the co-manager's entries are still in the form
    assert Response.objects.get().answers.get().number == 5
    assert Page(html).find_all("input", name="version")[0].attrs["value"] == "1"


def test_a_closed_survey_says_so_and_shows_the_saved_answers(
    group_manager: Any, group_a: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    answer(
        survey,
        Respondent(group=group_a),
        group_manager,
        challenges=["活動の担い手不足"],
        willingness="今は考えていない",
    )
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    url = answer_url(survey, f"group-{group_a.pk}")
    client = client_for(group_manager)
    page = client.get(url).content.decode()
    assert "活動の担い手不足" in page
    assert not Page(page).find_all("button", value="submit")
    response = client.post(url, form_data(survey, 1, "save"))
    assert Page(response.content.decode()).find_all("div", role="alert")
    assert Response.objects.get().version == 1


def test_an_anonymous_survey_says_so_to_respondents(group_manager: Any, group_a: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, anonymous=True)
    html = client_for(group_manager).get(answer_url(survey, f"group-{group_a.pk}"))
    assert html.status_code == 200
    assert Page(html.content.decode()).find_all("p", role="note")


def test_the_list_takes_the_same_queries_whatever_the_surveys(
    group_manager: Any, group_a: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(group_manager)
    for n in range(2):
        make_survey(status=Survey.Status.OPEN, title=f"調査{n}")
    make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.PUBLIC, title="一般向け")
    client.get(reverse("surveys:mine"))
    # 1. session 2. user with its roles and managed groups (accounts.backends) 3. open surveys
    # of the user's audiences 4. the user's registered groups 5. their responses
    with django_assert_num_queries(5):
        first = client.get(reverse("surveys:mine"))
    for n in range(3):
        survey = make_survey(status=Survey.Status.OPEN, title=f"追加{n}")
        answer(survey, Respondent(group=group_a), group_manager, submit=False, members=n)
    with django_assert_num_queries(5):
        second = client.get(reverse("surveys:mine"))
    assert len(second.context["rows"]) == len(first.context["rows"]) + 3
