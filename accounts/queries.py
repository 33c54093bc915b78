"""Read-side helpers for account pages."""

from __future__ import annotations

from collections.abc import Sequence

from auditlog.models import LogEntry
from django.db.models import Prefetch, QuerySet

from kamakura_portal.audit import readable

from .models import RoleAssignment, User, Visitor


def recent_changes(user: Visitor, limit: int = 100, batch: int = 200) -> list[LogEntry]:
    """The newest audit entries across the portal that ``user`` may read (each under its
    object's own read rule), with actor and model: a query per batch of entries looked at,
    and the queries of :func:`~kamakura_portal.audit.readable` for each batch."""
    newest = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    shown: list[LogEntry] = []
    # Ten batches at most: a reader who may read almost nothing gets a short page, not a scan
    # of the whole trail.
    for start in range(0, 10 * batch, batch):
        entries = list(newest[start : start + batch])
        shown.extend(readable(entries, user))
        if len(shown) >= limit or len(entries) < batch:
            break
    return shown[:limit]


def people_with_role(role: str) -> QuerySet[User]:
    """The active users who hold ``role`` (a :class:`~accounts.models.Role`): whom to tell."""
    return User.objects.filter(is_active=True, roles__role=role).distinct()


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
