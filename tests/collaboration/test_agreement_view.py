"""The agreement page: drafting, confirming, amending; read-only to everyone else."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import AgreementVersion, Proposal
from tests.conftest import acts, client_for, for_every_role, roles_except

from .conftest import put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
SIGN_IN = 302
FORM = {
    "purpose": "由比ガ浜を市民の手できれいに保つ。",
    "period_start": "2026-04-01",
    "period_end": "2027-03-31",
    "roles": "清掃の運営：団体",
    "responsibilities": "事故は市へ連絡する。",
}


@pytest.fixture
def adopted(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.ADOPTED)


def url(proposal: Proposal) -> str:
    return f"/collaboration/proposals/{proposal.pk}/agreement/"


@for_every_role(
    {
        **roles_except(
            {"group_manager", "city_staff", "secretariat", "centre_staff", "committee_member"},
            200,
            403,
        ),
        "anonymous": SIGN_IN,
    }
)
def test_the_agreement_page_is_for_those_taking_part(
    adopted: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(url(adopted)).status_code == expected


@for_every_role(
    {
        **roles_except({"group_manager", "city_staff", "secretariat"}, 302, 403),
        "anonymous": SIGN_IN,
        # The proposal's pages are the centre's once two-factor authentication is set up.
        "centre_staff_without_mfa": 302,
    }
)
def test_only_the_two_sides_draft_it(
    adopted: Proposal, role_client: Client, expected: int, role: str
) -> None:
    response = role_client.post(url(adopted), {**FORM, "action": "draft"})
    assert response.status_code == expected
    assert AgreementVersion.objects.exists() is acts(role, expected)


def test_both_sides_confirm_from_the_page_and_the_agreement_is_concluded(
    adopted: Proposal, group_manager: Any, city_staff: Any
) -> None:
    client_for(group_manager).post(url(adopted), {**FORM, "action": "draft"})
    version = AgreementVersion.objects.get()
    for user, side in ((group_manager, "group"), (city_staff, "city")):
        client_for(user).post(
            url(adopted), {"action": "confirm", "version": version.pk, "side": side}
        )
    adopted.refresh_from_db()
    assert adopted.status == Status.AGREED
    html = client_for(group_manager).get(url(adopted)).content.decode()
    assert group_manager.display_name in html and city_staff.display_name in html


def test_a_period_ending_before_it_starts_is_an_error_beside_the_field(
    adopted: Proposal, group_manager: Any
) -> None:
    response = client_for(group_manager).post(
        url(adopted), {**FORM, "period_end": "2025-01-01", "action": "draft"}
    )
    assert response.status_code == 200
    assert 'id="id_period_end_error"' in response.content.decode()
    assert not AgreementVersion.objects.exists()
