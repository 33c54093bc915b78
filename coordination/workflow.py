"""An invitation's status machine (打診):
候補 → 打診済 → 関心あり / 辞退 / 期限切れ → 協議中 → 提案へ.

Run by :func:`kamakura_portal.workflow.transition`. Coordinators invite and move the talks on;
the group's managers answer (or raise their hand on a public need by themselves, 候補 →
関心あり); the portal lets unanswered invitations lapse after their answer date (a SYSTEM
move). Who may move is a permission of :mod:`coordination.rules`; the guards say what blocks
a move in words the person can act on. Each move is told to the other side
(:mod:`coordination.notifications`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collaboration.models import DepartmentNeed, Proposal
from groups.models import CitizenGroup
from kamakura_portal.errors import PortalError, Problem
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import Messages, Move, MoveRequest, Workflow

from .models import Invitation
from .notifications import announce_move, date_label

Status = Invitation.Status

INVITE = "coordination.invite_group"
ANSWER = "coordination.answer_invitation"
RAISE_HAND = "coordination.raise_hand_as"
COORDINATE = "coordination.coordinate_invitation"
PROPOSE = "coordination.open_proposal"
END_TALKS = "coordination.end_talks"
REFUSALS = {
    INVITE: gettext_lazy("Only the centre's coordinators invite groups."),
    ANSWER: gettext_lazy("Only the managers of the invited group answer this invitation."),
    RAISE_HAND: gettext_lazy(
        "Only a manager of the group can raise its hand, and only on a public need."
    ),
    COORDINATE: gettext_lazy("Only the centre's coordinators can do this."),
    PROPOSE: gettext_lazy("Only the centre's coordinators and the group's managers can do this."),
    END_TALKS: gettext_lazy(
        "Only the centre's coordinators and the group's managers can end the talks."
    ),
}
# The statuses in which the pair has been answered and is no longer waiting for the group.
ANSWERED = frozenset({Status.INTERESTED, Status.DECLINED, Status.DISCUSSING, Status.PROPOSED})


class InvitationError(PortalError):
    """An invitation cannot be sent, answered or moved as asked (shown as it is)."""


def group_problems(group: CitizenGroup) -> list[Problem]:
    """Only registered groups are asked: 申請中, 更新待ち, 休止 and 抹消 are not candidates."""
    if group.status == CitizenGroup.Status.REGISTERED:
        return []
    return [
        Problem(
            _("“%(group)s” is not a registered group (%(status)s), so it cannot be asked.")
            % {"group": group.name, "status": group.get_status_display()},
            "groups",
        )
    ]


def need_problems(need: DepartmentNeed) -> list[Problem]:
    """Groups are asked about open, public needs only (a staff-only need is the city's and
    the centre's until the department publishes it; shortlisting for it is allowed)."""
    if need.status != DepartmentNeed.Status.OPEN:
        return [
            Problem(
                _("The need is “%(status)s”: groups are asked about open needs only.")
                % {"status": need.get_status_display()}
            )
        ]
    if not need.is_public:
        return [
            Problem(
                _("The need is staff-only: publish it before groups are asked about it."),
            )
        ]
    return []


def askable(invitation: Invitation, request: MoveRequest) -> Iterable[Problem]:
    return group_problems(invitation.group) + need_problems(invitation.need)


def in_time(invitation: Invitation, request: MoveRequest) -> Iterable[Problem]:
    if not invitation.is_past_answer_by(request.today):
        return []
    return [
        Problem(
            _(
                "The answer period ended on %(date)s. If the group is still interested, "
                "contact the Civic Activity Centre."
            )
            % {"date": date_label(invitation.answer_by)}
        )
    ]


def with_proposal(invitation: Invitation, request: MoveRequest) -> Iterable[Problem]:
    if isinstance(request.extra.get("proposal"), Proposal):
        return []
    return [Problem(_("Open the proposal draft from the invitation's page."))]


def _move(source: str, target: str, permission: str, **options: object) -> Move[Invitation]:
    return Move(source, target, permission, refusal=REFUSALS[permission], **options)  # type: ignore[arg-type]


MOVES: tuple[Move[Invitation], ...] = (
    _move(Status.CANDIDATE, Status.INVITED, INVITE, guards=(askable,)),
    _move(Status.CANDIDATE, Status.INTERESTED, RAISE_HAND, guards=(askable,)),
    _move(Status.INVITED, Status.INTERESTED, ANSWER, guards=(in_time,)),
    _move(Status.INVITED, Status.DECLINED, ANSWER, guards=(in_time,)),
    # The portal's daily sweep, once the answer date has passed.
    Move(Status.INVITED, Status.EXPIRED, None, by_system=True),
    _move(Status.INTERESTED, Status.DISCUSSING, COORDINATE),
    # Straight to a proposal when both sides already agree, or after the talks.
    _move(Status.INTERESTED, Status.PROPOSED, PROPOSE, guards=(with_proposal,)),
    _move(Status.DISCUSSING, Status.PROPOSED, PROPOSE, guards=(with_proposal,)),
    _move(Status.INTERESTED, Status.DECLINED, END_TALKS, reason_required=True),
    _move(Status.DISCUSSING, Status.DECLINED, END_TALKS, reason_required=True),
)


def apply(invitation: Invitation, request: MoveRequest) -> None:
    now = timezone.now()
    if request.target == Status.INVITED:
        invitation.message = request.extra.get("message", "")
        invitation.reasons = request.extra.get("reasons", "")
        invitation.answer_by = request.extra.get("answer_by")
        invitation.invited_by = request.person
        invitation.invited_at = now
    elif request.target in (Status.INTERESTED, Status.DECLINED) and request.source in (
        Status.INVITED,
        Status.CANDIDATE,
    ):
        # An answer, or a hand raised by the group itself: the note is the group's word.
        invitation.answer_note = request.reason
        invitation.answered_by = request.person
        invitation.answered_at = now
        invitation.raised_by_group = request.source == Status.CANDIDATE
    if request.target == Status.PROPOSED:
        invitation.proposal = request.extra["proposal"]


def announce(invitation: Invitation, change: StatusChange) -> None:
    announce_move(invitation, change)


WORKFLOW = Workflow(
    model=Invitation,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("An invitation that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy("Write why the talks end; the other side will read it."),
    ),
    error=InvitationError,
    apply=apply,
    announce=announce,
)
