"""Each predicate and permission of groups/rules.py, for every role."""

import pytest

from groups import rules as group_rules
from tests.conftest import for_every_role, roles_except

pytestmark = pytest.mark.django_db

MANAGERS = {"group_manager", "other_group_manager"}


@for_every_role(roles_except({"group_manager"}, yes=True, no=False))
def test_only_its_own_manager_manages_group_a(role_user, expected, group_a) -> None:
    assert group_rules.manages_group.test(role_user, group_a) is expected


@for_every_role(roles_except({"other_group_manager"}, yes=True, no=False))
def test_the_manager_of_group_a_does_not_manage_group_b(role_user, expected, group_b) -> None:
    assert group_rules.manages_group.test(role_user, group_b) is expected


@for_every_role(roles_except(set(), yes=True, no=False))
def test_nobody_manages_no_group(role_user, expected) -> None:
    assert group_rules.manages_group.test(role_user, None) is expected


@for_every_role(roles_except(MANAGERS, yes=True, no=False))
def test_only_managers_manage_any_group(role_user, expected) -> None:
    assert group_rules.manages_any_group.test(role_user) is expected


@for_every_role(roles_except(MANAGERS, yes=True, no=False))
def test_only_managers_see_my_groups(role_user, expected) -> None:
    assert role_user.has_perm("groups.view_my_groups") is expected
