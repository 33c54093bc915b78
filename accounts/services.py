"""Writes on users, departments and roles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction

from .models import Department, Role, RoleAssignment, User

DEPARTMENTS_FILE = Path(__file__).parent / "data" / "departments.json"


class RoleError(ValueError):
    """A role assignment that breaks the rules (e.g. city staff without a department)."""


@transaction.atomic
def assign_role(user: User, role: str, department: Department | None = None) -> RoleAssignment:
    """Give ``user`` the role (idempotent). Administrators also get Django admin access."""
    if role == Role.CITY_STAFF and department is None:
        raise RoleError("City staff must belong to a department")
    if role != Role.CITY_STAFF:
        department = None
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, department=department
    )
    if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    forget_cached_roles(user)
    return assignment


@transaction.atomic
def revoke_role(user: User, role: str, department: Department | None = None) -> None:
    RoleAssignment.objects.filter(user=user, role=role, department=department).delete()
    if role == Role.ADMINISTRATOR:
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    forget_cached_roles(user)


def forget_cached_roles(user: User) -> None:
    """Drop the per-request caches of roles and managed groups after they change."""
    for name in ("role_assignments", "role_set", "managed_group_ids"):
        user.__dict__.pop(name, None)


@transaction.atomic
def load_departments(path: Path = DEPARTMENTS_FILE) -> int:
    """Create or update the department tree from the shipped reference file (idempotent)."""
    tree = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    for order, division in enumerate(tree, start=1):
        parent, _ = Department.objects.update_or_create(
            code=division["code"],
            defaults={
                "name": division["name"],
                "kind": Department.Kind.DIVISION,
                "parent": None,
                "sort_order": order * 100,
                "is_active": division.get("active", True),
            },
        )
        count += 1
        for sub_order, section in enumerate(division.get("sections", []), start=1):
            Department.objects.update_or_create(
                code=section["code"],
                defaults={
                    "name": section["name"],
                    "kind": Department.Kind.SECTION,
                    "parent": parent,
                    "sort_order": order * 100 + sub_order,
                    "is_active": section.get("active", True),
                },
            )
            count += 1
    return count


@dataclass(frozen=True)
class AccountSpec:
    email: str
    display_name: str
    password: str
    roles: tuple[tuple[str, str | None], ...] = ()


@transaction.atomic
def ensure_verified_user(spec: AccountSpec) -> User:
    """Create or refresh an account whose email is already verified (demo and set-up)."""
    user, created = User.objects.get_or_create(
        email=spec.email, defaults={"display_name": spec.display_name}
    )
    if created or not user.check_password(spec.password):
        user.set_password(spec.password)
    user.display_name = spec.display_name
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    for role, department_code in spec.roles:
        department = Department.objects.get(code=department_code) if department_code else None
        assign_role(user, role, department)
    return user
