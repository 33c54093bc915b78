"""Permissions on citizen groups."""

from __future__ import annotations

from typing import Any

import rules

from .models import CitizenGroup


@rules.predicate
def manages_group(user: Any, group: CitizenGroup | None) -> bool:
    """A manager of this very group (a manager of another group does not pass)."""
    if group is None or not getattr(user, "is_authenticated", False):
        return False
    return group.pk in user.managed_group_ids


@rules.predicate
def manages_any_group(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.managed_group_ids)


rules.add_perm("groups.view_my_groups", manages_any_group)
