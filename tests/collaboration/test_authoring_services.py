"""Authoring: drafts, section saves, and mutual confirmation withdrawn by any later edit."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from collaboration.errors import ProposalError
from collaboration.models import Confirmation, Proposal, Side
from collaboration.services import proposals as services

from .conftest import ja, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_a_group_manager_starts_a_group_draft(group_manager: Any, group_a: Any) -> None:
    proposal = services.start_proposal(group_manager, title=" 海の学校 ", group=group_a)
    assert (proposal.title, proposal.status, proposal.proposer_side) == (
        "海の学校",
        Status.DRAFT,
        Proposal.ProposerSide.GROUP,
    )
    assert proposal.created_by == group_manager


def test_a_draft_needs_exactly_one_proposer(city_staff: Any, group_a: Any, dept_own: Any) -> None:
    with pytest.raises(ProposalError):
        services.start_proposal(city_staff, title="x", group=group_a, department=dept_own)
    with pytest.raises(ProposalError):
        services.start_proposal(city_staff, title="x")
    assert not Proposal.objects.exists()


def test_sections_save_only_while_editable(group_proposal: Proposal, secretariat: Any) -> None:
    services.update_section(group_proposal, "basic", secretariat, {"title": "新しい題"})
    assert Proposal.objects.get().title == "新しい題"
    put_in(group_proposal, Status.REVIEW)
    with pytest.raises(ProposalError):
        services.update_section(group_proposal, "basic", secretariat, {"title": "もう一度"})
    assert Proposal.objects.get().title == "新しい題"


def _confirmed(proposal: Proposal, group_manager: Any, city_staff: Any) -> Proposal:
    put_in(proposal, Status.CONSULTATION)
    services.confirm_sections(proposal, group_manager, "group")
    services.confirm_sections(proposal, city_staff, "city")
    return proposal


def test_both_sides_confirm_and_the_page_can_say_who_and_when(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    _confirmed(group_proposal, group_manager, city_staff)
    live = {c.side: c for c in group_proposal.confirmations.filter(withdrawn_at__isnull=True)}
    assert live["group"].confirmed_by == group_manager
    assert live["city"].confirmed_by == city_staff
    assert live["city"].confirmed_at is not None


def test_confirming_twice_keeps_one_confirmation(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    _confirmed(group_proposal, group_manager, city_staff)
    services.confirm_sections(group_proposal, group_manager, "group")
    assert group_proposal.confirmations.count() == 2


def test_nobody_confirms_for_the_other_side(
    group_proposal: Proposal, group_manager: Any, other_city_staff: Any
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    with pytest.raises(ProposalError):
        services.confirm_sections(group_proposal, group_manager, "city")
    with pytest.raises(ProposalError):
        services.confirm_sections(group_proposal, other_city_staff, "city")
    assert not Confirmation.objects.exists()


def test_an_edit_of_section_1_withdraws_both_confirmations(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    _confirmed(group_proposal, group_manager, city_staff)
    withdrawn = services.update_section(
        group_proposal, "mutual", city_staff, {"city_strengths": "広報と会場の確保。"}
    )
    assert withdrawn == 2
    assert not group_proposal.confirmations.filter(withdrawn_at__isnull=True).exists()
    kept = group_proposal.confirmations.first()
    assert kept is not None and kept.withdrawn_by == city_staff
    assert kept.withdrawn_because == ja("“%(section)s” was edited.") % {
        "section": ja("1. Equality and mutual understanding")
    }


def test_an_edit_of_the_role_table_withdraws_them_too(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    _confirmed(group_proposal, group_manager, city_staff)
    rows = [
        {
            "task": "清掃の運営",
            "responsible": Side.BOTH,
            "cost_bearer": Side.GROUP,
            "risk_bearer": Side.GROUP,
            "risk": "",
        },
    ]
    assert services.replace_rows(group_proposal, "roles", group_manager, rows) == 2
    assert [r.responsible for r in group_proposal.roles.all()] == [Side.BOTH]


def test_saving_unchanged_sections_keeps_the_confirmations(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    _confirmed(group_proposal, group_manager, city_staff)
    same = {"shared_purpose": group_proposal.shared_purpose}
    assert services.update_section(group_proposal, "purpose", group_manager, same) == 0
    milestones = [
        {"title": m.title, "due_on": m.due_on, "done_on": None, "progress_note": ""}
        for m in group_proposal.milestones.all()
    ]
    assert services.replace_rows(group_proposal, "milestones", group_manager, milestones) == 0
    assert group_proposal.confirmations.filter(withdrawn_at__isnull=True).count() == 2


def test_editing_section_4_or_the_budget_keeps_the_confirmations(
    group_proposal: Proposal, group_manager: Any, city_staff: Any
) -> None:
    _confirmed(group_proposal, group_manager, city_staff)
    services.update_section(
        group_proposal, "evaluation", group_manager, {"evaluation_when": "毎月"}
    )
    rows = [{"item": "保険", "amount": 80000, "bearer": Side.GROUP, "note": ""}]
    services.replace_rows(group_proposal, "cost_lines", group_manager, rows)
    assert group_proposal.confirmations.filter(withdrawn_at__isnull=True).count() == 2


def test_sections_cannot_be_confirmed_while_incomplete(
    group_proposal: Proposal, group_manager: Any
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    group_proposal.milestones.all().delete()
    with pytest.raises(ProposalError) as refused:
        services.confirm_sections(group_proposal, group_manager, "group")
    assert ja("Add at least one milestone with its date.") in str(refused.value)


def test_milestone_rows_keep_their_dates(group_proposal: Proposal, group_manager: Any) -> None:
    rows = [{"title": "報告会", "due_on": datetime.date(2027, 2, 1)}]
    services.replace_rows(group_proposal, "milestones", group_manager, rows)
    assert [(m.title, m.due_on) for m in group_proposal.milestones.all()] == [
        ("報告会", datetime.date(2027, 2, 1))
    ]
