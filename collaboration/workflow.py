"""The proposal's state machine: one table of allowed moves and who may make each.

下書き → 提出 → 協議中 → 審査中 → 採択 / 不採択 / 取下げ → 協定締結 → 実施中 → 実施報告 →
評価済 → 終了 (with the outcome). :func:`transition` is the only way a status changes: it
checks the move and the actor, runs the move's guard, records who/when/why and, after the
commit, notifies the other side by mail and in the portal's inbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_secretariat

from .eligibility import eligibility_problems
from .models import Confirmation, Proposal, StatusChange
from .parties import is_proposer, sides_of
from .sections import Problem, missing_for_submission

Status = Proposal.Status

PROPOSER = "proposer"  # the side that wrote the proposal
PARTIES = "parties"  # either side: the group's managers or the city department
SECRETARIAT = "secretariat"  # 地域のつながり課

# (from, to) → who may make the move.
TRANSITIONS: Mapping[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): PROPOSER,
    (Status.SUBMITTED, Status.CONSULTATION): SECRETARIAT,
    (Status.SUBMITTED, Status.WITHDRAWN): PROPOSER,
    (Status.CONSULTATION, Status.REVIEW): SECRETARIAT,
    (Status.CONSULTATION, Status.WITHDRAWN): PROPOSER,
    (Status.REVIEW, Status.ADOPTED): SECRETARIAT,
    (Status.REVIEW, Status.REJECTED): SECRETARIAT,
    (Status.REVIEW, Status.WITHDRAWN): PROPOSER,
    (Status.ADOPTED, Status.WITHDRAWN): PROPOSER,
    # Concluded when both sides confirm the agreement (collaboration.agreement.confirm).
    (Status.ADOPTED, Status.AGREED): PARTIES,
    (Status.AGREED, Status.IN_PROGRESS): PARTIES,
    (Status.IN_PROGRESS, Status.REPORTED): PARTIES,
    (Status.REPORTED, Status.EVALUATED): SECRETARIAT,
    (Status.EVALUATED, Status.CLOSED): SECRETARIAT,
}
# Moves that must say why (the other side reads it, and it stays in the history).
REASON_REQUIRED = frozenset({Status.REJECTED, Status.WITHDRAWN})
# Statuses from which a project counts as implemented (実施) in the figures.
IMPLEMENTED_FROM = Status.IN_PROGRESS


class ProposalError(Exception):
    """A rule of the proposal workflow was broken; the message is shown as it is."""


class ProposalIncomplete(ProposalError):
    """Submission or review refused: one message per gap, each linked to its section."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def may_act_as(user: Any, proposal: Proposal, who: str) -> bool:
    if who == SECRETARIAT:
        return bool(is_secretariat(user))
    if who == PROPOSER:
        return is_proposer(user, proposal)
    return bool(sides_of(user, proposal))


def allowed_moves(proposal: Proposal, user: Any) -> list[str]:
    """The statuses ``user`` may move ``proposal`` to now (for the page's buttons)."""
    return [
        to
        for (from_, to), who in TRANSITIONS.items()
        if from_ == proposal.status and may_act_as(user, proposal, who)
    ]


def live_confirmations(proposal: Proposal) -> dict[str, Confirmation]:
    return {
        confirmation.side: confirmation
        for confirmation in proposal.confirmations.filter(withdrawn_at__isnull=True)
    }


def _guard(proposal: Proposal, to: str, outcome: str) -> None:
    """The conditions a move needs beyond the table."""
    if to == Status.SUBMITTED:
        problems = missing_for_submission(proposal) + eligibility_problems(proposal)
        if problems:
            raise ProposalIncomplete(problems)
    if to == Status.REVIEW:
        problems = missing_for_submission(proposal)
        confirmed = live_confirmations(proposal)
        if Confirmation.ConfirmingSide.GROUP not in confirmed:
            problems.append(Problem(_("The group has not confirmed sections 1–3 yet."), "mutual"))
        if Confirmation.ConfirmingSide.CITY not in confirmed:
            problems.append(Problem(_("The city has not confirmed sections 1–3 yet."), "mutual"))
        if problems:
            raise ProposalIncomplete(problems)
    if to == Status.ADOPTED:
        from .review import panel_result

        result = panel_result(proposal)
        if result is None or not result.is_complete:
            raise ProposalError(
                _("Every member of the review panel must score the proposal first.")
            )
        if not result.passed:
            raise ProposalError(
                _("The average score %(average)s is below the pass mark %(mark)s.")
                % {"average": result.average, "mark": result.pass_mark}
            )
    if to == Status.AGREED:
        first = proposal.agreement_versions.filter(number=1).first()
        if first is None or not first.is_confirmed:
            raise ProposalError(_("Both sides must confirm the agreement first."))
    if to == Status.REPORTED and not proposal.report_summary.strip():
        raise ProposalIncomplete([Problem(_("Write the implementation report first."), "report")])
    if to == Status.EVALUATED:
        from .evaluation import missing_for_evaluated

        gaps = missing_for_evaluated(proposal)
        if gaps:
            raise ProposalIncomplete([Problem(gap, "evaluation") for gap in gaps])
    if to == Status.CLOSED and outcome not in Proposal.Outcome.values:
        raise ProposalError(
            _("Choose the outcome of the project (continued, contract, own project or ended).")
        )


@transaction.atomic
def transition(
    proposal: Proposal,
    to: str,
    actor: Any,
    *,
    reason: str = "",
    outcome: str = "",
) -> Proposal:
    """Move ``proposal`` to ``to`` as ``actor``, or raise :class:`ProposalError` unchanged."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    from_status = locked.status
    who = TRANSITIONS.get((from_status, to))
    if who is None:
        raise ProposalError(
            _("A proposal that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to).label}
        )
    if not may_act_as(actor, locked, who):
        raise ProposalError(_NOT_YOURS[who]())
    reason = reason.strip()
    if to in REASON_REQUIRED and not reason:
        raise ProposalError(_("Write the reason; the other side will read it."))
    _guard(locked, to, outcome)
    locked.status = to
    locked.status_reason = reason if to in REASON_REQUIRED else ""
    if to == Status.SUBMITTED:
        locked.submitted_at = timezone.now()
    if to == IMPLEMENTED_FROM:
        locked.implemented = True
    if to == Status.CLOSED:
        locked.outcome = outcome
    locked.save()
    change = StatusChange.objects.create(
        proposal=locked,
        from_status=from_status,
        to_status=to,
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    from .tasks import notify_status_change

    notify_status_change.delay_on_commit(change.pk)  # type: ignore[attr-defined]
    proposal.refresh_from_db()
    return proposal


_NOT_YOURS = {
    PROPOSER: lambda: _("Only the side that wrote the proposal can do this."),
    PARTIES: lambda: _("Only the group and the city department of this project can do this."),
    SECRETARIAT: lambda: _("Only the secretariat (地域のつながり課) can do this."),
}
