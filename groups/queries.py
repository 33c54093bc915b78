"""Read-side helpers for group pages and reports."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import GroupMembership


def memberships_of(user: Any) -> QuerySet[GroupMembership]:
    """The groups a user manages, with the group loaded (one query)."""
    return (
        GroupMembership.objects.filter(user=user)
        .select_related("group")
        .order_by("group__name_kana", "group__name")
    )
