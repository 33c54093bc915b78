"""Telling people about a proposal's moves: both sides and, when it acts next, the
secretariat, in the inbox and by mail, in the transaction of the move."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.queries import people_with_role
from kamakura_portal.inbox import notify
from kamakura_portal.models import StatusChange

from ..domain.parties import CITY, GROUP, users_of_side
from ..models import Proposal

Status = Proposal.Status
# After these moves the secretariat acts next, so it is told as well as the two sides.
SECRETARIAT_ACTS_NEXT = frozenset({Status.SUBMITTED, Status.WITHDRAWN, Status.REPORTED})


def move_recipients(proposal: Proposal, change: StatusChange) -> list[User]:
    """Both sides' users and, when it acts next, the secretariat; never the actor."""
    users: dict[int, User] = {}
    querysets: list[QuerySet[User]] = [
        users_of_side(proposal, GROUP),
        users_of_side(proposal, CITY),
    ]
    if change.to_status in SECRETARIAT_ACTS_NEXT:
        querysets.append(people_with_role(Role.SECRETARIAT))
    for queryset in querysets:
        for user in queryset:
            users[user.pk] = user
    users.pop(change.actor_id or 0, None)
    return sorted(users.values(), key=lambda user: user.pk)


def announce_move(proposal: Proposal, change: StatusChange) -> None:
    status = Status(change.to_status).label
    with translation.override(settings.LANGUAGE_CODE):
        message = _("“%(title)s” is now “%(status)s”.") % {
            "title": proposal.title,
            "status": status,
        }
    url = reverse("collaboration:proposal", args=[proposal.pk])
    notify(
        move_recipients(proposal, change),
        proposal,
        message,
        url=url,
        mail="collaboration/email/status_changed",
        context={"proposal": proposal, "change": change, "status": status, "proposal_url": url},
        key=f"status_change:{change.pk}",
    )
