import pytest

from accounts.models import Role, RoleAssignment
from accounts.services import RoleError, assign_role, revoke_role
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_city_staff_cannot_be_assigned_without_a_department() -> None:
    user = UserFactory.create()
    with pytest.raises(RoleError):
        assign_role(user, Role.CITY_STAFF)
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_city_staff_work_in_the_department_they_are_assigned_to() -> None:
    user = UserFactory.create()
    department = DepartmentFactory.create()
    assignment = assign_role(user, Role.CITY_STAFF, department)
    assert assignment.department == department
    assert user.has_role(Role.CITY_STAFF)
    assert user.department_ids == frozenset({department.pk})


def test_a_department_given_with_another_role_is_ignored() -> None:
    user = UserFactory.create()
    assignment = assign_role(user, Role.CENTRE_STAFF, DepartmentFactory.create())
    assert assignment.department is None


def test_assigning_the_same_role_twice_creates_one_assignment() -> None:
    user = UserFactory.create()
    department = DepartmentFactory.create()
    first = assign_role(user, Role.CITY_STAFF, department)
    second = assign_role(user, Role.CITY_STAFF, department)
    assign_role(user, Role.COMMITTEE)
    assign_role(user, Role.COMMITTEE)
    assert first == second
    assert RoleAssignment.objects.filter(user=user).count() == 2


def test_a_city_employee_can_work_in_two_departments() -> None:
    user = UserFactory.create()
    one, two = DepartmentFactory.create(), DepartmentFactory.create()
    assign_role(user, Role.CITY_STAFF, one)
    assign_role(user, Role.CITY_STAFF, two)
    assert user.department_ids == frozenset({one.pk, two.pk})


def test_an_administrator_gets_django_admin_access() -> None:
    user = UserFactory.create()
    assign_role(user, Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert user.is_staff
    assert user.is_superuser
    assert user.has_role(Role.ADMINISTRATOR)


def test_assigning_a_role_refreshes_the_cached_roles() -> None:
    user = UserFactory.create()
    assert not user.has_role(Role.SECRETARIAT)
    assign_role(user, Role.SECRETARIAT)
    assert user.has_role(Role.SECRETARIAT)


def test_revoking_a_role_removes_it_and_refreshes_the_cached_roles() -> None:
    user = UserFactory.create(roles=[Role.CENTRE_STAFF, Role.COMMITTEE])
    assert user.has_role(Role.CENTRE_STAFF)
    revoke_role(user, Role.CENTRE_STAFF)
    assert not user.has_role(Role.CENTRE_STAFF)
    assert user.has_role(Role.COMMITTEE)
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", flat=True)) == [
        Role.COMMITTEE
    ]


def test_revoking_city_staff_only_removes_that_department() -> None:
    user = UserFactory.create()
    one, two = DepartmentFactory.create(), DepartmentFactory.create()
    assign_role(user, Role.CITY_STAFF, one)
    assign_role(user, Role.CITY_STAFF, two)
    revoke_role(user, Role.CITY_STAFF, one)
    assert user.department_ids == frozenset({two.pk})


def test_revoking_administrator_removes_django_admin_access() -> None:
    user = UserFactory.create(roles=[Role.ADMINISTRATOR])
    revoke_role(user, Role.ADMINISTRATOR)
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.has_role(Role.ADMINISTRATOR)


def test_revoking_a_role_the_user_does_not_hold_does_nothing() -> None:
    user = UserFactory.create(roles=[Role.COMMITTEE])
    revoke_role(user, Role.SECRETARIAT)
    assert user.role_set == frozenset({Role.COMMITTEE})
