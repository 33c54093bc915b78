"""Telling the people of a proposal's discussion (協議記録) about a new entry: a mail and an
entry in the portal's inbox.

Run after the entry is committed (``delay_on_commit``); the entry is claimed with a
conditional UPDATE first, so a task run twice notifies once. A staff-only note reaches only
those who may read it: a group manager does not even learn that it exists.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.queries import users_with_roles_loaded
from kamakura_portal.mail import send_templated_mail

from .models import DiscussionEntry, Notification
from .notifications import put_in_inboxes
from .parties import CITY, GROUP, users_of_side

# Staff on no side by their department: they follow the discussions they have written in.
FOLLOWING_STAFF = (Role.SECRETARIAT, Role.CENTRE_STAFF)
MESSAGE_LENGTH = Notification._meta.get_field("message").max_length or 300


def candidates(entry: DiscussionEntry) -> QuerySet[Any]:
    """Both sides' active users and the secretariat and centre staff who have written in
    this discussion, in one query; never the author."""
    proposal = entry.proposal
    following = (
        get_user_model()
        .objects.filter(
            roles__role__in=FOLLOWING_STAFF,
            pk__in=proposal.discussion.values("author_id"),
            is_active=True,
        )
        .distinct()
    )
    everyone = users_of_side(proposal, GROUP) | users_of_side(proposal, CITY) | following
    return everyone.exclude(pk=entry.author_id).order_by("pk")


def recipients(entry: DiscussionEntry) -> list[Any]:
    if not entry.staff_only:
        return list(candidates(entry))
    # The permission decides, as on the discussion page; with the roles loaded the check
    # costs no query (except the two-factor lookup for centre staff when it is required).
    return [
        user
        for user in users_with_roles_loaded(candidates(entry))
        if user.has_perm("collaboration.view_staff_notes", entry.proposal)
    ]


def author_name(entry: DiscussionEntry) -> str:
    return entry.author.get_full_name() if entry.author else "—"


def message_for(entry: DiscussionEntry) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        message = _("%(author)s wrote in the discussion of “%(title)s”.") % {
            "author": author_name(entry),
            "title": entry.proposal.title,
        }
    return Truncator(message).chars(MESSAGE_LENGTH)


def notify_new_entry(entry_id: int) -> int:
    with transaction.atomic():
        claimed = DiscussionEntry.objects.filter(pk=entry_id, notified_at__isnull=True).update(
            notified_at=timezone.now()
        )
        if not claimed:
            return 0
        entry = (
            DiscussionEntry.objects.select_related("proposal", "author")
            # Every side and permission check reads the partners: load them once.
            .prefetch_related("proposal__counterpart_groups", "proposal__counterpart_departments")
            .get(pk=entry_id)
        )
        people = recipients(entry)
        message = message_for(entry)
        put_in_inboxes(people, entry.proposal, message, entry=entry)
    discussion_url = reverse("collaboration:discussion", args=[entry.proposal_id])
    context = {
        "proposal": entry.proposal,
        "entry": entry,
        "author": author_name(entry),
        "discussion_url": f"{discussion_url}#entry-{entry.pk}",
    }
    return send_templated_mail(
        "collaboration/email/discussion_entry", context, [user.email for user in people]
    )
