"""Telling people about invitations (打診), in the inbox and by mail, in the transaction of
the change (the mail leaves through the outbox after the commit).

An invitation goes to the group's managers; an answer, a raised hand or a lapse goes to the
centre's coordinators and the need's department; the later moves go to everyone on the pair
but the person who made them. A reminder goes to the managers once per invitation.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from accounts.models import User
from collaboration.notifications.needs import people_working_on
from kamakura_portal.inbox import notify
from kamakura_portal.models import StatusChange

from .models import Invitation

Status = Invitation.Status
MAIL = "coordination/email/invitation_notice"


def managers_of(invitation: Invitation) -> QuerySet[User]:
    return User.objects.filter(
        group_memberships__group_id=invitation.group_id, is_active=True
    ).distinct()


def date_label(day: datetime.date | None) -> str:
    """A day as the portal writes it (2026年12月2日), or a dash."""
    return str(formats.date_format(day, "DATE_FORMAT")) if day else "—"


def centre_and_department(invitation: Invitation) -> QuerySet[User]:
    """The centre's coordinators and the need's department's staff."""
    return people_working_on(invitation.need)


def _message(invitation: Invitation, change: StatusChange) -> str:
    values = {
        "group": invitation.group.name,
        "title": invitation.need.title,
        "date": date_label(invitation.answer_by),
    }
    if change.to_status == Status.INVITED:
        text = _(
            "The Civic Activity Centre asks “%(group)s” about the city's need “%(title)s”. "
            "Please answer by %(date)s."
        )
    elif change.to_status == Status.INTERESTED and invitation.raised_by_group:
        text = _("“%(group)s” raised its hand for the need “%(title)s”.")
    elif change.to_status == Status.INTERESTED:
        text = _("“%(group)s” is interested in the need “%(title)s”.")
    elif change.to_status == Status.DECLINED and change.from_status == Status.INVITED:
        text = _("“%(group)s” declined the invitation about “%(title)s”.")
    elif change.to_status == Status.DECLINED:
        text = _("The talks between “%(group)s” and the city about “%(title)s” ended.")
    elif change.to_status == Status.EXPIRED:
        text = _("“%(group)s” did not answer the invitation about “%(title)s” by %(date)s.")
    elif change.to_status == Status.DISCUSSING:
        text = _("“%(group)s” and the city are now discussing “%(title)s”.")
    else:
        text = _("A proposal draft on “%(title)s” was started for “%(group)s”.")
    return text % values


def _recipients(invitation: Invitation, change: StatusChange) -> list[User]:
    if change.to_status == Status.INVITED:
        people = list(managers_of(invitation))
    elif change.from_status in (Status.INVITED, Status.CANDIDATE):
        people = list(centre_and_department(invitation))
    else:
        people = [*managers_of(invitation), *centre_and_department(invitation)]
    return [person for person in people if person.pk != change.actor_id]


def announce_move(invitation: Invitation, change: StatusChange) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        message = _message(invitation, change)
    url = reverse("coordination:invitation", args=[invitation.pk])
    notify(
        _recipients(invitation, change),
        invitation,
        message,
        url=url,
        mail=MAIL,
        context={"message": message, "note": change.reason, "url": url},
        key=f"status_change:{change.pk}",
    )


def remind(invitation: Invitation) -> list[User]:
    """The managers' reminder of an invitation still waiting for their answer."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _(
            "Reminder: the Civic Activity Centre is waiting for your answer about “%(title)s” "
            "(answer by %(date)s)."
        ) % {"title": invitation.need.title, "date": date_label(invitation.answer_by)}
    url = reverse("coordination:invitation", args=[invitation.pk])
    return notify(
        managers_of(invitation),
        invitation,
        message,
        url=url,
        mail=MAIL,
        context={"message": message, "note": "", "url": url},
        key=f"invitation_reminder:{invitation.pk}",
    )
