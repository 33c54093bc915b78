"""The consultation log (相談記録): the centre's record of each consultation.

Who asked is exactly one of a registered group, a city department or a person named only by
text (the database refuses any other mix). Topics are a table of their own (:class:`Topic`),
so the yearly counts by topic are one grouped query. A consultation may leave a follow-up
with a next-action date; its staff member is reminded once per date
(:func:`coordination.services.consultations.remind_follow_ups_due`). Staff only: the rules
are in :mod:`coordination.rules`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groups.models import TaxonomyTerm
from kamakura_portal.search import Searchable


class Topic(TaxonomyTerm):
    """相談分野: 設立, 資金・助成金, 人材・担い手… (seeded by :mod:`coordination.reference`)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")


class Method(models.TextChoices):
    """How the consultation took place (相談方法)."""

    VISIT = "visit", pgettext_lazy("consultation method", "At the centre")
    PHONE = "phone", pgettext_lazy("consultation method", "Telephone")
    EMAIL = "email", pgettext_lazy("consultation method", "Email")
    ONLINE = "online", pgettext_lazy("consultation method", "Online")
    OUTREACH = "outreach", pgettext_lazy("consultation method", "Visit by staff")


# Exactly one asker: a group, a department, or a name typed in.
_GROUP = Q(group__isnull=False, department__isnull=True, person_name="")
_DEPARTMENT = Q(group__isnull=True, department__isnull=False, person_name="")
_PERSON = Q(group__isnull=True, department__isnull=True) & ~Q(person_name="")


class Consultation(Searchable):
    consulted_on = models.DateField(_("date of the consultation"), default=timezone.localdate)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="consultations_handled",
    )
    group = models.ForeignKey(
        "groups.CitizenGroup",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    person_name = models.CharField(_("name of the person"), max_length=100, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="consultations")
    content = models.TextField(_("content"))
    referral = models.CharField(_("referred to"), max_length=200, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    next_action_on = models.DateField(_("next action by"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)
    # The next-action date the staff member was last reminded of: one reminder per date.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-consulted_on", "-pk"]
        indexes = [
            models.Index(fields=["-consulted_on", "-id"], name="consultation_newest"),
            models.Index(
                fields=["next_action_on"],
                condition=Q(follow_up_done_on__isnull=True, next_action_on__isnull=False),
                name="consultation_follow_up_open",
            ),
            GinIndex(fields=["search_vector"], name="consultation_search_vector"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_GROUP | _DEPARTMENT | _PERSON,
                name="consultation_exactly_one_asker",
                violation_error_message=_(
                    "Say who asked: one group, one department or one person's name."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asker}（{date_format(self.consulted_on)}）"

    @property
    def asker(self) -> str:
        """The group's, the department's or the person's name."""
        if self.group_id is not None and self.group is not None:
            return self.group.name
        if self.department_id is not None and self.department is not None:
            return self.department.name
        return self.person_name

    @property
    def follow_up_done(self) -> bool:
        return self.follow_up_done_on is not None

    def follow_up_is_due(self, today: datetime.date | None = None) -> bool:
        """A next action is set, its day has come, and the follow-up is not done."""
        today = today or timezone.localdate()
        return (
            self.next_action_on is not None
            and self.next_action_on <= today
            and self.follow_up_done_on is None
        )
