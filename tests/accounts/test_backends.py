"""The signed-in user of a request, with its roles and managed groups, in one query."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user
from django.test import RequestFactory

from accounts.backends import signed_in_user
from accounts.models import Role, RoleAssignment
from accounts.services import assign_role, revoke_role
from groups.models import GroupMembership
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_its_roles_and_groups_in_one_query(
    city_staff: Any, group_a: Any, dept_own: Any, django_assert_num_queries: Any
) -> None:
    GroupMembership.objects.create(user=city_staff, group=group_a)
    assign_role(city_staff, Role.COMMITTEE)
    with django_assert_num_queries(1):
        user = signed_in_user(city_staff.pk)
        assert user is not None
        assert user.role_set == {Role.CITY_STAFF, Role.COMMITTEE}
        assert user.department_ids == {dept_own.pk}
        assert user.managed_group_ids == {group_a.pk}
        assert user.has_role(Role.COMMITTEE)


def test_the_roles_are_those_the_database_holds(city_staff: Any) -> None:
    user = signed_in_user(city_staff.pk)
    assert user is not None
    stored = list(RoleAssignment.objects.filter(user=city_staff).order_by("pk"))
    loaded = user.role_assignments
    assert [(a.pk, a.role, a.department_id, a.granted_at) for a in loaded] == [
        (a.pk, a.role, a.department_id, a.granted_at) for a in stored
    ]
    assert loaded[0].granted_at.tzinfo is not None
    assert loaded[0].department == stored[0].department  # read when asked for


def test_a_user_without_roles_or_groups_gets_empty_sets(citizen: Any) -> None:
    user = signed_in_user(citizen.pk)
    assert user is not None
    assert (user.role_assignments, user.managed_group_ids) == ([], frozenset())


def test_an_unknown_id_is_nobody() -> None:
    assert signed_in_user(987654) is None


def test_a_deactivated_user_is_signed_out(citizen: Any) -> None:
    client = client_for(citizen)
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])
    request = RequestFactory().get("/")
    request.session = client.session
    assert not get_user(request).is_authenticated


def test_a_role_granted_or_revoked_counts_from_the_next_request(centre_staff: Any) -> None:
    user = UserFactory.create(email="late@example.jp")
    client = client_for(user)
    assert client.get("/coordination/").status_code == 403
    assign_role(user, Role.CENTRE_STAFF)
    assert client.get("/coordination/").status_code == 200
    revoke_role(user, Role.CENTRE_STAFF)
    assert client.get("/coordination/").status_code == 403


def test_each_request_loads_the_user_once(
    group_manager: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(group_manager)
    # The session, then the user with its roles and groups: the menu's "my groups" and the
    # permission checks ask nothing more.
    with django_assert_num_queries(2):
        response = client.get("/bench-nothing-here/")
    assert response.status_code == 404
