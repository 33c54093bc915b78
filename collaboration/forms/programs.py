"""The secretariat's form of a programme: window, amounts and eligibility rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kamakura_portal.forms import YenField

from ..models import Program


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "name",
            "description",
            "first_fiscal_year",
            "last_fiscal_year",
            "allows_group_proposals",
            "allows_city_proposals",
            "max_amount_per_year",
            "max_years",
            "requires_registered_group",
            "max_years_since_founding",
            "min_years_active",
            "min_officers",
            "min_citizen_members",
            "eligibility_notes",
        ]
        field_classes = {"max_amount_per_year": YenField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligibility_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        first = self.cleaned_data.get("first_fiscal_year")
        last = self.cleaned_data.get("last_fiscal_year")
        if first and last and last < first:
            self.add_error(
                "last_fiscal_year", _("The last fiscal year cannot be before the first.")
            )
        return self.cleaned_data
