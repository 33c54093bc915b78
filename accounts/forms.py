from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pages.links import page_link

from .models import User


class PortalSignupForm(SignupForm):
    """allauth's sign-up form with the name other users will see."""

    display_name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Shown to the centre and to other users, e.g. 鎌倉 花子."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    agree_to_terms = forms.BooleanField(
        label=_("I agree to the terms of use and the privacy policy."),
        error_messages={
            "required": _("To sign up, read and agree to the terms of use and the privacy policy.")
        },
    )

    field_order = ["display_name", "email", "password1", "password2", "agree_to_terms"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agree_to_terms"].help_text = format_html(
            gettext("Read the {terms} and the {privacy} (each opens in a new tab)."),
            terms=page_link("terms"),
            privacy=page_link("privacy"),
        )

    def save(self, request: Any) -> User:
        user = super().save(request)
        user.display_name = self.cleaned_data["display_name"].strip()
        user.agreed_to_terms_at = timezone.now()
        user.save(update_fields=["display_name", "agreed_to_terms_at"])
        return user
