"""The yearly progress of a measure: reports, reporting rounds and reminders, indicator
values and evidence links. A report's status moves are in the shared record."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .plans import Measure, Plan


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
    status_changes = GenericRelation("kamakura_portal.StatusChange")

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
