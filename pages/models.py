"""The site pages: a fixed set of texts, each with its own address, that staff edit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SitePage(models.Model):
    """One of the portal's fixed pages; the set is fixed (a data migration creates each
    page), its text is the staff's."""

    class Key(models.TextChoices):
        TERMS = "terms", _("Terms of use")
        PRIVACY = "privacy", _("Privacy policy")
        GROUP_RULES = "group-rules", _("Rules for registered groups")
        CENTRE = "centre", _("The centre and how to reach it")

    key = models.SlugField(_("page"), max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. A blank line starts a new paragraph; web and mail addresses become links."
        ),
    )
    revised_on = models.DateField(
        _("last revised on"),
        default=timezone.localdate,
        help_text=_("Change it when the content changes, not for a corrected typo."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
