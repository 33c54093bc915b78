"""The proposal page, its workflow buttons and the confirmation, for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from collaboration.models import Proposal
from collaboration.services import proposals as services
from tests.conftest import acts, client_for, for_every_role, roles_except
from tests.html import Page

from .conftest import confirm_both, ja, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
SIGN_IN = 302


def url(proposal: Proposal) -> str:
    return f"/collaboration/proposals/{proposal.pk}/"


@for_every_role({**roles_except({"group_manager"}, 200, 403), "anonymous": SIGN_IN})
def test_a_draft_shows_only_to_its_group(
    group_proposal: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(url(group_proposal)).status_code == expected


@for_every_role(
    {
        **roles_except({"group_manager", "city_staff", "secretariat", "centre_staff"}, 200, 403),
        "anonymous": SIGN_IN,
    }
)
def test_a_proposal_in_consultation_shows_to_those_taking_part(
    city_proposal: Proposal, role_client: Client, expected: int
) -> None:
    put_in(city_proposal, Status.CONSULTATION)
    assert role_client.get(url(city_proposal)).status_code == expected


def test_the_draft_page_lists_the_gaps_with_links_to_their_sections(
    group_proposal: Proposal, group_manager: Any
) -> None:
    group_proposal.evaluation_how = ""
    group_proposal.save()
    page = Page(client_for(group_manager).get(url(group_proposal)).content.decode())
    link = page.find_all("a", href=f"/collaboration/proposals/{group_proposal.pk}/edit/evaluation/")
    assert ja("Write how it will be measured.") in [a.text for a in link]


def test_the_submit_button_moves_the_draft(group_proposal: Proposal, group_manager: Any) -> None:
    client = client_for(group_manager)
    response = client.post(url(group_proposal) + "move/", {"to": Status.SUBMITTED})
    assert response.status_code == 302
    group_proposal.refresh_from_db()
    assert group_proposal.status == Status.SUBMITTED


def test_a_refused_move_shows_each_gap_and_changes_nothing(
    group_proposal: Proposal, group_manager: Any
) -> None:
    group_proposal.shared_purpose = ""
    group_proposal.save()
    client = client_for(group_manager)
    response = client.post(url(group_proposal) + "move/", {"to": Status.SUBMITTED}, follow=True)
    assert ja("Write the purpose both sides share.") in response.content.decode()
    group_proposal.refresh_from_db()
    assert group_proposal.status == Status.DRAFT


@for_every_role(
    {
        **roles_except({"secretariat"}, 302, 403),
        "anonymous": SIGN_IN,
        # The page is theirs once two-factor authentication is set up: they are sent to it.
        "centre_staff_without_mfa": 302,
    }
)
def test_only_allowed_roles_reach_the_move(
    group_proposal: Proposal, role_client: Client, expected: int, role: str
) -> None:
    """The page itself guards the move; only those who see the proposal may post to it."""
    put_in(group_proposal, Status.CONSULTATION)
    confirm_both(group_proposal)
    response = role_client.post(url(group_proposal) + "move/", {"to": Status.REVIEW})
    group_proposal.refresh_from_db()
    moved = group_proposal.status == Status.REVIEW
    assert moved is (role == "secretariat")
    if role in ("group_manager", "city_staff", "centre_staff"):
        assert response.status_code == 302  # refused with a message on the page
    else:
        assert response.status_code == expected


@for_every_role(
    {**roles_except({"group_manager", "city_staff", "secretariat"}, 302, 403), "anonymous": SIGN_IN}
)
def test_both_sides_confirm_from_the_page(
    group_proposal: Proposal, role_client: Client, expected: int, role: str
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    side = "group" if role == "group_manager" else "city"
    response = role_client.post(url(group_proposal) + "confirm/", {"side": side})
    assert response.status_code == expected
    confirmed = group_proposal.confirmations.filter(withdrawn_at__isnull=True).exists()
    assert confirmed is acts(role, expected)


def test_the_page_says_who_confirmed_and_when(group_proposal: Proposal, group_manager: Any) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    client_for(group_manager).post(url(group_proposal) + "confirm/", {"side": "group"})
    html = client_for(group_manager).get(url(group_proposal)).content.decode()
    assert group_manager.display_name in html


def test_the_page_says_when_and_why_the_confirmations_were_withdrawn(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    services.confirm_sections(group_proposal, group_manager, "group")
    services.update_section(group_proposal, "purpose", city_staff, {"shared_purpose": "新しい目的"})
    html = client_for(group_manager).get(url(group_proposal)).content.decode()
    because = ja("“%(section)s” was edited.") % {
        "section": ja("3. Shared purpose: goals and milestones")
    }
    assert escape(because) in html
