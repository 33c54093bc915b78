"""Each permission on proposals for every role (healthchecks' alice/bob/charlie pattern).

Drafts are seen only by the side writing them; other groups and other departments never see
a proposal that is not public.
"""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import Proposal
from tests.conftest import for_every_role, roles_except

from ..conftest import put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status

NOBODY: set[str] = set()
PARTIES = {"group_manager", "city_staff", "secretariat"}
TAKING_PART = PARTIES | {"centre_staff"}


@for_every_role(roles_except({"group_manager"}, True, False))
def test_a_group_draft_is_seen_only_by_its_group(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.view_proposal", group_proposal) is expected


@for_every_role(roles_except({"city_staff", "secretariat"}, True, False))
def test_a_city_draft_is_seen_only_by_its_department_and_the_secretariat(
    city_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.view_proposal", city_proposal) is expected


@for_every_role(roles_except(TAKING_PART, True, False))
def test_a_proposal_in_consultation_is_seen_by_those_taking_part(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    assert role_user.has_perm("collaboration.view_proposal", group_proposal) is expected


@for_every_role(roles_except(TAKING_PART | {"committee_member"}, True, False))
def test_committee_members_read_proposals_from_the_review_on(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    put_in(group_proposal, Status.REVIEW)
    assert role_user.has_perm("collaboration.view_proposal", group_proposal) is expected


@for_every_role(roles_except({"group_manager"}, True, False))
def test_only_the_group_edits_its_draft(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.edit_proposal", group_proposal) is expected


@for_every_role(roles_except(PARTIES, True, False))
def test_both_sides_edit_during_consultation(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    assert role_user.has_perm("collaboration.edit_proposal", group_proposal) is expected


@for_every_role(roles_except(NOBODY, True, False))
def test_nobody_edits_a_proposal_under_review(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    put_in(group_proposal, Status.REVIEW)
    assert role_user.has_perm("collaboration.edit_proposal", group_proposal) is expected


@for_every_role(roles_except(PARTIES, True, False))
def test_the_two_sides_confirm_during_consultation(
    city_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    put_in(city_proposal, Status.CONSULTATION)
    assert role_user.has_perm("collaboration.confirm_sections", city_proposal) is expected


@for_every_role(roles_except({"city_staff", "secretariat", "centre_staff"}, True, False))
def test_staff_notes_are_for_the_citys_side_and_the_centre(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    assert role_user.has_perm("collaboration.view_staff_notes", group_proposal) is expected


def test_a_group_manager_working_in_another_department_reads_no_staff_note(
    group_proposal: Proposal, group_manager: Any, dept_other: Any
) -> None:
    from accounts.models import Role
    from accounts.services import assign_role

    assign_role(group_manager, Role.CITY_STAFF, dept_other)
    group_manager = type(group_manager).objects.get(pk=group_manager.pk)  # fresh role cache
    put_in(group_proposal, Status.CONSULTATION)
    assert group_manager.has_perm("collaboration.view_proposal", group_proposal)
    assert not group_manager.has_perm("collaboration.view_staff_notes", group_proposal)


@for_every_role(roles_except(set(), True, False))
def test_nobody_reads_staff_notes_of_a_draft(
    group_proposal: Proposal, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.view_staff_notes", group_proposal) is expected


@pytest.mark.parametrize("status", [Status.ADOPTED, Status.IN_PROGRESS, Status.CLOSED])
@for_every_role(roles_except(set(), False, True))
def test_adopted_projects_are_public(
    group_proposal: Proposal, role_user: Any, expected: bool, status: str
) -> None:
    put_in(group_proposal, status)
    assert role_user.has_perm("collaboration.view_project", group_proposal) is expected


@pytest.mark.parametrize("status", [Status.CONSULTATION, Status.REJECTED, Status.WITHDRAWN])
@for_every_role(roles_except(set(), True, False))
def test_other_proposals_are_not_public(
    group_proposal: Proposal, role_user: Any, expected: bool, status: str
) -> None:
    put_in(group_proposal, status)
    assert role_user.has_perm("collaboration.view_project", group_proposal) is expected


@for_every_role(roles_except({"secretariat"}, True, False))
def test_the_secretariat_imports_and_manages_programmes(role_user: Any, expected: bool) -> None:
    for perm in ("import_proposals", "manage_programs"):
        assert role_user.has_perm(f"collaboration.{perm}") is expected


@for_every_role(roles_except({"secretariat", "committee_member"}, True, False))
def test_the_secretariat_and_the_committee_open_the_review(role_user: Any, expected: bool) -> None:
    assert role_user.has_perm("collaboration.review_proposals") is expected


@for_every_role(roles_except({"group_manager", "other_group_manager"}, True, False))
def test_group_managers_start_group_proposals(role_user: Any, expected: bool) -> None:
    assert role_user.has_perm("collaboration.start_group_proposal") is expected


@for_every_role(roles_except({"city_staff", "other_city_staff", "secretariat"}, True, False))
def test_city_staff_start_city_proposals(role_user: Any, expected: bool) -> None:
    assert role_user.has_perm("collaboration.start_city_proposal") is expected
