"""Each role predicate of accounts/rules.py, for every role."""

from typing import Any

import pytest

from accounts import rules as account_rules
from tests.conftest import ROLES, STAFF_ROLES, for_every_role, roles_except

pytestmark = pytest.mark.django_db


ROLE_PREDICATES = {
    "is_centre_staff": {"centre_staff"},
    "is_city_staff": {"city_staff", "other_city_staff"},
    "is_secretariat": {"secretariat"},
    "is_committee_member": {"committee_member"},
    "is_administrator": {"administrator"},
    "has_staff_role": STAFF_ROLES,
    "is_private_data_role": {"centre_staff", "secretariat", "administrator"},
    "is_signed_in": set(ROLES) - {"anonymous"},
    "has_mfa": set(),
    "mfa_satisfied": set(ROLES),
}


@pytest.mark.parametrize("predicate", ROLE_PREDICATES)
@pytest.mark.parametrize("role", ROLES)
def test_a_role_predicate_holds_only_for_its_roles(
    predicate: str, role: str, role_user: Any
) -> None:
    expected = role in ROLE_PREDICATES[predicate]
    assert getattr(account_rules, predicate).test(role_user) is expected


@for_every_role(roles_except({"city_staff"}, yes=True, no=False))
def test_only_staff_of_the_department_work_in_it(
    role_user: Any, expected: Any, dept_own: Any
) -> None:
    assert account_rules.works_in_department.test(role_user, dept_own) is expected


@for_every_role(roles_except({"other_city_staff"}, yes=True, no=False))
def test_staff_of_another_department_work_only_in_theirs(
    role_user: Any, expected: Any, dept_other: Any
) -> None:
    assert account_rules.works_in_department.test(role_user, dept_other) is expected


@pytest.mark.parametrize("role", ROLES)
def test_nobody_works_in_no_department(role_user: Any) -> None:
    assert account_rules.works_in_department.test(role_user, None) is False


def test_a_deactivated_user_loses_every_role(centre_staff: Any, administrator: Any) -> None:
    for user in (centre_staff, administrator):
        user.is_active = False
        assert not account_rules.has_staff_role.test(user)
        assert not account_rules.is_private_data_role.test(user)


def test_an_employee_of_two_departments_works_in_both(
    city_staff: Any, dept_own: Any, dept_other: Any
) -> None:
    from accounts.models import Role
    from accounts.services import assign_role

    assign_role(city_staff, Role.CITY_STAFF, dept_other)
    assert account_rules.works_in_department.test(city_staff, dept_own)
    assert account_rules.works_in_department.test(city_staff, dept_other)
