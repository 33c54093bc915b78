"""Writes to invitations (打診): shortlisting, inviting, answering, a group's raised hand, the
talks and the proposal draft they lead to.

Each refusal is an :class:`~coordination.workflow.InvitationError` whose message is shown as
it is, and nothing is saved (every write here is one transaction). The moves themselves are
the workflow's (:mod:`coordination.workflow`); these functions check first what a person can
put right, so the message says it in their words.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from collaboration.models import DepartmentNeed, Proposal
from collaboration.services.proposals import start_proposal
from groups.models import CitizenGroup
from kamakura_portal.claims import claim_once
from kamakura_portal.errors import Problem
from kamakura_portal.workflow import SYSTEM, record_arrival, transition

from .. import notifications
from ..models import Invitation
from ..notifications import date_label
from ..workflow import (
    ANSWER,
    PROPOSE,
    REFUSALS,
    InvitationError,
    group_problems,
    need_problems,
)

Status = Invitation.Status
REASONS_LENGTH = 2000


def _check(actor: User, permission: str, obj: object) -> None:
    if not actor.has_perm(permission, obj):
        raise InvitationError(str(REFUSALS.get(permission, _("You cannot do this."))))


def _already(invitation: Invitation) -> Problem:
    return Problem(
        _("“%(group)s” was already asked about this need (now “%(status)s”).")
        % {"group": invitation.group.name, "status": invitation.get_status_display()},
        "groups",
    )


def _new_row(need: DepartmentNeed, group: CitizenGroup, actor: User) -> Invitation:
    """The pair's one row; a second one (two coordinators at once) is refused, not doubled."""
    try:
        with transaction.atomic():
            return Invitation.objects.create(need=need, group=group, created_by=actor)
    except IntegrityError:
        raise InvitationError(
            _("“%(group)s” was already asked about this need.") % {"group": group.name}
        ) from None


def _pairs(need: DepartmentNeed, groups: Iterable[CitizenGroup]) -> dict[int, Invitation]:
    rows = Invitation.objects.select_for_update().filter(need=need, group__in=list(groups))
    return {row.group_id: row for row in rows.select_related("group")}


@transaction.atomic
def shortlist(need: DepartmentNeed, groups: Iterable[CitizenGroup], actor: User) -> int:
    """Put registered groups on the need's shortlist (候補); returns how many were added
    (those already on it, whatever their status, are left as they are). The shortlist is the
    centre's and the department's: the groups do not see it."""
    _check(actor, "coordination.invite_groups", need)
    chosen = list({group.pk: group for group in groups}.values())
    if not chosen:
        raise InvitationError(_("Choose at least one group."))
    problems = [problem for group in chosen for problem in group_problems(group)]
    if problems:
        raise InvitationError(problems=problems)
    existing = _pairs(need, chosen)
    added = [_new_row(need, group, actor) for group in chosen if group.pk not in existing]
    record_arrival(added, "", actor)
    return len(added)


@transaction.atomic
def invite(
    need: DepartmentNeed,
    groups: Iterable[CitizenGroup],
    *,
    message: str,
    answer_by: datetime.date,
    reasons: Mapping[int, str],
    actor: User,
    today: datetime.date | None = None,
) -> list[Invitation]:
    """Invite each group (打診) with the message, the reasons the centre thinks the need fits
    it (by group id) and the date to answer by; all of them or none.

    Refused: a need that is not open or is staff-only, a group that is not registered, a
    group already asked about this need (a shortlisted one is invited, not doubled).
    """
    _check(actor, "coordination.invite_groups", need)
    today = today or timezone.localdate()
    chosen = list({group.pk: group for group in groups}.values())
    message = message.strip()
    problems: list[Problem] = []
    if not chosen:
        problems.append(Problem(_("Choose at least one group to invite."), "groups"))
    if not message:
        problems.append(Problem(_("Write a message to the groups."), "message"))
    if answer_by < today:
        problems.append(
            Problem(_("The answer date must be today or later."), "answer_by"),
        )
    problems += need_problems(need)
    problems += [problem for group in chosen for problem in group_problems(group)]
    existing = _pairs(need, chosen)
    problems += [_already(row) for row in existing.values() if row.status != Status.CANDIDATE]
    if problems:
        raise InvitationError(problems=problems)
    invited = []
    for group in chosen:
        invitation = existing.get(group.pk) or _new_row(need, group, actor)
        transition(
            invitation,
            Status.INVITED,
            actor,
            message=message,
            answer_by=answer_by,
            reasons=reasons.get(group.pk, "")[:REASONS_LENGTH],
            today=today,
        )
        invited.append(invitation)
    return invited


def answer(
    invitation: Invitation,
    *,
    interested: bool,
    note: str,
    actor: User,
    today: datetime.date | None = None,
) -> Invitation:
    """The group's answer: 関心あり or 辞退, with a note for the centre and the department."""
    current = Invitation.objects.get(pk=invitation.pk)
    _check(actor, ANSWER, current)
    if current.status == Status.EXPIRED:
        raise InvitationError(
            _(
                "The answer period ended on %(date)s and the invitation has expired, so it "
                "can no longer be answered. If the group is still interested, contact the "
                "Civic Activity Centre."
            )
            % {"date": date_label(current.answer_by)}
        )
    if current.status != Status.INVITED:
        raise InvitationError(
            _("This invitation has already been answered (“%(status)s”).")
            % {"status": current.get_status_display()}
        )
    target = Status.INTERESTED if interested else Status.DECLINED
    return transition(invitation, target, actor, reason=note, today=today)


@transaction.atomic
def raise_hand(need: DepartmentNeed, group: CitizenGroup, note: str, actor: User) -> Invitation:
    """A group manager says 関心あり on a public, open need by themselves: the pair arrives as
    interested, raised by the group; the coordinators and the department are told."""
    if not actor.has_perm("coordination.raise_hand", need) or (
        group.pk not in actor.managed_group_ids
    ):
        raise InvitationError(str(REFUSALS["coordination.raise_hand_as"]))
    existing = _pairs(need, [group]).get(group.pk)
    if existing is not None and existing.status == Status.INVITED:
        raise InvitationError(
            _("The centre has already invited “%(group)s” to this need: answer the invitation.")
            % {"group": group.name}
        )
    if existing is not None and existing.status != Status.CANDIDATE:
        raise InvitationError(
            _("“%(group)s” is already on this need (“%(status)s”).")
            % {"group": group.name, "status": existing.get_status_display()}
        )
    invitation = existing or _new_row(need, group, actor)
    return transition(invitation, Status.INTERESTED, actor, reason=note)


def start_discussion(invitation: Invitation, actor: User) -> Invitation:
    """The coordinator brings the interested group and the department together (協議中)."""
    return transition(invitation, Status.DISCUSSING, actor)


def end_talks(invitation: Invitation, actor: User, reason: str) -> Invitation:
    """The pair does not go on (辞退 after the answer), with the reason for the other side."""
    return transition(invitation, Status.DECLINED, actor, reason=reason)


@transaction.atomic
def to_proposal(invitation: Invitation, actor: User) -> Proposal:
    """Open the pair's proposal draft (提案へ): a 団体提案 of the group to the need's
    department, answering the need and titled after it, for the group's managers to write."""
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("need", "group")
        .get(pk=invitation.pk)
    )
    _check(actor, PROPOSE, locked)
    if locked.status not in (Status.INTERESTED, Status.DISCUSSING):
        raise InvitationError(
            _("A proposal is started once the group is interested (now “%(status)s”).")
            % {"status": locked.get_status_display()}
        )
    proposal = start_proposal(actor, title=locked.need.title, group=locked.group, need=locked.need)
    transition(locked, Status.PROPOSED, actor, proposal=proposal)
    invitation.refresh_from_db()
    return proposal


def expire_unanswered(today: datetime.date | None = None) -> int:
    """Invitations still unanswered after their answer date lapse (期限切れ), as the portal's
    own move with the date in their history; returns how many."""
    today = today or timezone.localdate()
    due = Invitation.objects.filter(status=Status.INVITED, answer_by__lt=today)
    expired = 0
    for invitation in list(due.order_by("pk")):
        reason = _("No answer by %(date)s.") % {"date": date_label(invitation.answer_by)}
        try:
            transition(invitation, Status.EXPIRED, SYSTEM, reason=reason)
        except InvitationError:
            continue  # answered meanwhile
        expired += 1
    return expired


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind the managers of each invitation unanswered for
    ``PORTAL_NEED_INVITATION_REMINDER_DAYS`` days, once per invitation (claimed first, so
    two runs remind once); returns how many invitations were reminded."""
    now = now or timezone.now()
    sent_before = now - datetime.timedelta(days=settings.PORTAL_NEED_INVITATION_REMINDER_DAYS)
    due = Invitation.objects.filter(
        status=Status.INVITED,
        reminded_at__isnull=True,
        invited_at__lte=sent_before,
        answer_by__gte=timezone.localdate(now),
    )
    reminded = 0
    for pk in list(due.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            if not claim_once(due.filter(pk=pk), reminded_at=now):
                continue
            notifications.remind(Invitation.objects.select_related("need").get(pk=pk))
        reminded += 1
    return reminded
