"""Each permission of accounts/rules.py, for every role, as views check it (user.has_perm)."""

from typing import Any

import pytest

from tests.conftest import ROLES, STAFF_ROLES, for_every_role, roles_except

pytestmark = pytest.mark.django_db

PRIVATE_DATA_ROLES = {"centre_staff", "secretariat", "administrator"}


@for_every_role(roles_except(PRIVATE_DATA_ROLES, yes=True, no=False))
def test_only_centre_secretariat_and_administrators_see_private_data(
    role_user: Any, expected: Any
) -> None:
    assert role_user.has_perm("accounts.view_private_data") is expected


@for_every_role(roles_except(PRIVATE_DATA_ROLES, yes=True, no=False))
def test_only_centre_secretariat_and_administrators_see_the_audit_history(
    role_user: Any, expected: Any
) -> None:
    assert role_user.has_perm("accounts.view_audit_history") is expected


@for_every_role(roles_except(STAFF_ROLES, yes=True, no=False))
def test_only_staff_roles_enter_the_staff_area(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("accounts.view_staff_area") is expected


@for_every_role(roles_except({"administrator"}, yes=True, no=False))
def test_only_administrators_manage_roles(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("accounts.manage_roles") is expected


@for_every_role(roles_except(set(ROLES) - {"anonymous"}, yes=True, no=False))
def test_everyone_signed_in_has_a_dashboard(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("accounts.view_dashboard") is expected
