"""Mutual confirmation of a proposal's sections 1–3 (its status moves are in the shared
record, :class:`kamakura_portal.models.StatusChange`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


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
