"""The secretariat's forms: calling for a year's reports, and returning a report."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamakura_portal.dates import fiscal_year, fiscal_year_label

from ..models import Plan


class RoundForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year reported on"), coerce=int)
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Departments are reminded by mail before this day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ModelChoiceField)
        plan_field.queryset = Plan.objects.order_by("municipality", "-edition_year", "code")
        current = fiscal_year(timezone.localdate())
        year_field = self.fields["fiscal_year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [
            (year, fiscal_year_label(year)) for year in range(current, current - 6, -1)
        ]

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What the department should correct"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The lead department reads this in the portal and by mail."),
    )
