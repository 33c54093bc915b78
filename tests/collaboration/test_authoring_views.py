"""Starting a proposal and editing its sections, for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from collaboration.models import Proposal
from tests.conftest import client_for, for_every_role, roles_except

from .conftest import ja, put_in

pytestmark = pytest.mark.django_db
SIGN_IN = 302
START = "/collaboration/proposals/new/"


def edit_url(proposal: Proposal, section: str) -> str:
    return f"/collaboration/proposals/{proposal.pk}/edit/{section}/"


@for_every_role(
    {
        **roles_except(
            {
                "group_manager",
                "other_group_manager",
                "city_staff",
                "other_city_staff",
                "secretariat",
            },
            200,
            403,
        ),
        "anonymous": SIGN_IN,
    }
)
def test_the_start_page_is_for_group_managers_and_city_staff(
    role_client: Client, expected: int
) -> None:
    assert role_client.get(START).status_code == expected


def test_a_group_manager_starts_a_draft_for_their_group(group_manager: Any, group_a: Any) -> None:
    response = client_for(group_manager).post(
        START, {"title": "海の学校", "proposer": f"group:{group_a.pk}"}
    )
    proposal = Proposal.objects.get()
    assert response.headers["Location"] == edit_url(proposal, "basic")
    assert (proposal.proposing_group, proposal.status) == (group_a, Proposal.Status.DRAFT)


def test_nobody_proposes_for_another_group(group_manager: Any, group_b: Any) -> None:
    response = client_for(group_manager).post(
        START, {"title": "海の学校", "proposer": f"group:{group_b.pk}"}
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_city_staff_propose_for_their_department_only(
    city_staff: Any, dept_own: Any, dept_other: Any
) -> None:
    client = client_for(city_staff)
    client.post(START, {"title": "他課の事業", "proposer": f"department:{dept_other.pk}"})
    assert not Proposal.objects.exists()
    client.post(START, {"title": "自課の事業", "proposer": f"department:{dept_own.pk}"})
    assert Proposal.objects.get().proposing_department == dept_own


@pytest.mark.parametrize("section", ["basic", "budget", "mutual", "roles", "purpose", "evaluation"])
@for_every_role({**roles_except({"group_manager"}, 200, 403), "anonymous": SIGN_IN})
def test_every_section_of_a_draft_is_edited_only_by_its_group(
    group_proposal: Proposal, role_client: Client, expected: int, section: str
) -> None:
    assert role_client.get(edit_url(group_proposal, section)).status_code == expected


def test_a_section_saves_and_moves_on(group_proposal: Proposal, group_manager: Any) -> None:
    response = client_for(group_manager).post(
        edit_url(group_proposal, "evaluation"),
        {
            "evaluation_what": "参加者数",
            "evaluation_when": "毎月",
            "evaluation_how": "記録表",
            "action": "continue",
        },
    )
    assert response.headers["Location"] == f"/collaboration/proposals/{group_proposal.pk}/"
    group_proposal.refresh_from_db()
    assert group_proposal.evaluation_when == "毎月"


def _roles_post(rows: list[dict[str, str]]) -> dict[str, str]:
    data = {
        "roles-TOTAL_FORMS": str(len(rows)),
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "action": "stay",
    }
    for index, row in enumerate(rows):
        data.update({f"roles-{index}-{name}": value for name, value in row.items()})
    return data


def test_bad_rows_show_errors_beside_the_fields_and_save_nothing(
    group_proposal: Proposal, group_manager: Any
) -> None:
    before = list(group_proposal.roles.values_list("task", flat=True))
    response = client_for(group_manager).post(
        edit_url(group_proposal, "roles"),
        _roles_post(
            [{"task": "", "responsible": "group", "cost_bearer": "group", "risk_bearer": "x"}]
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_roles-0-task_error"' in html
    assert list(group_proposal.roles.values_list("task", flat=True)) == before


def test_editing_the_role_table_in_consultation_says_confirmations_were_withdrawn(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    put_in(group_proposal, Proposal.Status.CONSULTATION)
    client_for(group_manager).post(
        f"/collaboration/proposals/{group_proposal.pk}/confirm/", {"side": "group"}
    )
    response = client_for(city_staff).post(
        edit_url(group_proposal, "roles"),
        _roles_post(
            [
                {
                    "task": "共同運営",
                    "responsible": "both",
                    "cost_bearer": "both",
                    "risk_bearer": "both",
                },
            ]
        ),
        follow=True,
    )
    message = ja(
        "Sections 1–3 changed, so both sides' confirmations were withdrawn. "
        "Both sides must confirm them again."
    )
    assert escape(message) in response.content.decode()
    assert not group_proposal.confirmations.filter(withdrawn_at__isnull=True).exists()


def test_an_unknown_section_is_not_found(group_proposal: Proposal, group_manager: Any) -> None:
    assert client_for(group_manager).get(edit_url(group_proposal, "nothing")).status_code == 404
