"""Telling the people of a proposal's discussion (協議記録) about a new entry: in the inbox
and by mail, in the transaction of the entry. A staff-only note reaches only those who may
read it: a group manager does not even learn that it exists.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.queries import users_with_roles_loaded
from kamakura_portal.inbox import notify

from ..domain.parties import CITY, GROUP, users_of_side
from ..models import DiscussionEntry

# Staff on no side by their department: they follow the discussions they have written in.
FOLLOWING_STAFF = (Role.SECRETARIAT, Role.CENTRE_STAFF)


def entry_candidates(entry: DiscussionEntry) -> QuerySet[User]:
    """Both sides' active users and the secretariat and centre staff who have written in
    this discussion, in one query; never the author."""
    proposal = entry.proposal
    following = User.objects.filter(
        roles__role__in=FOLLOWING_STAFF,
        pk__in=proposal.discussion.values("author_id"),
        is_active=True,
    ).distinct()
    everyone = users_of_side(proposal, GROUP) | users_of_side(proposal, CITY) | following
    return everyone.exclude(pk=entry.author_id or 0).order_by("pk")


def entry_recipients(entry: DiscussionEntry) -> list[User]:
    if not entry.staff_only:
        return list(entry_candidates(entry))
    # The permission decides, as on the discussion page; with the roles loaded the check
    # costs no query (except the two-factor lookup for centre staff when it is required).
    return [
        user
        for user in users_with_roles_loaded(entry_candidates(entry))
        if user.has_perm("collaboration.view_staff_notes", entry.proposal)
    ]


def author_name(entry: DiscussionEntry) -> str:
    return entry.author.get_full_name() if entry.author else "—"


def announce_entry(entry: DiscussionEntry) -> None:
    proposal = entry.proposal
    with translation.override(settings.LANGUAGE_CODE):
        message = _("%(author)s wrote in the discussion of “%(title)s”.") % {
            "author": author_name(entry),
            "title": proposal.title,
        }
    url = reverse("collaboration:discussion", args=[proposal.pk]) + f"#entry-{entry.pk}"
    notify(
        entry_recipients(entry),
        proposal,
        message,
        url=url,
        mail="collaboration/email/discussion_entry",
        context={
            "proposal": proposal,
            "entry": entry,
            "author": author_name(entry),
            "discussion_url": url,
        },
        key=f"discussion_entry:{entry.pk}",
    )
