"""The agreement (協定): versions that both sides confirm. Version 1 is the agreement; later
versions are amendments, each with its reason. A version both sides have confirmed is
read-only; the newest such version is the agreement in force."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


class AgreementVersion(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="agreement_versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    purpose = models.TextField(_("purpose"))
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    roles = models.TextField(_("role sharing"))
    responsibilities = models.TextField(_("responsibilities"))
    reason = models.TextField(_("reason for the amendment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    group_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed for the group by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    group_confirmed_at = models.DateTimeField(_("confirmed by the group at"), null=True, blank=True)
    city_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed for the city by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    city_confirmed_at = models.DateTimeField(_("confirmed by the city at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="agreement_version_once"),
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="agreement_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.number}"

    @property
    def is_confirmed(self) -> bool:
        return self.group_confirmed_at is not None and self.city_confirmed_at is not None

    @property
    def is_amendment(self) -> bool:
        return self.number > 1
