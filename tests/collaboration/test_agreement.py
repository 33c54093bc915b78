"""The agreement: drafted by either side, concluded by both confirmations, then amended."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from collaboration.errors import ProposalError
from collaboration.models import AgreementVersion, Proposal
from collaboration.services import agreement

from .conftest import put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def fields(**changes: Any) -> dict[str, Any]:
    return {
        "purpose": "由比ガ浜を市民の手できれいに保つ。",
        "period_start": datetime.date(2026, 4, 1),
        "period_end": datetime.date(2027, 3, 31),
        "roles": "清掃の運営：団体",
        "responsibilities": "事故は市へ連絡する。",
        "reason": "",
        **changes,
    }


@pytest.fixture
def adopted(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.ADOPTED)


def test_the_first_draft_comes_from_the_proposal(adopted: Proposal) -> None:
    initial = agreement.initial_fields(adopted)
    assert initial["purpose"] == adopted.shared_purpose
    assert (initial["period_start"], initial["period_end"]) == (
        datetime.date(2026, 4, 1),
        datetime.date(2027, 3, 31),
    )
    assert "清掃の運営" in initial["roles"] and "広報と関係機関の調整" in initial["roles"]


def test_both_confirmations_conclude_the_agreement(
    adopted: Proposal, group_manager: Any, city_staff: Any
) -> None:
    version, _withdrawn = agreement.save_draft(adopted, group_manager, fields())
    agreement.confirm(version, group_manager, "group")
    adopted.refresh_from_db()
    assert adopted.status == Status.ADOPTED
    agreement.confirm(version, city_staff, "city")
    adopted.refresh_from_db()
    assert adopted.status == Status.AGREED
    change = adopted.status_changes.get()
    assert (change.to_status, change.actor) == (Status.AGREED, city_staff)


def test_an_edit_after_one_confirmation_withdraws_it(
    adopted: Proposal, group_manager: Any, city_staff: Any
) -> None:
    version, _withdrawn = agreement.save_draft(adopted, group_manager, fields())
    agreement.confirm(version, group_manager, "group")
    version, withdrawn = agreement.save_draft(adopted, city_staff, fields(roles="清掃：両者"))
    assert withdrawn and version.group_confirmed_at is None
    assert AgreementVersion.objects.count() == 1


def test_a_confirmed_agreement_is_changed_only_by_an_amendment(
    adopted: Proposal, group_manager: Any, city_staff: Any
) -> None:
    version, _withdrawn = agreement.save_draft(adopted, group_manager, fields())
    agreement.confirm(version, group_manager, "group")
    agreement.confirm(version, city_staff, "city")
    with pytest.raises(ProposalError):  # an amendment says why
        agreement.save_draft(adopted, city_staff, fields(period_end=datetime.date(2028, 3, 31)))
    amendment, _withdrawn = agreement.save_draft(
        adopted, city_staff, fields(period_end=datetime.date(2028, 3, 31), reason="1年延長")
    )
    assert amendment.number == 2
    version.refresh_from_db()
    assert version.period_end == datetime.date(2027, 3, 31)  # version 1 untouched
    assert agreement.in_force(adopted) == version
    agreement.confirm(amendment, group_manager, "group")
    agreement.confirm(amendment, city_staff, "city")
    assert agreement.in_force(adopted) == amendment


def test_nobody_confirms_for_the_other_side(
    adopted: Proposal, group_manager: Any, other_city_staff: Any
) -> None:
    version, _withdrawn = agreement.save_draft(adopted, group_manager, fields())
    with pytest.raises(ProposalError):
        agreement.confirm(version, group_manager, "city")
    with pytest.raises(ProposalError):
        agreement.confirm(version, other_city_staff, "city")


def test_other_groups_cannot_draft(adopted: Proposal, other_group_manager: Any) -> None:
    with pytest.raises(ProposalError):
        agreement.save_draft(adopted, other_group_manager, fields())
    assert not AgreementVersion.objects.exists()


def test_a_period_ending_before_it_starts_is_refused(adopted: Proposal, group_manager: Any) -> None:
    with pytest.raises(ProposalError):
        agreement.save_draft(adopted, group_manager, fields(period_end=datetime.date(2025, 3, 31)))
