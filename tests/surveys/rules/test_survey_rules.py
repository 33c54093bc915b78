"""Each permission of surveys/rules.py, for every role."""

from __future__ import annotations

from typing import Any

import pytest

from surveys.models import Survey
from tests.conftest import for_every_role, roles_except

from ..conftest import make_survey

pytestmark = pytest.mark.django_db

SURVEY_STAFF = {"centre_staff", "secretariat"}
SIGNED_IN = {
    "citizen",
    "group_manager",
    "other_group_manager",
    "centre_staff",
    "city_staff",
    "other_city_staff",
    "secretariat",
    "committee_member",
    "administrator",
}
STAFF_PERMS = (
    "surveys.manage_surveys",
    "surveys.build_survey",
    "surveys.run_survey",
    "surveys.view_free_text",
    "surveys.export_responses",
)


@pytest.mark.parametrize("perm", STAFF_PERMS)
@for_every_role(roles_except(SURVEY_STAFF, yes=True, no=False))
def test_only_the_centre_and_the_secretariat_run_surveys(
    role_user: Any, expected: Any, perm: Any
) -> None:
    assert role_user.has_perm(perm, make_survey()) is expected


@for_every_role(roles_except({"secretariat"}, yes=True, no=False))
def test_only_the_secretariat_publishes_results(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("surveys.publish_results", make_survey()) is expected


@for_every_role(roles_except(SURVEY_STAFF | {"committee_member"}, yes=True, no=False))
def test_staff_and_the_committee_read_live_results(role_user: Any, expected: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    assert role_user.has_perm("surveys.view_live_results", survey) is expected


@for_every_role(roles_except(set(), yes=True, no=False))
def test_nobody_reads_unpublished_results_on_the_public_page(role_user: Any, expected: Any) -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    assert role_user.has_perm("surveys.view_published_results", survey) is expected


@for_every_role(roles_except(SIGNED_IN | {"anonymous"}, yes=True, no=False))
def test_everybody_reads_published_results(role_user: Any, expected: Any) -> None:
    survey = make_survey(status=Survey.Status.PUBLISHED)
    assert role_user.has_perm("surveys.view_published_results", survey) is expected


@for_every_role(roles_except({"group_manager", "other_group_manager"}, yes=True, no=False))
def test_group_surveys_are_answered_by_group_managers(role_user: Any, expected: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    assert role_user.has_perm("surveys.answer_survey", survey) is expected


@for_every_role(roles_except({"city_staff", "other_city_staff"}, yes=True, no=False))
def test_city_staff_surveys_are_answered_by_city_staff(role_user: Any, expected: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.CITY_STAFF)
    assert role_user.has_perm("surveys.answer_survey", survey) is expected


@for_every_role(roles_except(SIGNED_IN, yes=True, no=False))
def test_public_surveys_are_answered_by_anyone_signed_in(role_user: Any, expected: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN, audience=Survey.Audience.PUBLIC)
    assert role_user.has_perm("surveys.answer_survey", survey) is expected


@for_every_role(roles_except(set(), yes=True, no=False))
def test_nobody_answers_a_draft(role_user: Any, expected: Any) -> None:
    survey = make_survey(audience=Survey.Audience.PUBLIC)
    assert role_user.has_perm("surveys.answer_survey", survey) is expected


@for_every_role(roles_except(SIGNED_IN, yes=True, no=False))
def test_everyone_signed_in_sees_their_surveys_to_answer(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("surveys.view_my_surveys") is expected
