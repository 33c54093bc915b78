"""The agreement's form: purpose, period, roles, responsibilities (and an amendment's reason)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AgreementVersion


class AgreementForm(forms.ModelForm):
    class Meta:
        model = AgreementVersion
        fields = ["purpose", "period_start", "period_end", "roles", "responsibilities", "reason"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "roles": forms.Textarea(attrs={"rows": 5}),
            "responsibilities": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, amendment: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if amendment:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        start, end = self.cleaned_data.get("period_start"), self.cleaned_data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return self.cleaned_data

    def fields_to_save(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in self.Meta.fields}
