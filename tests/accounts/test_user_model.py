from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError

from accounts.models import Role, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_it_signs_users_in_by_email_rather_than_username() -> None:
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User, "username")
    user = User.objects.create_user("hanako@example.jp", PASSWORD)
    assert authenticate(email="hanako@example.jp", password=PASSWORD) == user


def test_it_stores_the_email_in_lowercase() -> None:
    user = User.objects.create_user("Hanako.Yui@Example.JP", PASSWORD)
    assert user.email == "hanako.yui@example.jp"


def test_it_refuses_a_second_user_with_the_same_email() -> None:
    User.objects.create_user("dup@example.jp")
    with pytest.raises(IntegrityError):
        User.objects.create_user("DUP@example.jp")


def test_it_requires_an_email() -> None:
    with pytest.raises(ValueError):
        User.objects.create_user("")


def test_it_shows_the_display_name_and_falls_back_to_the_email() -> None:
    named = UserFactory.create(email="hanako@example.jp", display_name="鎌倉 花子")
    unnamed = UserFactory.create(email="taro@example.jp", display_name="")
    assert str(named) == named.get_full_name() == named.get_short_name() == "鎌倉 花子"
    assert str(unnamed) == unnamed.get_full_name() == "taro@example.jp"
    assert unnamed.get_short_name() == "taro"


def test_a_new_user_has_no_role_and_no_admin_access() -> None:
    user = User.objects.create_user("new@example.jp", PASSWORD)
    assert user.role_set == frozenset()
    assert not user.is_staff
    assert not user.is_superuser


def test_a_superuser_counts_as_administrator() -> None:
    user = User.objects.create_superuser("root@example.jp", PASSWORD)
    assert user.has_role(Role.ADMINISTRATOR)
    assert user.is_staff


def test_it_loads_the_roles_once_per_instance(django_assert_num_queries: Any) -> None:
    user = UserFactory.create(roles=[Role.CENTRE_STAFF, Role.COMMITTEE])
    user = User.objects.get(pk=user.pk)
    # 1. SELECT the role assignments with their departments.
    with django_assert_num_queries(1):
        assert user.has_role(Role.CENTRE_STAFF)
        assert user.has_role(Role.COMMITTEE)
        assert not user.has_role(Role.SECRETARIAT)
        assert user.department_ids == frozenset()
