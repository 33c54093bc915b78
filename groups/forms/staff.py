"""The centre staff's forms on a group's staff page: review, status change, staff note.

The three forms share one page, so each gives its inputs their own ids (``auto_id``) while
the names posted stay plain (``decision``, ``reason``, ``to``, ``body``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Visitor
from kamakura_portal.workflow import allowed_moves

from ..models import CitizenGroup
from ..workflow import REVIEW, STAFF

Status = CitizenGroup.Status

APPROVE = "approve"
RETURN = "return"

# How a move reads as an action on the staff page.
MOVE_LABELS = {
    Status.REGISTERED: _("Restore the registration"),
    Status.RETURNED: _("Return to the group"),
    Status.SUSPENDED: _("Suspend"),
    Status.ARCHIVED: _("Archive: off the registry, nothing is deleted"),
}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (APPROVE, _("Approve: the group appears in the public directory")),
            (RETURN, _("Return: the group fixes the registration and submits it again")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for returning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed to return the registration. The group's managers receive it by mail."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "review_%s")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == RETURN and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Write why the registration is returned."))
        return cleaned


class StatusForm(forms.Form):
    """The moves staff may make from the group's current status, and why."""

    to = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Needed to suspend or archive a group. The group's managers receive it by mail."
        ),
    )

    def __init__(self, *args: Any, group: CitizenGroup, user: Visitor, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "status_%s")
        super().__init__(*args, **kwargs)
        # The staff's moves only: a staff member who also manages the group renews it on
        # the managers' page.
        moves = [m for m in allowed_moves(group, user) if m.permission in (REVIEW, STAFF)]
        self.needs_reason = {move.target for move in moves if move.reason_required}
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (move.target, MOVE_LABELS.get(Status(move.target), Status(move.target).label))
            for move in moves
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("to") in self.needs_reason and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Write the reason; the group's managers will read it."))
        return cleaned


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("New note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only staff read notes: consultations, phone calls, things to follow up."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)
