"""With two-factor authentication required, the roles trusted with private data hold nothing
without it: every permission of the portal (every page's, every workflow move's) on objects
in every status gives centre staff, the secretariat and administrators without TOTP no more
than it gives a signed-in person without a role. For every other role the setting changes
nothing at all (which is why the suite's second run, with the setting on, tries the
permission tests for the three roles and their twins only).

The permissions are read from the rules registry, so one added later is checked too.
"""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.db.models import Model

from accounts.rules import passes_with_mfa
from collaboration.models import DepartmentNeed, Proposal
from groups.models import CitizenGroup
from kamakura_portal.workflow import _WORKFLOWS
from measures.models import Measure, Plan, ProgressReport
from surveys.models import Survey
from tests.collaboration.conftest import make_need
from tests.conftest import MFA_ROLES, ROLES
from tests.factories import CitizenGroupFactory
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db

TWINS = ("centre_staff_without_mfa", "secretariat_without_mfa", "administrator_without_mfa")


@pytest.fixture
def objects(group_a: CitizenGroup, dept_own: Any) -> dict[str, list[Model]]:
    """For each app, its objects in every status (and, for permissions without one, None)."""
    groups: list[Model] = [
        CitizenGroupFactory.create(status=status) for status in CitizenGroup.Status.values
    ]
    proposals: list[Model] = []
    for side in Proposal.ProposerSide.values:
        for status in Proposal.Status.values:
            proposal = Proposal.objects.create(
                title=f"提案 {side} {status}",
                proposer_side=side,
                proposing_group=group_a if side == Proposal.ProposerSide.GROUP else None,
                proposing_department=dept_own if side == Proposal.ProposerSide.CITY else None,
                status=status,
            )
            proposal.counterpart_departments.add(dept_own)
            proposal.counterpart_groups.add(group_a)
            proposals.append(proposal)
    needs: list[Model] = [
        make_need(dept_own, status=status, is_public=public)
        for status in DepartmentNeed.Status.values
        for public in (True, False)
    ]
    plan = Plan.objects.create(code="mfa-plan", title="計画")
    measure = Measure.objects.create(plan=plan, code="1", title="施策")
    measure.lead_departments.add(dept_own)
    reports: list[Model] = [
        ProgressReport.objects.create(measure=measure, fiscal_year=2020 + n, status=status)
        for n, status in enumerate(ProgressReport.Status.values)
    ]
    surveys: list[Model] = [
        make_survey(status=status, title=f"調査 {status}") for status in Survey.Status.values
    ]
    return {
        "groups": groups,
        "collaboration": proposals + needs,
        "measures": [measure, *reports],
        "surveys": surveys,
    }


def holds(user: Any, permission: str, obj: Model | None) -> bool | None:
    """``user.has_perm``, or None where the permission is not about this kind of object."""
    try:
        return bool(user.has_perm(permission, obj))
    except (AttributeError, TypeError):
        return None


def test_without_totp_the_private_data_roles_hold_no_more_than_a_signed_in_person(
    request: pytest.FixtureRequest,
    settings: Any,
    citizen: Any,
    objects: dict[str, list[Model]],
) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    twins = [request.getfixturevalue(name) for name in TWINS]
    checked: dict[str, int] = {}
    beyond = []
    for permission in sorted(rules.permissions.permissions):
        app = permission.split(".")[0]
        for obj in [None, *objects.get(app, [])]:
            citizen_holds = holds(citizen, permission, obj)
            if citizen_holds is None:
                continue
            checked[permission] = checked.get(permission, 0) + 1
            for name, twin in zip(TWINS, twins, strict=True):
                if holds(twin, permission, obj) and not citizen_holds:
                    beyond.append((name, permission, obj))
    assert beyond == []
    # Every permission was tried on at least one object (or none) it is about.
    assert set(checked) == set(rules.permissions.permissions)


def test_every_workflow_move_names_a_permission_of_the_registry() -> None:
    for workflow in _WORKFLOWS.values():
        for move in workflow.moves:
            assert move.permission is None or rules.permissions.permissions.get(move.permission), (
                workflow.model.__name__,
                move.permission,
            )
            assert move.permission is not None or move.by_system


@pytest.mark.parametrize("name", TWINS)
def test_with_totp_the_same_people_hold_their_permissions_again(
    request: pytest.FixtureRequest, settings: Any, name: str
) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    twin = request.getfixturevalue(name)
    assert not twin.has_perm("accounts.view_audit_history")
    TOTP.activate(twin, generate_totp_secret())
    assert twin.has_perm("accounts.view_audit_history")


def test_for_every_other_role_the_setting_changes_no_permission(
    request: pytest.FixtureRequest, settings: Any, objects: dict[str, list[Model]]
) -> None:
    people = {role: request.getfixturevalue(role) for role in ROLES if role not in MFA_ROLES}
    cases = [
        (role, user, permission, obj)
        for permission in sorted(rules.permissions.permissions)
        for obj in [None, *objects.get(permission.split(".")[0], [])]
        for role, user in people.items()
    ]
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = False
    off = [holds(user, permission, obj) for _role, user, permission, obj in cases]
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    on = [holds(user, permission, obj) for _role, user, permission, obj in cases]
    changed = [
        case[::2] for case, before, after in zip(cases, off, on, strict=True) if before != after
    ]
    assert changed == []
    # Nor would setting it up open anything for them (no page sends them to do so).
    opened = [
        case[::2]
        for case, held in zip(cases, on, strict=True)
        if held is False and passes_with_mfa(case[1], [case[2]], case[3])
    ]
    assert opened == []
    assert sum(held is not None for held in on) > len(rules.permissions.permissions)
