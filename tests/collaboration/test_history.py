"""The change history (/staff/history/) shows a proposal's rows only to those who may read
the proposal itself: another side's draft stays private there too (issue 13, item 1)."""

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import CostLine, Proposal
from kamakura_portal.audit import acting_as
from tests.conftest import client_for, for_every_role, roles_except

from .conftest import put_in

pytestmark = pytest.mark.django_db

Status = Proposal.Status
FEED = "/staff/history/"
SECRET_TITLE = "まだ誰にも見せない下書きの題名"
SECRET_COST = "内緒の謝礼"


def history_url(proposal: Proposal) -> str:
    return reverse("object_history", args=["collaboration", "proposal", proposal.pk])


@pytest.fixture
def edited_draft(group_proposal: Proposal, group_manager: Any) -> Proposal:
    """The group's draft, its title changed and a cost line added then removed by its writer."""
    with acting_as(group_manager):
        group_proposal.title = SECRET_TITLE
        group_proposal.save()
        line = CostLine.objects.create(proposal=group_proposal, item=SECRET_COST, amount=5000)
        line.delete()
    return group_proposal


@for_every_role(
    {
        **roles_except(set(), yes=200, no=403),
        "anonymous": 302,
        # Without two-factor authentication staff are first sent to set it up (302).
        "centre_staff_without_mfa": 302,
        "secretariat_without_mfa": 302,
        "administrator_without_mfa": 302,
    }
)
def test_nobody_reads_the_history_of_another_sides_draft(
    role_client: Any, expected: Any, edited_draft: Proposal
) -> None:
    # Staff who may open histories get the same 403 as on the draft's own page; the group
    # that writes the draft does not open histories at all.
    assert role_client.get(history_url(edited_draft)).status_code == expected


@for_every_role(
    {
        **roles_except({"centre_staff", "secretariat"}, yes=200, no=403),
        "anonymous": 302,
        # Without two-factor authentication staff are first sent to set it up (302).
        "centre_staff_without_mfa": 302,
        "secretariat_without_mfa": 302,
        "administrator_without_mfa": 302,
    }
)
def test_a_submitted_proposals_history_is_read_by_those_who_read_the_proposal(
    role_client: Any, expected: Any, edited_draft: Proposal
) -> None:
    put_in(edited_draft, Status.SUBMITTED)
    response = role_client.get(history_url(edited_draft))
    assert response.status_code == expected
    if expected == 200:
        assert SECRET_TITLE in response.content.decode()


@pytest.mark.parametrize("role", ["centre_staff", "secretariat", "administrator"])
def test_the_feed_leaves_out_a_draft_and_its_rows(
    role: str, request: pytest.FixtureRequest, edited_draft: Proposal
) -> None:
    page = client_for(request.getfixturevalue(role)).get(FEED).content.decode()
    assert SECRET_TITLE not in page
    assert SECRET_COST not in page


@pytest.mark.parametrize(
    ("role", "reads"),
    [("centre_staff", True), ("secretariat", True), ("administrator", False)],
)
def test_once_submitted_the_proposal_and_its_removed_rows_show_to_its_readers(
    role: str, reads: bool, request: pytest.FixtureRequest, edited_draft: Proposal
) -> None:
    put_in(edited_draft, Status.SUBMITTED)
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("collaboration:proposal", args=[edited_draft.pk])).status_code == (
        200 if reads else 403
    )
    assert client.get(history_url(edited_draft)).status_code == (200 if reads else 403)
    page = client.get(FEED).content.decode()
    # The deleted cost line is found through the proposal its delete record names.
    assert (SECRET_TITLE in page, SECRET_COST in page) == (reads, reads)
