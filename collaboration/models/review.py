"""The review (審査): a panel per proposal, each reviewer's scores per criterion, a pass mark.

A reviewer who manages a group of the proposal, or works in one of its departments, cannot
sit on its panel (conflict of interest); :mod:`collaboration.services.review` enforces it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal

MAX_POINTS = 5


class Criterion(models.TextChoices):
    PUBLIC_BENEFIT = "public_benefit", _("Public benefit")
    NEED_FOR_COLLABORATION = "need", _("Need for collaboration")
    CLEAR_ROLES = "roles", _("Clarity of the roles")
    FEASIBILITY = "feasibility", _("Feasibility")
    BUDGET = "budget", _("Soundness of the budget")
    EFFECT = "effect", _("Expected effect")


class ReviewPanel(models.Model):
    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="panel"
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (average total)"),
        default=18,
        validators=[MaxValueValidator(MAX_POINTS * len(Criterion.values))],
        help_text=_("Each criterion is scored 1 to 5; the totals are averaged over reviewers."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("review panel")
        verbose_name_plural = _("review panels")

    def __str__(self) -> str:
        return str(self.proposal)


class PanelMember(models.Model):
    panel = models.ForeignKey(
        ReviewPanel, verbose_name=_("panel"), on_delete=models.CASCADE, related_name="members"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="collaboration_panels",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "reviewer"], name="panel_member_once")
        ]

    def __str__(self) -> str:
        return str(self.reviewer)


class Score(models.Model):
    member = models.ForeignKey(
        PanelMember, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    points = models.PositiveSmallIntegerField(
        _("points"), validators=[MinValueValidator(1), MaxValueValidator(MAX_POINTS)]
    )
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "criterion"], name="score_once_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(points__gte=1, points__lte=MAX_POINTS), name="score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.criterion} {self.points}"
