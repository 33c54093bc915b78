"""Writes to the consultation log (相談記録): recording, editing, closing a follow-up, and the
daily reminder of the follow-ups that are due.

The forms have checked the values; the rules are asked again here, so no other path writes
a consultation it may not. Each write keeps the search document current, and the audit
trail records it (``CoordinationConfig.ready``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal.audit import acting_as
from kamakura_portal.claims import claim_once
from kamakura_portal.errors import PortalError
from kamakura_portal.inbox import notify

from ..models import Consultation, Topic
from ..queries.consultations import follow_ups_due
from ..search import refresh_consultation_search


class ConsultationError(PortalError):
    """A consultation cannot be written as asked."""


@transaction.atomic
def save_consultation(
    consultation: Consultation | None,
    actor: User,
    fields: Mapping[str, Any],
    topics: Iterable[Topic],
) -> Consultation:
    """Record a consultation (``consultation`` None) or change one, with its topics."""
    if consultation is None:
        if not actor.has_perm("coordination.record_consultation"):
            raise ConsultationError(_("Only the centre's staff keep the consultation log."))
        consultation = Consultation(created_by=actor)
    elif not actor.has_perm("coordination.edit_consultation", consultation):
        raise ConsultationError(_("Only the centre's staff keep the consultation log."))
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.save()
    consultation.topics.set(list(topics))
    refresh_consultation_search([consultation.pk])
    return consultation


def complete_follow_up(
    consultation: Consultation, actor: User, today: datetime.date | None = None
) -> bool:
    """Mark the follow-up done today; False when it was done already."""
    if not actor.has_perm("coordination.edit_consultation", consultation):
        raise ConsultationError(_("Only the centre's staff keep the consultation log."))
    if consultation.follow_up_done:
        return False
    consultation.follow_up_done_on = today or timezone.localdate()
    consultation.save(update_fields=["follow_up_done_on", "updated_at"])
    return True


def remind_follow_ups_due(today: datetime.date | None = None) -> int:
    """Tell each staff member in their inbox of their follow-ups that are due.

    Once per consultation and next-action date: the reminder is claimed (``reminded_for``
    set to the date) before the notice is written, in one transaction, so a second run, or a
    second worker, tells nobody again. A new next-action date is reminded anew. Returns how
    many reminders were sent.
    """
    today = today or timezone.localdate()
    sent = 0
    with acting_as(None):
        for consultation in follow_ups_due(today):
            day = consultation.next_action_on
            with transaction.atomic():
                claimed = claim_once(
                    Consultation.objects.filter(
                        pk=consultation.pk, next_action_on=day, follow_up_done_on__isnull=True
                    ).exclude(reminded_for=day),
                    reminded_for=day,
                )
                if claimed:
                    _remind(consultation)
                    sent += 1
    return sent


def _remind(consultation: Consultation) -> None:
    day = consultation.next_action_on
    assert day is not None  # only due consultations are reminded
    with translation.override(settings.LANGUAGE_CODE):
        message = _("Follow-up due on %(date)s: the consultation with %(asker)s.") % {
            "date": date_format(day, "DATE_FORMAT"),
            "asker": consultation.asker,
        }
    notify(
        [consultation.staff],
        consultation,
        message,
        url=reverse("coordination:consultation", args=[consultation.pk]),
        key=f"consultation_follow_up:{consultation.pk}:{day.isoformat()}",
    )
