"""The shared core's records: status moves, the inbox and the mail outbox.

Each points at the object it is about through a content type and an id, so any model of any
app can use them: a group, a proposal, a need, later an invitation or a printed report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cached import CachedManager

if TYPE_CHECKING:
    from accounts.models import User


class About(models.Model):
    """The object a record is about (any model)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    about = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class StatusChange(About):
    """One move of a workflow: who, when, from what, to what, and why (the shared record)."""

    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="status_change_of"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}: {self.from_status} → {self.to_status}"

    @classmethod
    def build(
        cls, obj: models.Model, from_status: str, to_status: str, reason: str, actor: User | None
    ) -> StatusChange:
        """An unsaved record of ``obj``'s move (imports create theirs in bulk); ``actor`` is
        None when the portal moved by itself or nobody is known."""
        return cls(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            actor=actor,
        )

    @classmethod
    def record(
        cls, obj: models.Model, from_status: str, to_status: str, reason: str, actor: User | None
    ) -> StatusChange:
        change = cls.build(obj, from_status, to_status, reason, actor)
        change.save()
        return change

    def label(self, status: str) -> str:
        """A status's label in the workflow of the object this change is about."""
        # The content type comes from the manager's cache: no query per row.
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        if model is None:
            return status
        choices = dict(model._meta.get_field("status").flatchoices)  # type: ignore[union-attr]
        return str(choices.get(status, status))

    def get_from_status_display(self) -> str:
        return self.label(self.from_status) if self.from_status else ""

    def get_to_status_display(self) -> str:
        return self.label(self.to_status)


class Notification(About):
    """An entry of a user's in-portal inbox, about any object (the mail says the same)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Makes a notice once per person: "status_change:12", "discussion_entry:40".
    key = models.CharField(_("key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="inbox_of_recipient"),
            models.Index(fields=["content_type", "object_id"], name="inbox_about"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="inbox_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.message


class OutboxMail(models.Model):
    """One mail to one person, written with the change that caused it and sent after the
    commit; a periodic sweep sends what the broker or the mail server could not take."""

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # A mail with a secret link (an invitation) keeps no body once sent.
    erase_when_sent = models.BooleanField(_("erase when sent"), default=False)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


def ordered_or_open(low: str, high: str, name: str) -> models.CheckConstraint:
    """``low`` ≤ ``high`` when both are given (a period, a range); either may be left empty."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{low}__isnull": True})
        | models.Q(**{f"{high}__isnull": True})
        | models.Q(**{f"{low}__lte": models.F(high)}),
        name=name,
    )


class CivicSynonym(models.Model):
    """Words that mean the same thing in civic work (空き家 / 空家 / 空き家活用), kept by the
    centre's staff: the matching of needs with groups reads each word as any of the others
    (:mod:`kamakura_portal.synonyms`)."""

    words = models.TextField(
        _("words"),
        help_text=_("Two or more words or phrases, one per line (or separated by 「、」)."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("edited at"), default=timezone.now)

    # The matching reads the sets through the cache (.cached()): see kamakura_portal.cached.
    objects = CachedManager()

    class Meta:
        verbose_name = _("civic synonym")
        verbose_name_plural = _("civic synonyms")
        ordering = ["pk"]

    def __str__(self) -> str:
        return " / ".join(self.word_list())

    def word_list(self) -> list[str]:
        return split_words(self.words)


def split_words(text: str) -> list[str]:
    """The words of a synonym set as typed: one per line, or separated by 「、」 「,」 「/」,
    without blanks and repeats, in their order."""
    words = (word.strip() for word in re.split(r"[\n、，,/／;；]", text))
    return list(dict.fromkeys(word for word in words if word))
