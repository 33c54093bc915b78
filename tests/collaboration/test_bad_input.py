"""Bad values posted to the proposal's buttons never reach a server error, and nothing is
saved: a reviewer id that is not a number, a tampered milestone count, a NUL byte in a move's
reason, a move or a side that is not one of the choices (issue 17)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from collaboration.models import AgreementVersion, Confirmation, Milestone, PanelMember, Proposal
from kamakura_portal.models import StatusChange
from tests.conftest import client_for, ja

from .conftest import concluded_agreement, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def url(proposal: Proposal, page: str) -> str:
    return f"/collaboration/proposals/{proposal.pk}/{page}/"


def messages_of(client: Client, proposal: Proposal, page: str) -> str:
    return client.get(url(proposal, page)).content.decode()


@pytest.mark.parametrize("member", ["", "abc", "1.5", "-3", "９９", "1 OR 1=1"])
def test_removing_a_reviewer_by_a_bad_id_says_so(
    group_proposal: Proposal, secretariat: Any, committee_member: Any, member: str
) -> None:
    put_in(group_proposal, Status.REVIEW)
    client = client_for(secretariat)
    client.post(url(group_proposal, "panel"), {"action": "assign", "reviewer": committee_member.pk})
    response = client.post(url(group_proposal, "panel"), {"action": "remove", "member": member})
    assert response.status_code in (302, 404)
    assert PanelMember.objects.count() == 1
    if response.status_code == 302:
        page = messages_of(client, group_proposal, "panel")
        assert ja("Choose the reviewer to take off the panel.") in page


def test_removing_a_reviewer_posted_twice_as_a_list_changes_nothing(
    group_proposal: Proposal, secretariat: Any, committee_member: Any
) -> None:
    put_in(group_proposal, Status.REVIEW)
    client = client_for(secretariat)
    client.post(url(group_proposal, "panel"), {"action": "assign", "reviewer": committee_member.pk})
    response = client.post(url(group_proposal, "panel"), {"action": "remove", "member": ["1", "x"]})
    assert response.status_code == 302
    assert PanelMember.objects.count() == 1


@pytest.mark.parametrize("total", ["2", "5", "２", "1000"])
def test_a_tampered_milestone_count_is_refused_as_a_form_error(
    group_proposal: Proposal, group_manager: Any, total: str
) -> None:
    put_in(group_proposal, Status.IN_PROGRESS)
    milestone = group_proposal.milestones.get()
    data = {
        "milestones-TOTAL_FORMS": total,
        "milestones-INITIAL_FORMS": "1",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-id": str(milestone.pk),
        "milestones-0-done_on": "2026-06-01",
        "milestones-0-progress_note": "45人が参加",
        "report_summary": "書き換え",
    }
    response = client_for(group_manager).post(url(group_proposal, "implementation"), data)
    assert response.status_code == 200
    assert ja(
        "The list of milestones has changed. Reload the page and enter the progress again."
    ) in (response.content.decode())
    milestone.refresh_from_db()
    group_proposal.refresh_from_db()
    assert (milestone.done_on, group_proposal.report_summary) == (None, "")
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize("reason", ["ab\x00cd", "理" * 2001])
def test_a_bad_reason_for_a_move_is_refused_and_nothing_moves(
    group_proposal: Proposal, group_manager: Any, reason: str
) -> None:
    put_in(group_proposal, Status.SUBMITTED)
    client = client_for(group_manager)
    response = client.post(url(group_proposal, "move"), {"to": Status.WITHDRAWN, "reason": reason})
    assert response.status_code == 302
    group_proposal.refresh_from_db()
    assert group_proposal.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()
    assert ja("Reason") in messages_of(client, group_proposal, "")


@pytest.mark.parametrize(
    ("to", "outcome"),
    [("nonsense", ""), (Status.ADOPTED, ""), (Status.CLOSED, "unknown"), ("", "")],
)
def test_a_move_that_is_not_one_of_the_current_state_changes_nothing(
    group_proposal: Proposal, group_manager: Any, to: str, outcome: str
) -> None:
    put_in(group_proposal, Status.SUBMITTED)
    client = client_for(group_manager)
    response = client.post(url(group_proposal, "move"), {"to": to, "outcome": outcome})
    assert response.status_code == 302
    group_proposal.refresh_from_db()
    assert group_proposal.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("side", ["", "both", "secretariat", "group\x00"])
def test_a_side_that_is_not_a_side_confirms_nothing(
    group_proposal: Proposal, group_manager: Any, side: str
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    response = client_for(group_manager).post(url(group_proposal, "confirm"), {"side": side})
    assert response.status_code == 302
    assert not Confirmation.objects.exists()


@pytest.mark.parametrize(("version", "side"), [("abc", "group"), ("1.5", "group"), ("", "")])
def test_confirming_an_agreement_by_a_bad_version_says_so(
    group_proposal: Proposal, group_manager: Any, version: str, side: str
) -> None:
    put_in(group_proposal, Status.ADOPTED)
    AgreementVersion.objects.create(
        proposal=group_proposal,
        number=1,
        purpose="目的",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
    )
    client = client_for(group_manager)
    response = client.post(
        url(group_proposal, "agreement"), {"action": "confirm", "version": version, "side": side}
    )
    assert response.status_code == 302
    assert not AgreementVersion.objects.filter(group_confirmed_at__isnull=False).exists()
    page = messages_of(client, group_proposal, "agreement")
    assert ja("Choose the version and your side to confirm.") in page


def test_an_agreement_of_another_proposal_is_not_found(
    group_proposal: Proposal, city_proposal: Proposal, group_manager: Any
) -> None:
    put_in(group_proposal, Status.ADOPTED)
    other = concluded_agreement(put_in(city_proposal, Status.ADOPTED))
    response = client_for(group_manager).post(
        url(group_proposal, "agreement"),
        {"action": "confirm", "version": str(other.pk), "side": "group"},
    )
    assert response.status_code == 404
