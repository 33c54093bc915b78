"""Users (email login), the department tree and role membership."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar, TypeAlias

import rules
from django.contrib.auth.models import (  # type: ignore[attr-defined]
    AbstractBaseUser,
    AnonymousUser,
    PermissionsMixin,
    _user_has_perm,
)
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamakura_portal.cached import CachedManager


class UserManager(DjangoUserManager["User"]):
    use_in_migrations = True

    def _create_user_with_email(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: object
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user_with_email(email, password, **extra)

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: object
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user_with_email(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("The name shown to other users, e.g. 鎌倉 花子."),
    )
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Can sign in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    agreed_to_terms_at = models.DateTimeField(
        _("agreed to the terms of use and privacy policy"), null=True, blank=True
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    @cached_property
    def role_assignments(self) -> list[RoleAssignment]:
        """This user's roles, loaded once per request (one query)."""
        if not self.pk:
            return []
        return list(self.roles.select_related("department"))

    @cached_property
    def role_set(self) -> frozenset[str]:
        roles = {assignment.role for assignment in self.role_assignments}
        if self.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        return frozenset(roles)

    def has_perm(self, perm: str, obj: object = None) -> bool:
        """Roles decide, not the superuser flag.

        A portal permission (one of the ``rules.py`` files) is answered by its rule alone:
        Django lets an active superuser pass every check, and some portal permissions share
        their name with a model permission of the admin (``collaboration.view_proposal``).
        Other permissions — the admin's model permissions — go to Django's backends, where
        superusers still hold them all (the admin itself asks for two-factor authentication).
        """
        if not self.is_active:
            return False
        if rules.perm_exists(perm):
            return bool(rules.has_perm(perm, self, obj))
        return _user_has_perm(self, perm, obj)

    @cached_property
    def managed_group_ids(self) -> frozenset[int]:
        """The citizen groups this user manages, loaded once per request (one query)."""
        if not self.pk:
            return frozenset()
        return frozenset(self.group_memberships.values_list("group_id", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_set

    @property
    def department_ids(self) -> frozenset[int]:
        """Departments this user works in as city staff."""
        return frozenset(
            a.department_id
            for a in self.role_assignments
            if a.role == Role.CITY_STAFF and a.department_id is not None
        )


# Whoever a page is shown to: a signed-in user or an anonymous visitor (``request.user``).
# Permission predicates, menus and the moves offered take a Visitor; writes take a ``User``.
Visitor: TypeAlias = User | AnonymousUser


class Department(models.Model):
    """A unit of the city administration: 部 (or 局) above 課 (or 室)."""

    class Kind(models.TextChoices):
        DIVISION = "division", _("Division (部・局)")
        SECTION = "section", _("Section (課・室)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Former names stay for history but are hidden.")
    )

    # Filter forms read the departments through the cache (.cached()): kamakura_portal.cached.
    objects = CachedManager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="division", parent__isnull=True) | Q(kind="section"),
                name="department_division_is_top_level",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        if self.parent_id is None:
            return self.name
        return f"{self.parent} {self.name}"


class Role(models.TextChoices):
    CENTRE_STAFF = "centre_staff", _("Civic activity centre staff")
    CITY_STAFF = "city_staff", _("City staff")
    SECRETARIAT = "secretariat", _("Secretariat (地域のつながり課)")
    COMMITTEE = "committee", _("Committee member")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset(
    {Role.CENTRE_STAFF, Role.CITY_STAFF, Role.SECRETARIAT, Role.COMMITTEE, Role.ADMINISTRATOR}
)


class RoleAssignment(models.Model):
    """One role held by one user; city staff hold it for a department."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_roles",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(department__isnull=True),
                name="role_assignment_unique_without_department",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "department"],
                condition=Q(department__isnull=False),
                name="role_assignment_unique_per_department",
            ),
            models.CheckConstraint(
                condition=Q(role="city_staff", department__isnull=False)
                | (~Q(role="city_staff") & Q(department__isnull=True)),
                name="role_assignment_department_only_for_city_staff",
            ),
        ]

    def __str__(self) -> str:
        if self.department_id:
            return f"{self.get_role_display()}（{self.department}）"
        return str(self.get_role_display())
