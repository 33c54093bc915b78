"""Plans, their measures and the yearly progress of each measure (施策).

One schema holds every plan the portal knows: Kamakura's guideline (2020 and 2026 editions),
Kamagaya's action plan, an implementation plan's projects and other cities' guidelines. So
nothing here is specific to one plan: tiers and categories are rows of the plan, and a field a
plan does not use (tiers for Kamagaya, 事業工程 for the guideline) simply stays empty.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class ProgressReport(models.Model):
    """A measure's progress in one fiscal year, written by its lead department.

    The secretariat approves or returns it and publishes it; only published reports are public.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # 提出済み: "Submitted" alone is a registration's 申請済み in the catalogue.
        SUBMITTED = "submitted", pgettext_lazy("progress report", "Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_STUDY = "under_study", _("Under study")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        ONGOING = "ongoing", _("Ongoing")
        DISCONTINUED = "discontinued", _("Discontinued")

    class Grade(models.TextChoices):
        S = "S", _("S — above target")
        A = "A", _("A — on target")
        B = "B", _("B — needs improvement")
        C = "C", _("C — needs major improvement")

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="reports"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices, blank=True)
    grade = models.CharField(_("self-assessment"), max_length=1, choices=Grade.choices, blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    issues = models.TextField(_("issues"), blank=True)
    next_steps = models.TextField(_("plans for the next fiscal year"), blank=True)
    spending = models.DecimalField(
        _("spending (yen)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    return_comment = models.TextField(_("reason for returning"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["measure", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "fiscal_year"], name="progressreport_one_per_year"
            )
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "status"], name="progressreport_year_status")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.fiscal_year}"

    @property
    def is_editable(self) -> bool:
        """The lead department may change it: before submission, or after it was returned."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReportEvent(models.Model):
    """One move of a report's workflow: who, when, from and to which status, and why."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ProgressReport.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ProgressReport.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("report status change")
        verbose_name_plural = _("report status changes")
        ordering = ["report", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status} → {self.to_status}"


class ReportingRound(models.Model):
    """The secretariat's call for one plan's reports on one fiscal year, with its deadline.

    Departments write reports for the rounds that exist; reminders go out before ``deadline``.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting_rounds"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year reported on"))
    deadline = models.DateField(_("deadline"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-fiscal_year", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "fiscal_year"], name="reportinground_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.fiscal_year}"


class ReportReminder(models.Model):
    """A reminder sent to one department for one round, once per number of days before.

    The unique row is the claim: two workers cannot send the same reminder twice.
    """

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("reporting round"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("department"), on_delete=models.CASCADE
    )
    days_before = models.SmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department", "days_before"], name="reportreminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.department} {self.days_before}"


class IndicatorValue(models.Model):
    """An indicator of a report, its target and what was achieved."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.name


class EvidenceLink(models.Model):
    """A link to what shows the progress: a collaboration project, survey results, a page."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    title = models.CharField(_("title"), max_length=200)
    # Not a URLField: a link to a page of the portal itself is a relative path.
    url = models.CharField(_("URL"), max_length=500)

    class Meta:
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.title
