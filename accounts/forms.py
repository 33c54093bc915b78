from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


class PortalSignupForm(SignupForm):
    """allauth's sign-up form with the name other users will see."""

    display_name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Shown to the centre and to other users, e.g. 鎌倉 花子."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def save(self, request: Any) -> User:
        user = super().save(request)
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])
        return user
