"""The review panel page, the scoring page and the reviewers' list, for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import Criterion, PanelMember, Proposal
from collaboration.services import review
from tests.conftest import client_for, for_every_role, roles_except

from .conftest import put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
SIGN_IN = 302


@pytest.fixture
def in_review(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.REVIEW)


@for_every_role({**roles_except({"secretariat"}, 200, 403), "anonymous": SIGN_IN})
def test_the_panel_page_is_the_secretariats(
    in_review: Proposal, role_client: Client, expected: int
) -> None:
    assert (
        role_client.get(f"/collaboration/proposals/{in_review.pk}/panel/").status_code == expected
    )


def test_the_secretariat_assigns_a_reviewer_and_a_conflict_is_refused(
    in_review: Proposal, secretariat: Any, committee_member: Any, city_staff: Any
) -> None:
    client = client_for(secretariat)
    panel_url = f"/collaboration/proposals/{in_review.pk}/panel/"
    client.post(panel_url, {"action": "assign", "reviewer": committee_member.pk})
    response = client.post(panel_url, {"action": "assign", "reviewer": city_staff.pk}, follow=True)
    assert list(PanelMember.objects.values_list("reviewer", flat=True)) == [committee_member.pk]
    assert city_staff.display_name in response.content.decode()  # named in the refusal


@for_every_role({**roles_except({"committee_member"}, 200, 403), "anonymous": SIGN_IN})
def test_only_the_panels_members_open_the_scoring(
    in_review: Proposal, committee_member: Any, role_client: Client, expected: int
) -> None:
    review.assign_reviewer(in_review, committee_member)
    assert (
        role_client.get(f"/collaboration/proposals/{in_review.pk}/score/").status_code == expected
    )


def test_a_reviewer_scores_every_criterion(in_review: Proposal, committee_member: Any) -> None:
    review.assign_reviewer(in_review, committee_member)
    data = {f"{c}_points": "4" for c in Criterion.values}
    data.update({f"{c}_comment": "" for c in Criterion.values})
    response = client_for(committee_member).post(
        f"/collaboration/proposals/{in_review.pk}/score/", data
    )
    assert response.status_code == 302
    result = review.panel_result(in_review)
    assert result is not None and result.reviewers[0].total == 24


def test_a_missing_score_is_shown_beside_its_field(
    in_review: Proposal, committee_member: Any
) -> None:
    review.assign_reviewer(in_review, committee_member)
    data = {f"{c}_points": "4" for c in Criterion.values if c != "budget"}
    response = client_for(committee_member).post(
        f"/collaboration/proposals/{in_review.pk}/score/", data
    )
    assert response.status_code == 200
    assert 'id="id_budget_points_error"' in response.content.decode()


def test_a_committee_member_sees_their_assignments(
    in_review: Proposal, committee_member: Any
) -> None:
    review.assign_reviewer(in_review, committee_member)
    html = client_for(committee_member).get("/collaboration/review/").content.decode()
    assert in_review.title in html
    assert f"/collaboration/proposals/{in_review.pk}/score/" in html
