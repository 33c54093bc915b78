"""The review (審査): the secretariat assigns a panel, each reviewer scores every criterion,
and the portal totals the scores against the pass mark.

A reviewer with a conflict of interest — a manager of one of the proposal's groups, or staff
of one of its departments — is refused a seat, and refused again when scoring (their roles
may have changed since they were assigned).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..domain.parties import department_ids, group_ids
from ..errors import ProposalError
from ..models import Criterion, PanelMember, Proposal, ReviewPanel, Score

Status = Proposal.Status
PANEL_STATUSES = frozenset({Status.CONSULTATION, Status.REVIEW})


def conflict_of_interest(user: User, proposal: Proposal) -> str | None:
    """Why ``user`` may not score ``proposal``, or None."""
    if user.managed_group_ids & group_ids(proposal):
        return _("%(name)s manages a group of this proposal and cannot review it.") % {"name": user}
    if user.department_ids & department_ids(proposal):
        return _("%(name)s works in a department of this proposal and cannot review it.") % {
            "name": user
        }
    return None


@transaction.atomic
def assign_reviewer(proposal: Proposal, reviewer: User) -> PanelMember:
    if proposal.status not in PANEL_STATUSES:
        raise ProposalError(_("The panel is set while the proposal is in consultation or review."))
    if not reviewer.is_active:
        raise ProposalError(_("This account is not active."))
    conflict = conflict_of_interest(reviewer, proposal)
    if conflict:
        raise ProposalError(conflict)
    panel, _created = ReviewPanel.objects.get_or_create(proposal=proposal)
    member, _created = PanelMember.objects.get_or_create(panel=panel, reviewer=reviewer)
    return member


@transaction.atomic
def set_pass_mark(proposal: Proposal, pass_mark: int) -> ReviewPanel:
    if proposal.status not in PANEL_STATUSES:
        raise ProposalError(_("The panel is set while the proposal is in consultation or review."))
    panel, _created = ReviewPanel.objects.get_or_create(proposal=proposal)
    panel.pass_mark = pass_mark
    panel.full_clean()
    panel.save()
    return panel


def remove_reviewer(member: PanelMember) -> None:
    if member.panel.proposal.status not in PANEL_STATUSES:
        raise ProposalError(_("The panel is set while the proposal is in consultation or review."))
    member.delete()


@transaction.atomic
def score_proposal(
    proposal: Proposal, reviewer: User, scores: Mapping[str, tuple[int, str]]
) -> list[Score]:
    """Save a reviewer's points (1–5) and comment for every criterion, all at once."""
    if proposal.status != Status.REVIEW:
        raise ProposalError(_("Proposals are scored while they are under review."))
    member = PanelMember.objects.filter(panel__proposal=proposal, reviewer=reviewer).first()
    if member is None:
        raise ProposalError(_("Only the members of the panel score this proposal."))
    conflict = conflict_of_interest(reviewer, proposal)
    if conflict:
        raise ProposalError(conflict)
    missing = [c.label for c in Criterion if c.value not in scores]
    if missing:
        raise ProposalError(
            _("Score every criterion: %(criteria)s.") % {"criteria": "、".join(map(str, missing))}
        )
    saved = []
    for criterion, (points, comment) in scores.items():
        if not 1 <= points <= 5:
            raise ProposalError(_("Points are from 1 to 5."))
        score, _created = Score.objects.update_or_create(
            member=member, criterion=criterion, defaults={"points": points, "comment": comment}
        )
        saved.append(score)
    return saved


@dataclass(frozen=True)
class ReviewerTotal:
    member: PanelMember
    total: int | None  # None until every criterion is scored
    scores: dict[str, Score]

    @property
    def points(self) -> list[int | None]:
        """The points in the order of the criteria (None where not scored yet)."""
        return [self.scores[c].points if c in self.scores else None for c in Criterion.values]


@dataclass(frozen=True)
class PanelResult:
    pass_mark: int
    reviewers: list[ReviewerTotal]

    @property
    def is_complete(self) -> bool:
        return bool(self.reviewers) and all(r.total is not None for r in self.reviewers)

    @property
    def average(self) -> Decimal | None:
        totals = [r.total for r in self.reviewers if r.total is not None]
        if not totals:
            return None
        return (Decimal(sum(totals)) / len(totals)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def passed(self) -> bool:
        return self.is_complete and self.average is not None and self.average >= self.pass_mark


def panel_result(proposal: Proposal) -> PanelResult | None:
    """The panel's scores and totals (two queries), or None when no panel is set."""
    panel = ReviewPanel.objects.filter(proposal=proposal).first()
    if panel is None:
        return None
    members = panel.members.select_related("reviewer").prefetch_related("scores")
    reviewers = []
    for member in members:
        scores = {score.criterion: score for score in member.scores.all()}
        complete = len(scores) == len(Criterion.values)
        total = sum(score.points for score in scores.values()) if complete else None
        reviewers.append(ReviewerTotal(member, total, scores))
    return PanelResult(panel.pass_mark, reviewers)
