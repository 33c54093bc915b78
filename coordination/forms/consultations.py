"""The form of the consultation log: one consultation, recorded or edited.

Who asked is chosen first (a registered group, a department, or a person by name), then the
matching field is required and the other two are emptied, so the row always satisfies the
table's one-asker constraint. ``changes()`` gives what
:func:`coordination.services.consultations.save_consultation` saves.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Department, Role, User
from groups.models import CitizenGroup

from ..models import Consultation, Method, Topic

GROUP, DEPARTMENT, PERSON = "group", "department", "person"
ASKER_KINDS = [
    (GROUP, _("A registered group")),
    (DEPARTMENT, _("A city department")),
    (PERSON, pgettext_lazy("who asked", "A person or an unregistered group")),
]
ASKER_MISSING = {
    GROUP: _("Choose the group that asked."),
    DEPARTMENT: _("Choose the department that asked."),
    PERSON: _("Enter the name of the person who asked."),
}
ASKER_FIELDS = {GROUP: "group", DEPARTMENT: "department", PERSON: "person_name"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(forms.ModelForm):
    asker_kind = forms.ChoiceField(
        label=_("Who asked"), choices=ASKER_KINDS, widget=forms.RadioSelect
    )
    follow_up_done = forms.BooleanField(label=_("The follow-up is done"), required=False)

    class Meta:
        model = Consultation
        fields = [
            "consulted_on",
            "method",
            "staff",
            "asker_kind",
            "group",
            "department",
            "person_name",
            "topics",
            "content",
            "referral",
            "follow_up",
            "next_action_on",
            "follow_up_done",
        ]
        widgets = {
            "consulted_on": DATE,
            "next_action_on": DATE,
            "method": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            "content": forms.Textarea(attrs={"rows": 6}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "group": _("Group (when a registered group asked)"),
            "department": _("Department (when a city department asked)"),
            "person_name": _("Name (when a person or an unregistered group asked)"),
        }
        help_texts = {
            "content": _("What was asked and what the centre answered."),
            "referral": _("The organisation or office the asker was referred to, if any."),
            "follow_up": _("What the centre will do next, and who will."),
            "next_action_on": _(
                "On this day the staff member is reminded in their inbox, unless the follow-up "
                "is marked done by then."
            ),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance
        # Radios offer the methods only: no 「---------」 to pick.
        cast(forms.ChoiceField, self.fields["method"]).choices = Method.choices
        staff = cast(forms.ModelChoiceField, self.fields["staff"])
        staff.queryset = (
            User.objects.filter(
                Q(roles__role=Role.CENTRE_STAFF, is_active=True) | Q(pk=current.staff_id)
            )
            .distinct()
            .order_by("display_name", "email")
        )
        group = cast(forms.ModelChoiceField, self.fields["group"])
        group.queryset = CitizenGroup.objects.exclude(
            Q(status=CitizenGroup.Status.DRAFT) & ~Q(pk=current.group_id)
        ).order_by("name_kana", "pk")
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = Department.objects.filter(
            Q(is_active=True, kind=Department.Kind.SECTION) | Q(pk=current.department_id)
        )
        topics = cast(forms.ModelMultipleChoiceField, self.fields["topics"])
        in_use = Q(is_active=True)
        if current.pk is not None:
            in_use |= Q(consultations=current.pk)  # a retired topic it was filed under stays
        topics.queryset = Topic.objects.filter(in_use).distinct()
        if current.pk is None:
            if user.has_role(Role.CENTRE_STAFF):
                self.initial.setdefault("staff", user.pk)
            self.initial.setdefault("consulted_on", timezone.localdate())
        else:
            self.initial.setdefault("asker_kind", _asker_kind(current))
            self.initial.setdefault("follow_up_done", current.follow_up_done)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("asker_kind")
        if kind in ASKER_FIELDS:
            for other, field in ASKER_FIELDS.items():
                if other != kind:
                    data[field] = "" if field == "person_name" else None
            if not data.get(ASKER_FIELDS[kind]):
                self.add_error(ASKER_FIELDS[kind], ASKER_MISSING[kind])
        today = timezone.localdate()
        consulted = data.get("consulted_on")
        if consulted and consulted > today:
            self.add_error("consulted_on", _("A consultation is recorded once it has happened."))
        next_action = data.get("next_action_on")
        if next_action and consulted and next_action < consulted:
            self.add_error(
                "next_action_on", _("The next action cannot come before the consultation.")
            )
        if next_action and not data.get("follow_up", "").strip():
            self.add_error("follow_up", _("Say what is to be done by the next-action date."))
        return data

    def changes(self) -> tuple[dict[str, Any], list[Topic]]:
        """The consultation's fields and its topics, as the service takes them."""
        data = self.cleaned_data
        extra = ("asker_kind", "follow_up_done", "topics")
        fields = {name: data[name] for name in self.fields if name not in extra}
        done_on = self.instance.follow_up_done_on
        if data["follow_up_done"]:
            fields["follow_up_done_on"] = done_on or timezone.localdate()
        else:
            fields["follow_up_done_on"] = None
        return fields, list(data["topics"])


def _asker_kind(consultation: Consultation) -> str:
    if consultation.group_id is not None:
        return GROUP
    if consultation.department_id is not None:
        return DEPARTMENT
    return PERSON
