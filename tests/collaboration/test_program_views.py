"""The secretariat edits the programmes; the eligibility check reads the edit at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.domain.eligibility import eligibility_problems
from collaboration.models import Program, Proposal
from tests.conftest import client_for, for_every_role, roles_except

pytestmark = pytest.mark.django_db
SIGN_IN = 302


@for_every_role({**roles_except({"secretariat"}, 200, 403), "anonymous": SIGN_IN})
def test_the_programmes_are_the_secretariats(
    programs: dict[str, Program], role_client: Client, expected: int
) -> None:
    assert role_client.get("/collaboration/programs/").status_code == expected
    edit = f"/collaboration/programs/{programs['yell-startup'].pk}/"
    assert role_client.get(edit).status_code == expected


def _form(program: Program, **changes: Any) -> dict[str, Any]:
    data = {
        "name": program.name,
        "description": program.description,
        "first_fiscal_year": program.first_fiscal_year or "",
        "last_fiscal_year": program.last_fiscal_year or "",
        "allows_group_proposals": "on" if program.allows_group_proposals else "",
        "allows_city_proposals": "on" if program.allows_city_proposals else "",
        "max_amount_per_year": program.max_amount_per_year or "",
        "max_years": program.max_years or "",
        "requires_registered_group": "on" if program.requires_registered_group else "",
        "max_years_since_founding": program.max_years_since_founding or "",
        "min_years_active": program.min_years_active or "",
        "min_officers": program.min_officers or "",
        "min_citizen_members": program.min_citizen_members or "",
        "eligibility_notes": program.eligibility_notes,
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def test_a_new_amount_applies_to_the_next_submission(
    programs: dict[str, Program], group_proposal: Proposal, secretariat: Any, group_a: Any
) -> None:
    group_a.founded_year = 2025
    group_a.save()
    startup = programs["yell-startup"]
    group_proposal.program = startup
    group_proposal.requested_amount = 80000
    group_proposal.save()
    assert eligibility_problems(group_proposal) == []
    response = client_for(secretariat).post(
        f"/collaboration/programs/{startup.pk}/", _form(startup, max_amount_per_year=50000)
    )
    assert response.status_code == 302
    group_proposal.program.refresh_from_db()
    assert len(eligibility_problems(group_proposal)) == 1


def test_a_window_in_the_wrong_order_is_an_error_beside_the_field(
    programs: dict[str, Program], secretariat: Any
) -> None:
    mutual = programs["mutual"]
    response = client_for(secretariat).post(
        f"/collaboration/programs/{mutual.pk}/", _form(mutual, last_fiscal_year=2000)
    )
    assert response.status_code == 200
    assert 'id="id_last_fiscal_year_error"' in response.content.decode()
    mutual.refresh_from_db()
    assert mutual.last_fiscal_year == 2021
