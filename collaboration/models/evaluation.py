"""Evaluation (検証・見直し): each side's self-evaluation and a mutual review at mid-term and
at the end, and the committee's third-party evaluation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


class Stage(models.TextChoices):
    MID_TERM = "mid", _("Mid-term")
    FINAL = "final", _("End of the project")


class Grade(models.TextChoices):
    A = "A", _("A — achieved")
    B = "B", _("B — mostly achieved")
    C = "C", _("C — partly achieved")
    D = "D", _("D — not achieved")


# The items of a self-evaluation, in the guideline's order: (field prefix, label).
ITEMS = (
    ("achievement", _("Achievement of the purpose")),
    ("roles", _("Sharing of roles")),
    ("information", _("Sharing of information")),
    ("equality", _("Equal relationship")),
    ("synergy", _("Synergy")),
)


def _grade(label: Any) -> models.CharField:
    return models.CharField(label, max_length=1, choices=Grade.choices)


class SelfEvaluation(models.Model):
    """One side's self-evaluation at one stage: a grade and a comment per item."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="self_evaluations",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    side = models.CharField(
        _("side"), max_length=10, choices=[("group", _("Group")), ("city", _("City"))]
    )
    achievement_grade = _grade(_("achievement of the purpose"))
    achievement_comment = models.TextField(_("comment on the achievement"), blank=True)
    roles_grade = _grade(_("sharing of roles"))
    roles_comment = models.TextField(_("comment on the roles"), blank=True)
    information_grade = _grade(_("sharing of information"))
    information_comment = models.TextField(_("comment on the information"), blank=True)
    equality_grade = _grade(_("equal relationship"))
    equality_comment = models.TextField(_("comment on the relationship"), blank=True)
    synergy_grade = _grade(_("synergy"))
    synergy_comment = models.TextField(_("comment on the synergy"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)

    class Meta:
        verbose_name = _("self-evaluation")
        verbose_name_plural = _("self-evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "stage", "side"], name="self_evaluation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.get_stage_display()} — {self.get_side_display()}"


class MutualReview(models.Model):
    """The two sides' joint review at one stage (相互評価)."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="mutual_reviews",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    shared = models.TextField(_("what we could share"))
    differed = models.TextField(_("where our understanding differed"))
    to_improve = models.TextField(_("what needs improving"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("mutual review")
        verbose_name_plural = _("mutual reviews")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "stage"], name="mutual_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.get_stage_display()}"


class CommitteeEvaluation(models.Model):
    """The committee's third-party evaluation of a finished project (A/B/C with a comment)."""

    class CommitteeGrade(models.TextChoices):
        A = "A", _("A — good")
        B = "B", _("B — fair")
        C = "C", _("C — needs improvement")

    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="committee_evaluation",
    )
    grade = models.CharField(_("grade"), max_length=1, choices=CommitteeGrade.choices)
    comment = models.TextField(_("comment"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)

    class Meta:
        verbose_name = _("committee evaluation")
        verbose_name_plural = _("committee evaluations")

    def __str__(self) -> str:
        return f"{self.proposal} — {self.grade}"
