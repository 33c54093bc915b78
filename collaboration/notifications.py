"""Telling people about a proposal's moves: a mail and an entry in the portal's inbox.

Run after the move is committed (``delay_on_commit``); the status change is claimed with a
conditional UPDATE first, so a task run twice notifies once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kamakura_portal.mail import send_templated_mail

from .models import Notification, Proposal, StatusChange
from .parties import CITY, GROUP, secretariat_users, users_of_side

Status = Proposal.Status
# After these moves the secretariat acts next, so it is told as well as the two sides.
SECRETARIAT_ACTS_NEXT = frozenset({Status.SUBMITTED, Status.WITHDRAWN, Status.REPORTED})


def recipients(change: StatusChange) -> list[Any]:
    """Both sides' users and, when it acts next, the secretariat; never the actor."""
    proposal = change.proposal
    users: dict[int, Any] = {}
    querysets: list[QuerySet[Any]] = [
        users_of_side(proposal, GROUP),
        users_of_side(proposal, CITY),
    ]
    if change.to_status in SECRETARIAT_ACTS_NEXT:
        querysets.append(secretariat_users())
    for queryset in querysets:
        for user in queryset:
            users[user.pk] = user
    users.pop(change.actor_id or 0, None)
    return sorted(users.values(), key=lambda user: user.pk)


def message_for(change: StatusChange) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("“%(title)s” is now “%(status)s”.") % {
            "title": change.proposal.title,
            "status": Status(change.to_status).label,
        }


def put_in_inboxes(people: list[Any], proposal: Proposal, message: str, **about: Any) -> None:
    """One inbox entry per person, about a ``change`` or an ``entry`` (once each)."""
    Notification.objects.bulk_create(
        [
            Notification(recipient=user, proposal=proposal, message=message, **about)
            for user in people
        ],
        ignore_conflicts=True,
    )


def notify_status_change(change_id: int) -> int:
    with transaction.atomic():
        claimed = StatusChange.objects.filter(pk=change_id, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if not claimed:
            return 0
        change = StatusChange.objects.select_related("proposal", "actor").get(pk=change_id)
        people = recipients(change)
        message = message_for(change)
        put_in_inboxes(people, change.proposal, message, change=change)
    context = {
        "proposal": change.proposal,
        "change": change,
        "status": Status(change.to_status).label,
        "proposal_url": reverse("collaboration:proposal", args=[change.proposal_id]),
    }
    return send_templated_mail(
        "collaboration/email/status_changed", context, [user.email for user in people]
    )
