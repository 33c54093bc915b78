"""The record of a proposal's life: status moves, confirmations and the in-portal inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamakura_portal.models import StatusChangeRecord

from .proposals import Proposal


class StatusChange(StatusChangeRecord):
    """One move of a proposal's status: who, when, from what, to what, and why."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=Proposal.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=Proposal.Status.choices)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True, editable=False)

    class Meta(StatusChangeRecord.Meta):
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")

    def __str__(self) -> str:
        return f"{self.proposal}: {self.from_status} → {self.to_status}"


class Confirmation(models.Model):
    """One side's confirmation of sections 1–3; a later edit withdraws it (kept as history)."""

    class ConfirmingSide(models.TextChoices):
        GROUP = "group", _("Group")
        CITY = "city", _("City")

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="confirmations",
    )
    side = models.CharField(_("side"), max_length=10, choices=ConfirmingSide.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_because = models.CharField(_("withdrawn because"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        ordering = ["-confirmed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "side"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="confirmation_one_live_per_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.get_side_display()}"


class Notification(models.Model):
    """An entry of a user's in-portal inbox (the mail says the same)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="collaboration_notifications",
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    change = models.ForeignKey(
        StatusChange,
        verbose_name=_("status change"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    entry = models.ForeignKey(
        "collaboration.DiscussionEntry",
        verbose_name=_("discussion entry"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    message = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created_at"], name="notification_inbox")]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "recipient"], name="notification_once_per_change"
            ),
            models.UniqueConstraint(
                fields=["entry", "recipient"], name="notification_once_per_entry"
            ),
        ]

    def __str__(self) -> str:
        return self.message
