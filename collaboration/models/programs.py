"""Programmes (制度) a collaboration proposal runs under, as data the secretariat edits.

Each programme has its fiscal-year window, its amounts and its eligibility rules as fields,
so another municipality (or next year's budget) changes rows, not code. The rules are
checked by :func:`collaboration.domain.eligibility.eligibility_problems` when a proposal is
submitted.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kamakura_portal.models import ordered_or_open


class Program(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("Fill in for a course (コース) of a programme."),
    )
    description = models.TextField(_("description"), blank=True)
    first_fiscal_year = models.PositiveSmallIntegerField(
        _("first fiscal year"), null=True, blank=True
    )
    last_fiscal_year = models.PositiveSmallIntegerField(
        _("last fiscal year"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the programme is running."),
    )
    allows_group_proposals = models.BooleanField(_("groups may propose"), default=True)
    allows_city_proposals = models.BooleanField(_("the city may propose"), default=True)
    max_amount_per_year = models.PositiveIntegerField(
        _("maximum amount per year (yen)"), null=True, blank=True
    )
    max_years = models.PositiveSmallIntegerField(
        _("maximum number of fiscal years"), null=True, blank=True
    )
    requires_registered_group = models.BooleanField(
        _("the group must be registered with the centre"), default=False
    )
    max_years_since_founding = models.PositiveSmallIntegerField(
        _("founded at most this many years before"), null=True, blank=True
    )
    min_years_active = models.PositiveSmallIntegerField(
        _("at least this many years of activity"), null=True, blank=True
    )
    min_officers = models.PositiveSmallIntegerField(_("minimum officers"), null=True, blank=True)
    min_citizen_members = models.PositiveSmallIntegerField(
        _("minimum members living in the city"), null=True, blank=True
    )
    eligibility_notes = models.TextField(_("eligibility, as told to proposers"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["sort_order", "pk"]
        constraints = [
            ordered_or_open("first_fiscal_year", "last_fiscal_year", "program_window_in_order"),
        ]

    def __str__(self) -> str:
        if self.parent_id is None:
            return self.name
        return f"{self.parent} {self.name}"

    def is_open_in(self, year: int) -> bool:
        """Whether the programme accepts proposals for fiscal year ``year``."""
        if self.first_fiscal_year is not None and year < self.first_fiscal_year:
            return False
        return self.last_fiscal_year is None or year <= self.last_fiscal_year

    @property
    def window_label(self) -> str:
        first = f"{self.first_fiscal_year}年度" if self.first_fiscal_year else ""
        last = f"{self.last_fiscal_year}年度" if self.last_fiscal_year else ""
        if not first and not last:
            return ""
        return f"{first}〜{last}"
