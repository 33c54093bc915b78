"""Permissions on citizen groups, one per action.

Centre staff run the registry; the secretariat and administrators may do what the centre
does (they are also trusted with private data); a group's managers edit their own group.
City staff and committee members read the public directory like everyone else.
"""

from __future__ import annotations

import rules

from accounts.models import User, Visitor
from accounts.rules import (
    is_administrator,
    is_centre_staff,
    is_private_data_role,
    is_secretariat,
)

from .models import CitizenGroup


@rules.predicate
def manages_group(user: Visitor, group: CitizenGroup | None) -> bool:
    """A manager of this very group (a manager of another group does not pass)."""
    if group is None or not isinstance(user, User):
        return False
    return group.pk in user.managed_group_ids


@rules.predicate
def manages_any_group(user: Visitor) -> bool:
    if not isinstance(user, User):
        return False
    return bool(user.managed_group_ids)


@rules.predicate
def group_is_public(user: Visitor, group: CitizenGroup | None) -> bool:
    return group is not None and group.is_public


@rules.predicate
def group_is_editable(user: Visitor, group: CitizenGroup | None) -> bool:
    return group is not None and group.is_editable_by_managers


@rules.predicate
def group_is_submittable(user: Visitor, group: CitizenGroup | None) -> bool:
    return group is not None and group.status in (
        CitizenGroup.Status.DRAFT,
        CitizenGroup.Status.RETURNED,
    )


@rules.predicate
def renewal_is_due(user: Visitor, group: CitizenGroup | None) -> bool:
    return group is not None and group.renewal_is_due()


is_registry_staff = is_centre_staff | is_secretariat | is_administrator
is_signed_in = rules.is_authenticated

rules.add_perm("groups.view_my_groups", manages_any_group)
rules.add_perm("groups.register_group", is_signed_in)
rules.add_perm("groups.view_group", group_is_public | manages_group | is_registry_staff)
rules.add_perm("groups.manage_group", manages_group | is_registry_staff)
rules.add_perm("groups.edit_group", (manages_group & group_is_editable) | is_registry_staff)
rules.add_perm("groups.submit_registration", manages_group & group_is_submittable)
rules.add_perm("groups.renew_registration", manages_group & renewal_is_due)
# The renewal move itself: its guard checks that renewal is due on the day given.
rules.add_perm("groups.confirm_renewal", manages_group)
rules.add_perm("groups.manage_managers", manages_group | is_registry_staff)
rules.add_perm("groups.view_private_contacts", manages_group | is_private_data_role)
rules.add_perm("groups.review_registrations", is_registry_staff)
rules.add_perm("groups.change_status", is_registry_staff)
rules.add_perm("groups.view_staff_registry", is_registry_staff)
rules.add_perm("groups.write_staff_notes", is_registry_staff)
rules.add_perm("groups.import_registry", is_registry_staff)
rules.add_perm("groups.export_private", is_registry_staff)
