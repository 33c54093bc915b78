"""The citizen-group registry (団体登録).

The foundation holds only what roles need: a group, its status and its managers. The
registry issue adds the profile, contacts, taxonomies and renewal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import User


class CitizenGroup(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        RETURNED = "returned", _("Returned")
        REGISTERED = "registered", _("Registered")
        RENEWAL_DUE = "renewal_due", _("Renewal due")
        SUSPENDED = "suspended", _("Suspended")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("group name"), max_length=200)
    name_kana = models.CharField(_("furigana"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    managers: models.ManyToManyField[User, GroupMembership] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="GroupMembership",
        related_name="managed_groups",
        verbose_name=_("managers"),
    )

    class Meta:
        verbose_name = _("citizen group")
        verbose_name_plural = _("citizen groups")
        ordering = ["name_kana", "name"]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A user who manages a group's registration (団体担当者)."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    group = models.ForeignKey(
        CitizenGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("group manager")
        verbose_name_plural = _("group managers")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="group_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"
