"""The forms of invitations (打診): the workbench's shortlist and invitation, the group's
answer, a raised hand, and the buttons of the pipeline.

Every posted value goes through a form; the rules of the invitation itself (a registered
group, no second invitation, an open public need) are the service's, whose refusals come back
next to the field they concern.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from groups.models import ActivityField, CitizenGroup, District, OrganizationType
from kamakura_portal.widgets import QuickCheckboxSelectMultiple

from ..matching import Filters
from ..models import Invitation

TEXT_MAX_LENGTH = 2000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SHORTLIST, INVITE = "shortlist", "invite"


def default_answer_by() -> datetime.date:
    days = settings.PORTAL_NEED_INVITATION_ANSWER_DAYS
    return timezone.localdate() + datetime.timedelta(days=days)


class InviteForm(forms.Form):
    """The groups ticked on the workbench, and what to do with them.

    Any group may be posted (the page offers the ranked candidates): one that is not
    registered is refused by the service by name, rather than as an unknown choice.
    """

    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"),
        queryset=CitizenGroup.objects.all(),
        error_messages={
            "required": _("Choose at least one group."),
            "invalid_choice": _("One of the chosen groups does not exist."),
            "invalid_pk_value": _("One of the chosen groups does not exist."),
        },
    )
    message = forms.CharField(
        label=_("Message to the groups"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the centre thinks of them and what the department hopes for."),
    )
    answer_by = forms.DateField(
        label=_("Answer by"),
        required=False,
        widget=DATE,
        help_text=_("Unanswered invitations expire after this day."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(SHORTLIST, _("Add to the shortlist")), (INVITE, _("Invite"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"answer_by": default_answer_by()})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == INVITE:
            if not (data.get("message") or "").strip() and "message" not in self.errors:
                self.add_error("message", _("Write a message to the groups."))
            if data.get("answer_by") is None and "answer_by" not in self.errors:
                self.add_error("answer_by", _("Enter the date to answer by."))
        return data


class AnswerForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=[
            ("interested", pgettext_lazy("invitation", "Interested")),
            ("declined", _("Decline")),
        ],
        coerce=lambda value: value == "interested",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose interested or decline.")},
    )
    note = forms.CharField(
        label=_("Note for the centre and the department"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example when the group could start, or why it declines."),
    )


class RaiseHandForm(forms.Form):
    """A manager's 関心あり on a public need, for one of the registered groups they manage."""

    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=CitizenGroup.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the groups you manage.")},
    )
    note = forms.CharField(
        label=_("What your group could do"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = CitizenGroup.objects.filter(
            pk__in=user.managed_group_ids, status=CitizenGroup.Status.REGISTERED
        ).order_by("name_kana", "pk")


class InvitationMoveForm(forms.Form):
    """A button of the pipeline: the status to move to, and the reason when one is asked."""

    to = forms.ChoiceField(label=_("Status"), choices=Invitation.Status.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=TEXT_MAX_LENGTH)


class CandidateFilterForm(forms.Form):
    """The workbench's hard filters (GET): only groups of these fields, areas, organisation
    types or interests are ranked. Nothing ticked: no filter."""

    activity_fields = forms.ModelMultipleChoiceField(
        label=_("Activity fields"),
        queryset=ActivityField.objects.cached().filter(is_active=True),
        required=False,
        widget=QuickCheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Areas (groups active city-wide are kept)"),
        queryset=District.objects.cached().filter(is_active=True),
        required=False,
        widget=QuickCheckboxSelectMultiple,
    )
    organisation_types = forms.ModelMultipleChoiceField(
        label=_("Organisation types"),
        queryset=OrganizationType.objects.cached().filter(is_active=True),
        required=False,
        widget=QuickCheckboxSelectMultiple,
    )
    interests = forms.MultipleChoiceField(
        label=_("Interest in collaboration"),
        choices=CitizenGroup.Interest.choices,
        required=False,
        widget=QuickCheckboxSelectMultiple,
    )

    def filters(self) -> Filters:
        """The filters for :func:`coordination.matching.rank_groups` (none if invalid)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            fields=tuple(term.pk for term in data["activity_fields"]),
            districts=tuple(term.pk for term in data["districts"]),
            organisation_types=tuple(term.pk for term in data["organisation_types"]),
            interests=tuple(data["interests"]),
        )
