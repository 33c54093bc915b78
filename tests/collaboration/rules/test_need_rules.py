"""Each permission on department needs for every role.

Public open needs are everyone's; staff-only and closed needs are read by the city's staff
and the centre only. A department's staff write their own needs, never another's.
"""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import DepartmentNeed
from tests.conftest import ROLES, for_every_role, roles_except

pytestmark = pytest.mark.django_db

READERS = {"centre_staff", "city_staff", "other_city_staff", "secretariat"}


@for_every_role(dict.fromkeys(ROLES, True))
def test_everyone_reads_a_public_open_need(
    need: DepartmentNeed, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.view_need", need) is expected


@for_every_role(roles_except(READERS, True, False))
def test_a_staff_only_need_is_read_by_the_city_and_the_centre_only(
    staff_only_need: DepartmentNeed, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.view_need", staff_only_need) is expected


@for_every_role(roles_except(READERS, True, False))
def test_a_closed_need_leaves_the_public_pages(
    need: DepartmentNeed, role_user: Any, expected: bool
) -> None:
    need.status = DepartmentNeed.Status.CLOSED
    need.save()
    assert role_user.has_perm("collaboration.view_need", need) is expected


@for_every_role(roles_except(READERS, True, False))
def test_the_staff_list_is_for_the_city_and_the_centre(role_user: Any, expected: bool) -> None:
    assert role_user.has_perm("collaboration.view_staff_needs") is expected


@for_every_role(roles_except({"city_staff", "other_city_staff", "secretariat"}, True, False))
def test_the_citys_staff_post_needs(role_user: Any, expected: bool) -> None:
    assert role_user.has_perm("collaboration.post_need") is expected


@for_every_role(roles_except({"city_staff", "secretariat"}, True, False))
def test_only_the_department_and_the_secretariat_edit_a_need(
    need: DepartmentNeed, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.edit_need", need) is expected


@for_every_role(roles_except({"city_staff", "secretariat", "centre_staff"}, True, False))
def test_coordinators_also_move_a_needs_status(
    need: DepartmentNeed, role_user: Any, expected: bool
) -> None:
    assert role_user.has_perm("collaboration.set_need_status", need) is expected
