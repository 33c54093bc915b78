"""The proposal's status machine (DESIGN.md §3 "collaboration").

下書き → 提出 → 協議中 → 審査中 → 採択 / 不採択 / 取下げ → 協定締結 → 実施中 → 実施報告 → 評価済 →
終了 (with the outcome), run by :func:`kamakura_portal.workflow.transition`. Who may make a
move is a permission of :mod:`collaboration.rules`: the side that wrote the proposal, either
side of the project, or the secretariat (with two-factor authentication where required).
Guards name what a move still lacks, each linked to where it is put right.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kamakura_portal.errors import Problem
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import Messages, Move, MoveRequest, Workflow

from ..domain.eligibility import eligibility_problems
from ..domain.sections import missing_for_submission
from ..errors import ProposalError
from ..models import AgreementVersion, Confirmation, Proposal
from ..notifications.proposals import announce_move
from ..services.evaluation import missing_for_evaluated
from ..services.review import panel_result

Status = Proposal.Status

PROPOSER = "collaboration.move_as_proposer"
PARTIES = "collaboration.move_as_party"
SECRETARIAT = "collaboration.decide_proposal"
REFUSALS = {
    PROPOSER: gettext_lazy("Only the side that wrote the proposal can do this."),
    PARTIES: gettext_lazy("Only the group and the city department of this project can do this."),
    SECRETARIAT: gettext_lazy("Only the secretariat (地域のつながり課) can do this."),
}
# Statuses from which a project counts as implemented (実施) in the figures.
IMPLEMENTED_FROM = Status.IN_PROGRESS


def complete(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    return missing_for_submission(proposal) + eligibility_problems(proposal)


def confirmed_by_both(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    problems = missing_for_submission(proposal)
    confirmed = {
        confirmation.side for confirmation in proposal.confirmations.filter(withdrawn_at=None)
    }
    if Confirmation.ConfirmingSide.GROUP not in confirmed:
        problems.append(Problem(_("The group has not confirmed sections 1–3 yet."), "mutual"))
    if Confirmation.ConfirmingSide.CITY not in confirmed:
        problems.append(Problem(_("The city has not confirmed sections 1–3 yet."), "mutual"))
    return problems


def passed_review(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    result = panel_result(proposal)
    if result is None or not result.is_complete:
        return [Problem(_("Every member of the review panel must score the proposal first."))]
    if not result.passed:
        return [
            Problem(
                _("The average score %(average)s is below the pass mark %(mark)s.")
                % {"average": result.average, "mark": result.pass_mark}
            )
        ]
    return []


def agreement_confirmed(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    first: AgreementVersion | None = proposal.agreement_versions.filter(number=1).first()
    if first is None or not first.is_confirmed:
        return [Problem(_("Both sides must confirm the agreement first."))]
    return []


def report_written(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    if proposal.report_summary.strip():
        return []
    return [Problem(_("Write the implementation report first."), "report")]


def evaluated(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    return [Problem(gap, "evaluation") for gap in missing_for_evaluated(proposal)]


def outcome_chosen(proposal: Proposal, request: MoveRequest) -> Iterable[Problem]:
    if request.extra.get("outcome") in Proposal.Outcome.values:
        return []
    return [
        Problem(_("Choose the outcome of the project (continued, contract, own project or ended)."))
    ]


def _move(source: str, target: str, permission: str, **options: object) -> Move[Proposal]:
    return Move(source, target, permission, refusal=REFUSALS[permission], **options)  # type: ignore[arg-type]


MOVES: tuple[Move[Proposal], ...] = (
    _move(Status.DRAFT, Status.SUBMITTED, PROPOSER, guards=(complete,)),
    _move(Status.SUBMITTED, Status.CONSULTATION, SECRETARIAT),
    _move(Status.SUBMITTED, Status.WITHDRAWN, PROPOSER, reason_required=True),
    _move(Status.CONSULTATION, Status.REVIEW, SECRETARIAT, guards=(confirmed_by_both,)),
    _move(Status.CONSULTATION, Status.WITHDRAWN, PROPOSER, reason_required=True),
    _move(Status.REVIEW, Status.ADOPTED, SECRETARIAT, guards=(passed_review,)),
    _move(Status.REVIEW, Status.REJECTED, SECRETARIAT, reason_required=True),
    _move(Status.REVIEW, Status.WITHDRAWN, PROPOSER, reason_required=True),
    _move(Status.ADOPTED, Status.WITHDRAWN, PROPOSER, reason_required=True),
    # Concluded when both sides confirm the agreement (collaboration.services.agreement.confirm).
    _move(Status.ADOPTED, Status.AGREED, PARTIES, guards=(agreement_confirmed,)),
    _move(Status.AGREED, Status.IN_PROGRESS, PARTIES),
    _move(Status.IN_PROGRESS, Status.REPORTED, PARTIES, guards=(report_written,)),
    _move(Status.REPORTED, Status.EVALUATED, SECRETARIAT, guards=(evaluated,)),
    _move(Status.EVALUATED, Status.CLOSED, SECRETARIAT, guards=(outcome_chosen,)),
)


def apply(proposal: Proposal, request: MoveRequest) -> None:
    move = WORKFLOW.move(request.source, request.target)
    proposal.status_reason = request.reason if move and move.reason_required else ""
    if request.target == Status.SUBMITTED:
        proposal.submitted_at = timezone.now()
    if request.target == IMPLEMENTED_FROM:
        proposal.implemented = True
    if request.target == Status.CLOSED:
        proposal.outcome = request.extra["outcome"]


def announce(proposal: Proposal, change: StatusChange) -> None:
    announce_move(proposal, change)


WORKFLOW = Workflow(
    model=Proposal,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("A proposal that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy("Write the reason; the other side will read it."),
    ),
    error=ProposalError,
    apply=apply,
    announce=announce,
)
