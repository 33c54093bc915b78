"""Evaluation: self-evaluations by each side and a mutual review at mid-term and at the end,
the committee's third-party evaluation, and the side-by-side comparison of the grades."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.rules import is_committee_member

from ..domain.parties import sides_of
from ..errors import ProposalError
from ..models import CommitteeEvaluation, MutualReview, Proposal, SelfEvaluation, Stage
from ..models.evaluation import ITEMS

Status = Proposal.Status
# When each stage is filed: mid-term during the implementation, the end once reported too.
STAGE_STATUSES = {
    Stage.MID_TERM: frozenset({Status.IN_PROGRESS}),
    Stage.FINAL: frozenset({Status.IN_PROGRESS, Status.REPORTED}),
}


def _check_stage(proposal: Proposal, stage: str) -> None:
    if stage not in STAGE_STATUSES or proposal.status not in STAGE_STATUSES[Stage(stage)]:
        raise ProposalError(
            _("This evaluation cannot be filed while the proposal is “%(status)s”.")
            % {"status": Status(proposal.status).label}
        )


@transaction.atomic
def file_self_evaluation(
    proposal: Proposal, user: User, side: str, stage: str, fields: Mapping[str, Any]
) -> SelfEvaluation:
    _check_stage(proposal, stage)
    if side not in sides_of(user, proposal):
        raise ProposalError(_("Only someone of that side can evaluate for it."))
    evaluation, _created = SelfEvaluation.objects.update_or_create(
        proposal=proposal, stage=stage, side=side, defaults={**fields, "filed_by": user}
    )
    return evaluation


@transaction.atomic
def write_mutual_review(
    proposal: Proposal, user: User, stage: str, fields: Mapping[str, Any]
) -> MutualReview:
    _check_stage(proposal, stage)
    if not sides_of(user, proposal):
        raise ProposalError(
            _("Only the group and the city department of this project can do this.")
        )
    review, _created = MutualReview.objects.update_or_create(
        proposal=proposal, stage=stage, defaults={**fields, "written_by": user}
    )
    return review


@transaction.atomic
def file_committee_evaluation(
    proposal: Proposal, user: User, grade: str, comment: str
) -> CommitteeEvaluation:
    if proposal.status != Status.REPORTED:
        raise ProposalError(
            _("The committee evaluates a project once its implementation is reported.")
        )
    if not is_committee_member(user):
        raise ProposalError(_("Only committee members file the third-party evaluation."))
    if grade not in CommitteeEvaluation.CommitteeGrade.values or not comment.strip():
        raise ProposalError(_("Choose the grade and write the comment."))
    evaluation, _created = CommitteeEvaluation.objects.update_or_create(
        proposal=proposal, defaults={"grade": grade, "comment": comment.strip(), "evaluator": user}
    )
    return evaluation


def missing_for_evaluated(proposal: Proposal) -> list[str]:
    """What the end-of-project evaluation still lacks (the guard of 実施報告 → 評価済)."""
    problems = []
    filed = set(proposal.self_evaluations.filter(stage=Stage.FINAL).values_list("side", flat=True))
    if "group" not in filed:
        problems.append(_("The group has not filed its final self-evaluation."))
    if "city" not in filed:
        problems.append(_("The city has not filed its final self-evaluation."))
    if not proposal.mutual_reviews.filter(stage=Stage.FINAL).exists():
        problems.append(_("The final mutual review has not been written."))
    if not CommitteeEvaluation.objects.filter(proposal=proposal).exists():
        problems.append(_("The committee has not filed its evaluation."))
    return problems


@dataclass(frozen=True)
class ComparedItem:
    label: str
    group_grade: str
    group_comment: str
    city_grade: str
    city_comment: str

    @property
    def differs(self) -> bool:
        return bool(self.group_grade and self.city_grade and self.group_grade != self.city_grade)


@dataclass(frozen=True)
class StageComparison:
    stage: Stage
    items: list[ComparedItem]
    group: SelfEvaluation | None
    city: SelfEvaluation | None
    mutual: MutualReview | None

    @property
    def difference_count(self) -> int:
        return sum(item.differs for item in self.items)


def comparison(proposal: Proposal) -> list[StageComparison]:
    """Both sides' grades side by side per stage (two queries)."""
    evaluations = {
        (e.stage, e.side): e for e in proposal.self_evaluations.select_related("filed_by")
    }
    reviews = {r.stage: r for r in proposal.mutual_reviews.all()}
    stages = []
    for stage in Stage:
        group, city = evaluations.get((stage, "group")), evaluations.get((stage, "city"))
        items = [
            ComparedItem(
                str(label),
                getattr(group, f"{prefix}_grade", "") if group else "",
                getattr(group, f"{prefix}_comment", "") if group else "",
                getattr(city, f"{prefix}_grade", "") if city else "",
                getattr(city, f"{prefix}_comment", "") if city else "",
            )
            for prefix, label in ITEMS
        ]
        stages.append(StageComparison(stage, items, group, city, reviews.get(stage)))
    return stages
