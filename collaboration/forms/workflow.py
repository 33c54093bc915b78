"""The small forms behind the proposal's buttons: a move (with its reason and outcome), a
side's confirmation (of sections 1–3 or of the agreement), a reviewer to remove.

Every value posted goes through a form before it reaches the database: a NUL byte or an
overlong reason is refused like any other bad input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Confirmation, Proposal

REASON_MAX_LENGTH = 2000


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Status"), choices=Proposal.Status.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX_LENGTH)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", ""), *Proposal.Outcome.choices]
    )


class SideForm(forms.Form):
    side = forms.ChoiceField(label=_("Side"), choices=Confirmation.ConfirmingSide.choices)


class VersionSideForm(SideForm):
    """A side's confirmation of one version of the agreement."""

    version = forms.IntegerField(label=_("Version"), min_value=1)


class MemberForm(forms.Form):
    """A member of the review panel, by id (to remove them)."""

    member = forms.IntegerField(label=_("Reviewer"), min_value=1)


def error_messages(form: forms.Form) -> list[str]:
    """A refused button's errors as messages for the page it returns to: "label: error"."""
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]
