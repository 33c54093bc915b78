"""A department need (市の業務課題): what a city department wants help with from citizens.

Coordinators match open needs with groups; a proposal may answer one (``Proposal.related_need``).
A need is public (listed for everyone) or staff-only (read by the city and the centre only).
Its text is searchable like the groups' (:mod:`collaboration.search`), so the two can be compared.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kamakura_portal.cached import TrackedManager
from kamakura_portal.models import ordered_or_open
from kamakura_portal.search import Searchable


class DepartmentNeed(Searchable):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("department need", "Open")
        MATCHED = "matched", pgettext_lazy("department need", "Matched")
        CLOSED = "closed", pgettext_lazy("department need", "Closed")

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    title = models.CharField(_("subject"), max_length=200)
    background = models.TextField(_("background"))
    wanted = models.TextField(_("what is wanted"))
    activity_fields = models.ManyToManyField(
        "groups.ActivityField", verbose_name=_("activity fields"), blank=True, related_name="needs"
    )
    districts = models.ManyToManyField(
        "groups.District", verbose_name=_("areas"), blank=True, related_name="needs"
    )
    starts_on = models.DateField(_("period from"), null=True, blank=True)
    ends_on = models.DateField(_("period until"), null=True, blank=True)
    apply_by = models.DateField(
        _("applications close on"),
        null=True,
        blank=True,
        help_text=_("The need closes by itself after this day. Leave empty to keep it open."),
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    budget_min = models.PositiveIntegerField(_("budget from (yen)"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(_("budget up to (yen)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("A staff-only need is read by the city's staff and the centre only."),
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

    # Tracked: the public needs board is kept rendered (kamakura_portal.shared_pages).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("department need")
        verbose_name_plural = _("department needs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="need_status_created"),
            GinIndex(fields=["search_vector"], name="need_search_vector"),
        ]
        constraints = [
            ordered_or_open("starts_on", "ends_on", "need_period_in_order"),
            ordered_or_open("budget_min", "budget_max", "need_budget_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_listed(self) -> bool:
        """Shown on the public pages: public and not yet closed."""
        return self.is_public and self.status != self.Status.CLOSED
