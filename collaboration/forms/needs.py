"""The forms of department needs: posting or editing one, and moving its status."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User, Visitor
from accounts.rules import is_secretariat
from groups.forms.fields import JapaneseEmailField, PhoneField
from groups.models import ActivityField, District
from kamakura_portal.forms import YenField
from kamakura_portal.workflow import allowed_moves

from ..models import DepartmentNeed
from .base import ChangesForm


class NeedForm(ChangesForm):
    """A need's fields; ``changes()`` gives what
    :func:`collaboration.services.needs.save_need` saves."""

    many_fields = ("activity_fields", "districts")

    class Meta:
        model = DepartmentNeed
        fields = [
            "department",
            "title",
            "background",
            "wanted",
            "activity_fields",
            "districts",
            "starts_on",
            "ends_on",
            "apply_by",
            "contact_name",
            "contact_phone",
            "contact_email",
            "budget_min",
            "budget_max",
            "is_public",
        ]
        # The same typing help as the groups' contacts: full-width digits, any dash.
        field_classes = {
            "contact_phone": PhoneField,
            "contact_email": JapaneseEmailField,
            "budget_min": YenField,
            "budget_max": YenField,
        }
        widgets = {
            "background": forms.Textarea(attrs={"rows": 4}),
            "wanted": forms.Textarea(attrs={"rows": 4}),
            "activity_fields": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "apply_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "background": _("Why the department wants help: the situation and its problem."),
            "wanted": _("What the department hopes a group will do, and what it can offer."),
            "budget_min": _("Leave empty if there is no budget, or if it is not decided yet."),
            "contact_name": _("The department's staff member groups and the centre may ask."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        departments = Department.objects.filter(is_active=True, kind="section")
        if not is_secretariat(user):
            departments = departments.filter(pk__in=user.department_ids)
        department = cast(forms.ModelChoiceField, self.fields["department"])
        department.queryset = departments
        if self.instance.pk is None and len(user.department_ids) == 1:
            department.initial = next(iter(user.department_ids))
        if not is_secretariat(user) and len(user.department_ids) == 1:
            department.empty_label = None  # one department: no 「---------」 to choose first
        fields = cast(forms.ModelMultipleChoiceField, self.fields["activity_fields"])
        fields.queryset = ActivityField.objects.filter(
            is_active=True, taxonomy=ActivityField.Taxonomy.CENTRE
        )
        districts = cast(forms.ModelMultipleChoiceField, self.fields["districts"])
        districts.queryset = District.objects.filter(is_active=True)
        self.fields["contact_name"].required = True

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end of the period cannot be before its start."))
        if not data.get("contact_phone") and not data.get("contact_email"):
            self.add_error(
                "contact_phone", _("Enter a telephone number or an email address of the contact.")
            )
        apply_by = data.get("apply_by")
        if apply_by and ends and apply_by > ends:
            self.add_error("apply_by", _("Applications cannot close after the period ends."))
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and high < low:
            self.add_error("budget_max", _("The upper amount cannot be below the lower one."))
        return data


class NeedStatusForm(forms.Form):
    """The statuses the user may move the need to from where it stands."""

    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, need: DepartmentNeed, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (move.target, DepartmentNeed.Status(move.target).label)
            for move in allowed_moves(need, user)
        ]
