"""The discussion of a proposal (協議記録): entries by the parties, the secretariat and the
centre, some of them staff-only notes, with validated attachments served by the portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


class DiscussionEntry(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="discussion",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("entry"))
    staff_only = models.BooleanField(
        _("staff-only note"),
        default=False,
        help_text=_("Only the city's staff, the secretariat and the centre read it."),
    )
    # Never under a public folder: served by the portal after a permission check.
    attachment = models.FileField(
        _("attachment"), upload_to="private/collaboration/%Y/%m/", blank=True
    )
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("discussion entry")
        verbose_name_plural = _("discussion entries")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.created_at:%Y-%m-%d}"
