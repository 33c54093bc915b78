"""Forms of the report pages: each kind's parameters (``Kind.form``) and publication."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import Kind


def request_form(kind: Kind, data: Any = None) -> forms.Form:
    """The kind's form of parameters, prefixed with its code so that several forms of one
    page keep their own field ids."""
    return kind.form(data, prefix=kind.code)


class PublicationForm(forms.Form):
    publish = forms.TypedChoiceField(
        label=_("Publication"),
        choices=[("1", _("Publish")), ("0", _("Unpublish"))],
        coerce=lambda value: value == "1",
    )
