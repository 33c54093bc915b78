"""Role predicates shared by every app, and the account-level permissions.

Other apps import these predicates and combine them in their own ``rules.py``; views check
permissions with :class:`accounts.mixins.PortalPermissionRequiredMixin`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

import rules
from django.conf import settings

from .models import STAFF_ROLES, Department, Role, User, Visitor


def _roles(user: Visitor) -> frozenset[str]:
    if not isinstance(user, User) or not user.is_active:
        return frozenset()
    return user.role_set


@rules.predicate
def holds_centre_role(user: Visitor) -> bool:
    """Holds the role, whether or not two-factor authentication is set up."""
    return Role.CENTRE_STAFF in _roles(user)


@rules.predicate
def is_city_staff(user: Visitor) -> bool:
    return Role.CITY_STAFF in _roles(user)


@rules.predicate
def holds_secretariat_role(user: Visitor) -> bool:
    """Holds the role, whether or not two-factor authentication is set up."""
    return Role.SECRETARIAT in _roles(user)


@rules.predicate
def is_committee_member(user: Visitor) -> bool:
    return Role.COMMITTEE in _roles(user)


@rules.predicate
def holds_administrator_role(user: Visitor) -> bool:
    """Holds the role, whether or not two-factor authentication is set up."""
    return Role.ADMINISTRATOR in _roles(user)


@rules.predicate
def has_staff_role(user: Visitor) -> bool:
    return bool(_roles(user) & STAFF_ROLES)


@rules.predicate
def works_in_department(user: Visitor, department: Department | None) -> bool:
    """City staff of exactly this department (another department's staff do not pass)."""
    if department is None or not isinstance(user, User) or not is_city_staff(user):
        return False
    return department.pk in user.department_ids


@rules.predicate
def has_mfa(user: Visitor) -> bool:
    if not isinstance(user, User):
        return False
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


_assume_mfa: ContextVar[bool] = ContextVar("assume_mfa", default=False)


@rules.predicate
def mfa_satisfied(user: Visitor) -> bool:
    """True unless the setting requires two-factor authentication and it is not set up."""
    if not settings.PORTAL_REQUIRE_MFA_FOR_STAFF or _assume_mfa.get():
        return True
    return bool(has_mfa(user))


# The roles trusted with private data act as such only with two-factor authentication
# where the settings require it (PORTAL_REQUIRE_MFA_FOR_STAFF): every permission built on
# them — pages, moves of a workflow, exports — is closed to them until it is set up, so
# "may this user do this now" has one answer. Without it they are signed-in people like any
# other (plus whatever else they hold: a group they manage, a department).
is_centre_staff = holds_centre_role & mfa_satisfied
is_secretariat = holds_secretariat_role & mfa_satisfied
is_administrator = holds_administrator_role & mfa_satisfied


def passes_with_mfa(user: Visitor, perms: Iterable[str], obj: Any = None) -> bool:
    """Whether ``user`` would hold ``perms`` once two-factor authentication is set up."""
    token = _assume_mfa.set(True)
    try:
        return user.has_perms(perms, obj)
    finally:
        _assume_mfa.reset(token)


is_signed_in = rules.is_authenticated
# Roles that may see private contact data (private to the centre and the city).
is_private_data_role = is_centre_staff | is_secretariat | is_administrator

rules.add_perm("accounts.view_private_data", is_private_data_role)
rules.add_perm("accounts.view_audit_history", is_private_data_role)
# Staff of the city and the committee, and the roles trusted with private data once their
# two-factor authentication is set up where required.
rules.add_perm(
    "accounts.view_staff_area",
    is_city_staff | is_committee_member | is_centre_staff | is_secretariat | is_administrator,
)
rules.add_perm("accounts.manage_roles", is_administrator)
rules.add_perm("accounts.view_dashboard", is_signed_in)
rules.add_perm("accounts.view_inbox", is_signed_in)
