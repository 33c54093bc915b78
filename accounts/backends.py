"""The sign-in backends, loading the signed-in user of each request in one query.

Every signed-in page asks what the user's roles are (the permission rules) and which groups
the user manages (the menus): two more queries on every request. On PostgreSQL the user's row
comes with both, as arrays in the same query, and fills the per-request caches of
:class:`~accounts.models.User` (``role_assignments``, ``managed_group_ids``) as their cached
properties would. The roles' departments are not loaded: the pages that print them (マイページ)
read them with the roles.

The backends are Django's and allauth's with only ``get_user`` changed; the session keeps
naming the backend that signed the user in.
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Model, OuterRef
from django.db.models.functions import JSONObject

from kamakura_portal.db import is_postgresql

from .models import RoleAssignment, User

_ROLE_FIELDS = [field.attname for field in RoleAssignment._meta.concrete_fields]


def _memberships() -> type[Model]:
    # groups.GroupMembership, reached through the relation (groups imports accounts).
    return User._meta.get_field("group_memberships").related_model  # type: ignore[return-value]


def signed_in_user(user_id: Any) -> User | None:
    """The user ``user_id`` with its roles and managed groups loaded: one query on
    PostgreSQL; elsewhere one, and the caches fill on first use."""
    if not is_postgresql():
        return User._default_manager.filter(pk=user_id).first()
    roles = RoleAssignment.objects.filter(user=OuterRef("pk")).order_by("pk")
    groups = _memberships()._default_manager.filter(user=OuterRef("pk")).order_by("group_id")
    user = (
        User._default_manager.filter(pk=user_id)
        .annotate(
            loaded_role_rows=ArraySubquery(
                roles.values(row=JSONObject(**{name: name for name in _ROLE_FIELDS}))
            ),
            loaded_group_ids=ArraySubquery(groups.values("group_id")),
        )
        .first()
    )
    if user is None:
        return None
    user.role_assignments = [_role(row) for row in user.loaded_role_rows]
    user.managed_group_ids = frozenset(user.loaded_group_ids)
    return user


def _role(row: dict[str, Any]) -> RoleAssignment:
    """A role assignment as the database would give it (JSON gives its time as text)."""
    fields = RoleAssignment._meta.concrete_fields
    values = [field.to_python(row[field.attname]) for field in fields]
    return RoleAssignment.from_db("default", _ROLE_FIELDS, values)


class OneQueryUser:
    def get_user(self, user_id: Any) -> User | None:
        user = signed_in_user(user_id)
        can = getattr(self, "user_can_authenticate", None)
        return user if user is not None and (can is None or can(user)) else None


class ModelBackend(OneQueryUser, DjangoModelBackend):
    """Django's backend (the administration site, the tests' sign-in)."""


class AuthenticationBackend(OneQueryUser, AllauthBackend):
    """allauth's backend (sign-in by email)."""
