"""An invitation (打診): one group asked about one department need, and how the pair moves on.

A coordinator shortlists (候補) and invites (打診済) a group, with a message and the reasons the
centre thinks the need fits; the group answers 関心あり or 辞退 by a date, or the invitation
lapses (期限切れ). An interested pair is discussed (協議中) and becomes a proposal draft
(提案へ). A group may also raise its hand on a public need by itself (``raised_by_group``).
One row per need and group, whatever happens: a group is never invited twice to one need.
Status moves only through :func:`kamakura_portal.workflow.transition`
(the table is :mod:`coordination.workflow`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Invitation(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", pgettext_lazy("invitation", "Candidate")
        INVITED = "invited", pgettext_lazy("invitation", "Invited")
        INTERESTED = "interested", pgettext_lazy("invitation", "Interested")
        DECLINED = "declined", pgettext_lazy("invitation", "Declined")
        EXPIRED = "expired", pgettext_lazy("invitation", "Expired")
        DISCUSSING = "discussing", pgettext_lazy("invitation", "In discussion")
        PROPOSED = "proposed", pgettext_lazy("invitation", "Proposal started")

    need = models.ForeignKey(
        "collaboration.DepartmentNeed",
        verbose_name=_("department need"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    group = models.ForeignKey(
        "groups.CitizenGroup",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="need_invitations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    message = models.TextField(_("message to the group"), blank=True)
    reasons = models.TextField(
        _("why the need fits the group"),
        blank=True,
        help_text=_("The matching's explanation when the group was invited, shown to the group."),
    )
    answer_by = models.DateField(_("answer by"), null=True, blank=True)
    answer_note = models.TextField(_("note with the answer"), blank=True)
    raised_by_group = models.BooleanField(_("raised by the group"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    proposal = models.ForeignKey(
        "collaboration.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changes = GenericRelation("kamakura_portal.StatusChange")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "group"], name="invitation_one_per_need_group")
        ]
        indexes = [
            # The daily sweep and the coordinators' list: invitations waiting, by deadline.
            models.Index(fields=["status", "answer_by"], name="invitation_status_answer_by"),
            models.Index(fields=["group", "status"], name="invitation_group_status"),
        ]

    def __str__(self) -> str:
        return f"{self.need} — {self.group}"

    @property
    def is_waiting(self) -> bool:
        """Sent and not answered yet."""
        return self.status == self.Status.INVITED

    def is_past_answer_by(self, today: datetime.date | None = None) -> bool:
        """The answer period is over (the last day itself still counts)."""
        return self.answer_by is not None and self.answer_by < (today or timezone.localdate())
