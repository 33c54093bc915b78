"""The discussion of a proposal (協議記録): writing entries and staff-only notes.

Attachments are checked by :class:`collaboration.forms.discussion.EntryForm` (type and
size) before they reach here; this module checks who may write what.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User, Visitor

from ..errors import ProposalError
from ..models import DiscussionEntry, Proposal
from ..notifications.discussion import announce_entry


@transaction.atomic
def add_entry(
    proposal: Proposal,
    author: User,
    body: str,
    *,
    staff_only: bool = False,
    attachment: UploadedFile | None = None,
) -> DiscussionEntry:
    """Save the entry and tell those taking part (in the same transaction)."""
    # Every side and permission check, the author's and the recipients', reads the
    # partners: load them once.
    proposal = Proposal.objects.prefetch_related(
        "counterpart_groups", "counterpart_departments"
    ).get(pk=proposal.pk)
    if not author.has_perm("collaboration.discuss_proposal", proposal):
        raise ProposalError(_("You do not take part in the discussion of this proposal."))
    if staff_only and not author.has_perm("collaboration.view_staff_notes", proposal):
        raise ProposalError(_("Only staff write staff-only notes."))
    body = body.strip()
    if not body:
        raise ProposalError(_("Write the entry before saving it."))
    entry = DiscussionEntry(proposal=proposal, author=author, body=body, staff_only=staff_only)
    if attachment is not None:
        entry.attachment_name = (attachment.name or "")[:200]
        entry.attachment.save(attachment.name or "file", attachment, save=False)
    entry.save()
    announce_entry(entry)
    return entry


def entries_for(proposal: Proposal, user: Visitor) -> list[DiscussionEntry]:
    """The entries ``user`` may read, oldest first (one query); staff notes only for staff."""
    entries = proposal.discussion.select_related("author")
    if not user.has_perm("collaboration.view_staff_notes", proposal):
        entries = entries.filter(staff_only=False)
    return list(entries)
