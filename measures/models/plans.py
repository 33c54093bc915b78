"""A plan and what it holds: narrative sections, tiers, the category tree, measures and
their planned steps (事業工程)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kamakura_portal.cached import CachedManager


class Plan(models.Model):
    """A guideline or action plan of a municipality, in one edition."""

    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    edition_year = models.PositiveSmallIntegerField(_("year of the edition"), null=True, blank=True)
    start_fiscal_year = models.PositiveSmallIntegerField(
        _("first fiscal year"), null=True, blank=True
    )
    end_fiscal_year = models.PositiveSmallIntegerField(_("last fiscal year"), null=True, blank=True)
    previous_edition = models.ForeignKey(
        "self",
        verbose_name=_("previous edition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_editions",
    )
    source_note = models.TextField(_("source"), blank=True)
    # As the back page of the booklet prints it: the issuing office, then its address lines.
    issuer = models.TextField(
        _("issuer"),
        blank=True,
        help_text=_(
            "The issuing office on the first line, then its address, telephone and mail, "
            "one per line, as the back page of the booklet prints them."
        ),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["municipality", "-edition_year", "code"]

    def __str__(self) -> str:
        return f"{self.title} {self.edition}".strip()


class PlanSection(models.Model):
    """A narrative section of a plan (用語, 現状と課題, 役割…): the booklet prints from these."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["plan", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], condition=~Q(number=""), name="plansection_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Tier(models.Model):
    """A priority tier of a plan, e.g. Kamakura's Ⅰ (重点施策, 1–2 years)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tiers"
    )
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=20)
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    # The measures list reads a plan's tiers through the cache: kamakura_portal.cached.
    objects = CachedManager()

    class Meta:
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        ordering = ["plan", "sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="tier_code_unique")]

    def __str__(self) -> str:
        return self.label


class Category(models.Model):
    """A heading of a plan's measures list: (1) 活動の場の提供 → ア …, or a vision or policy.

    ``code`` is the loader's stable key; ``label`` is what the plan prints, and may be empty
    for a heading the plan does not number.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="categories"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["plan", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="category_code_unique")
        ]
        indexes = [models.Index(fields=["plan", "parent", "sort_order"], name="category_tree")]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()


class Measure(models.Model):
    """A measure (施策), action or project of a plan.

    ``code`` is empty only where the source gives none (a project without 事業CD); the title
    then identifies it within the plan.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="measures"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    need = models.TextField(
        _("need it answers"), blank=True, help_text=_("The issue or need the measure addresses.")
    )
    tier = models.ForeignKey(
        Tier,
        verbose_name=_("tier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    is_priority = models.BooleanField(_("priority measure"), default=False)
    lead_departments = models.ManyToManyField(
        "accounts.Department",
        verbose_name=_("lead departments"),
        blank=True,
        related_name="led_measures",
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related measures"), symmetrical=False, blank=True
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        help_text=_("The same measure in the previous edition of the plan."),
    )
    carried_over = models.BooleanField(_("carried over"), default=False)
    estimated_cost = models.DecimalField(
        _("estimated cost (yen)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    estimated_cost_text = models.CharField(
        _("estimated cost as printed"), max_length=100, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["plan", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], condition=~Q(code=""), name="measure_code_unique"
            )
        ]
        indexes = [
            models.Index(fields=["plan", "sort_order"], name="measure_plan_order"),
            models.Index(fields=["plan", "tier"], name="measure_plan_tier"),
            models.Index(fields=["plan", "category"], name="measure_plan_category"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class PlannedStep(models.Model):
    """事業工程: what a measure plans to do in one fiscal year."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="planned_steps"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    text = models.TextField(_("planned step"))

    class Meta:
        verbose_name = _("planned step")
        verbose_name_plural = _("planned steps")
        ordering = ["measure", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "fiscal_year"], name="plannedstep_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.fiscal_year}"
