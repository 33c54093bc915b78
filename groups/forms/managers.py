"""The form of the manager's page: inviting a co-manager by email."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .fields import JapaneseEmailField


class InviteManagerForm(forms.Form):
    email = JapaneseEmailField(
        label=_("Email address of the person to invite"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = gettext(
            "We mail them a link to accept. It works once, for %(days)s days."
        ) % {"days": settings.PORTAL_INVITATION_DAYS}
