"""Read-side helpers for account pages."""

from __future__ import annotations

from collections.abc import Sequence

from auditlog.models import LogEntry
from django.db.models import Prefetch, QuerySet

from .models import RoleAssignment, User


def recent_changes(limit: int = 100) -> QuerySet[LogEntry]:
    """The newest audit entries across the portal, with actor and model (one query)."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")[:limit]


def users_with_roles_loaded(users: QuerySet[User]) -> Sequence[User]:
    """The users with what permission checks read (roles, managed groups) loaded in two
    queries for all of them, instead of two for each: it fills User's per-request caches
    as its cached properties would."""
    loaded = list(
        users.prefetch_related(
            Prefetch(
                "roles",
                queryset=RoleAssignment.objects.select_related("department"),
                to_attr="loaded_roles",
            ),
            Prefetch("group_memberships", to_attr="loaded_memberships"),
        )
    )
    for user in loaded:
        user.role_assignments = user.loaded_roles
        user.managed_group_ids = frozenset(m.group_id for m in user.loaded_memberships)
    return loaded
