"""A collaboration proposal (協働事業提案) and the rows of its four principle sections.

The sections follow つながる鎌倉条例 Article 9: (1) 対等・相互理解, (2) 自主・自立 (the role
table), (3) 目的共有 (purpose, goals, milestones) and (4) 検証・見直し (the evaluation
plan). Status moves only through :func:`kamakura_portal.workflow.transition`
(the table is :mod:`collaboration.workflow.proposals`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamakura_portal.cached import TrackedManager
from kamakura_portal.models import ordered_or_open

from .programs import Program


class Side(models.TextChoices):
    """Who is responsible for a task, bears a cost or a risk, or confirms a section."""

    GROUP = "group", _("Group")
    CITY = "city", _("City")
    BOTH = "both", _("Both")


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CONSULTATION = "consultation", _("In consultation")
        REVIEW = "review", _("Under review")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Not adopted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        AGREED = "agreed", _("Agreement concluded")
        IN_PROGRESS = "in_progress", _("In progress")
        REPORTED = "reported", _("Implementation reported")
        EVALUATED = "evaluated", _("Evaluated")
        CLOSED = "closed", _("Closed")

    class ProposerSide(models.TextChoices):
        GROUP = "group", _("Proposed by a group")
        CITY = "city", _("Proposed by the city")

    class Outcome(models.TextChoices):
        CONTINUED = "continued", _("Continued")
        OUTSOURCED = "outsourced", _("Became a city contract")
        INDEPENDENT = "independent", _("Became the group's own project")
        ENDED = "ended", _("Ended")

    program = models.ForeignKey(
        Program,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    proposer_side = models.CharField(
        _("proposer"), max_length=10, choices=ProposerSide.choices, db_index=True
    )
    proposing_group = models.ForeignKey(
        "groups.CitizenGroup",
        verbose_name=_("proposing group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_proposals",
    )
    proposing_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("proposing department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collaboration_proposals",
    )
    counterpart_groups = models.ManyToManyField(
        "groups.CitizenGroup",
        verbose_name=_("partner groups"),
        blank=True,
        related_name="collaboration_partnerships",
    )
    counterpart_departments = models.ManyToManyField(
        "accounts.Department",
        verbose_name=_("partner departments"),
        blank=True,
        related_name="collaboration_partnerships",
    )
    related_need = models.ForeignKey(
        "collaboration.DepartmentNeed",
        verbose_name=_("related department need"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    # Imported history names parties that are not (or no longer) in the registry.
    proposer_name = models.CharField(_("proposer (as recorded)"), max_length=200, blank=True)
    counterpart_name = models.CharField(_("partner (as recorded)"), max_length=200, blank=True)

    title = models.CharField(_("project title"), max_length=200)
    first_fiscal_year = models.PositiveSmallIntegerField(
        _("first fiscal year"), null=True, blank=True
    )
    last_fiscal_year = models.PositiveSmallIntegerField(
        _("last fiscal year"), null=True, blank=True
    )
    requested_amount = models.PositiveIntegerField(
        _("requested amount per year (yen)"), null=True, blank=True
    )
    officer_count = models.PositiveSmallIntegerField(
        _("number of the group's officers"),
        null=True,
        blank=True,
        help_text=_("Some programmes require a minimum number of officers (役員)."),
    )

    # (1) 対等・相互理解
    group_strengths = models.TextField(_("what the group brings"), blank=True)
    city_strengths = models.TextField(_("what the city brings"), blank=True)
    why_collaboration = models.TextField(_("why collaboration, not outsourcing, fits"), blank=True)
    # (3) 目的共有 (goals and milestones are rows)
    shared_purpose = models.TextField(_("shared purpose"), blank=True)
    # (4) 検証・見直し
    evaluation_what = models.TextField(_("what is measured"), blank=True)
    evaluation_when = models.TextField(_("when it is measured"), blank=True)
    evaluation_how = models.TextField(_("how it is measured"), blank=True)

    # 実施報告: what was done, filed by either side at the end of the implementation.
    report_summary = models.TextField(_("implementation report"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    implemented = models.BooleanField(
        _("implemented"),
        default=False,
        help_text=_("Set when the project starts; imported from the history for past years."),
    )
    is_imported = models.BooleanField(_("imported from the history"), default=False)
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
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    # Tracked: the matching's ranking reads the groups' past proposals and is kept
    # (kamakura_portal.shared_pages.kept) until a proposal changes.
    objects = TrackedManager()

    class Meta:
        verbose_name = _("collaboration proposal")
        verbose_name_plural = _("collaboration proposals")
        ordering = ["-first_fiscal_year", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="proposal_status_updated"),
            models.Index(fields=["first_fiscal_year", "proposer_side"], name="proposal_year_side"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_imported=True)
                | models.Q(proposer_side="group", proposing_group__isnull=False)
                | models.Q(proposer_side="city", proposing_department__isnull=False),
                name="proposal_has_its_proposer",
            ),
            ordered_or_open("first_fiscal_year", "last_fiscal_year", "proposal_years_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def proposer_label(self) -> str:
        if self.proposing_group_id is not None:
            return str(self.proposing_group)
        if self.proposing_department_id is not None:
            return str(self.proposing_department)
        return self.proposer_name

    @property
    def year_count(self) -> int:
        if self.first_fiscal_year is None:
            return 0
        return (self.last_fiscal_year or self.first_fiscal_year) - self.first_fiscal_year + 1

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and not self.is_imported


PUBLIC_STATUSES = frozenset(
    {
        Proposal.Status.ADOPTED,
        Proposal.Status.AGREED,
        Proposal.Status.IN_PROGRESS,
        Proposal.Status.REPORTED,
        Proposal.Status.EVALUATED,
        Proposal.Status.CLOSED,
    }
)


class ProposalRow(models.Model):
    """A row of one of a proposal's tables, kept in the order the authors wrote them."""

    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]


class CostLine(ProposalRow):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="cost_lines"
    )
    item = models.CharField(_("cost item"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (yen)"))
    bearer = models.CharField(_("paid by"), max_length=10, choices=Side.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta(ProposalRow.Meta):
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")

    def __str__(self) -> str:
        return self.item


class RoleItem(ProposalRow):
    """A line of the role table (役割分担表): task, responsible side, cost and risk."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="roles"
    )
    task = models.CharField(_("task"), max_length=200)
    responsible = models.CharField(_("responsible side"), max_length=10, choices=Side.choices)
    cost_bearer = models.CharField(_("bears the cost"), max_length=10, choices=Side.choices)
    risk_bearer = models.CharField(_("bears the risk"), max_length=10, choices=Side.choices)
    risk = models.CharField(_("risk"), max_length=300, blank=True)

    class Meta(ProposalRow.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.task


class Goal(ProposalRow):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="goals"
    )
    goal = models.CharField(_("goal"), max_length=200)
    indicator = models.CharField(_("indicator"), max_length=200)
    baseline = models.CharField(_("baseline"), max_length=100)
    target = models.CharField(_("target"), max_length=100)

    class Meta(ProposalRow.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.goal


class Milestone(ProposalRow):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    progress_note = models.TextField(_("progress"), blank=True)

    class Meta(ProposalRow.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title
