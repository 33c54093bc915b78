"""Implementation and evaluation pages, for every role, and the side-by-side comparison."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import Proposal, SelfEvaluation
from collaboration.services import evaluation
from tests.conftest import client_for, for_every_role, roles_except

from .conftest import GRADES, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
SIGN_IN = 302
PARTIES = {"group_manager", "city_staff", "secretariat"}
READERS = PARTIES | {"centre_staff", "committee_member"}


@pytest.fixture
def running(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.IN_PROGRESS)


def base(proposal: Proposal) -> str:
    return f"/collaboration/proposals/{proposal.pk}/"


@for_every_role({**roles_except(PARTIES, 200, 403), "anonymous": SIGN_IN})
def test_the_implementation_page_is_for_the_two_sides(
    running: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(base(running) + "implementation/").status_code == expected


def test_milestone_progress_and_the_report_are_saved(running: Proposal, group_manager: Any) -> None:
    milestone = running.milestones.get()
    data = {
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "1",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-id": str(milestone.pk),
        "milestones-0-done_on": "2026-06-01",
        "milestones-0-progress_note": "45人が参加",
        "report_summary": "4回の清掃を実施した。",
    }
    assert (
        client_for(group_manager).post(base(running) + "implementation/", data).status_code == 302
    )
    milestone.refresh_from_db()
    running.refresh_from_db()
    assert (str(milestone.done_on), milestone.progress_note) == ("2026-06-01", "45人が参加")
    assert running.report_summary == "4回の清掃を実施した。"


@for_every_role({**roles_except(READERS, 200, 403), "anonymous": SIGN_IN})
def test_the_evaluation_page_is_for_those_taking_part(
    running: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(base(running) + "evaluation/").status_code == expected


@for_every_role(
    {
        **roles_except({"group_manager"}, 200, 403),
        # On the project, but for the city: there is no group form for them.
        "city_staff": 404,
        "secretariat": 404,
        "anonymous": SIGN_IN,
    }
)
def test_only_the_group_files_the_groups_self_evaluation(
    running: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(base(running) + "evaluation/mid/group/").status_code == expected


def test_a_self_evaluation_is_filed_from_its_form(running: Proposal, city_staff: Any) -> None:
    data = {**GRADES, "roles_comment": "分担は明確だった"}
    response = client_for(city_staff).post(base(running) + "evaluation/final/city/", data)
    assert response.status_code == 302
    assert SelfEvaluation.objects.get().roles_comment == "分担は明確だった"


def test_a_missing_grade_is_shown_beside_its_field(running: Proposal, city_staff: Any) -> None:
    data = {**GRADES}
    del data["synergy_grade"]
    response = client_for(city_staff).post(base(running) + "evaluation/final/city/", data)
    assert response.status_code == 200
    assert 'id="id_synergy_grade_error"' in response.content.decode()
    assert not SelfEvaluation.objects.exists()


def test_the_comparison_marks_differences_in_words(
    running: Proposal, group_manager: Any, city_staff: Any
) -> None:
    evaluation.file_self_evaluation(running, group_manager, "group", "mid", GRADES)
    evaluation.file_self_evaluation(
        running, city_staff, "city", "mid", {**GRADES, "equality_grade": "C"}
    )
    html = client_for(group_manager).get(base(running) + "evaluation/").content.decode()
    assert html.count("evaluation-compare__differs") == 1


@for_every_role({**roles_except({"committee_member"}, 200, 403), "anonymous": SIGN_IN})
def test_the_committee_files_the_third_party_evaluation(
    group_proposal: Proposal, role_client: Client, expected: int
) -> None:
    put_in(group_proposal, Status.REPORTED)
    url = base(group_proposal) + "committee-evaluation/"
    assert role_client.get(url).status_code == expected


@for_every_role({**roles_except(PARTIES, 200, 403), "anonymous": SIGN_IN})
def test_the_mutual_review_is_written_by_the_two_sides(
    running: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(base(running) + "evaluation/final/").status_code == expected


def test_a_mutual_review_is_saved_from_its_form(running: Proposal, group_manager: Any) -> None:
    data = {"shared": "目的", "differed": "頻度", "to_improve": "広報"}
    response = client_for(group_manager).post(base(running) + "evaluation/mid/", data)
    assert response.status_code == 302
    assert running.mutual_reviews.get().differed == "頻度"
