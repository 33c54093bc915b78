from __future__ import annotations

from django import forms

from .models import SitePage


class SitePageForm(forms.ModelForm):
    class Meta:
        model = SitePage
        fields = ["title", "body", "revised_on"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24}),
            "revised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
