"""One form-rendering style for the whole portal (Django forms and allauth alike), and the
fields every app's forms share."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form with ``forms/form.html`` and every field with ``forms/field.html``.

    The field template prints the label with 「※必須」 or 「※任意」, the help text and the
    errors, and ties both to the input with ``aria-describedby``.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


# A mail address as the database keeps one (the users' and contacts' EmailField columns):
# every form that takes an address stops there, so a longer one is an error beside the field.
EMAIL_MAX_LENGTH = 254


class YenField(forms.IntegerField):
    """An amount in yen as people type it: 300,000, not ３０万, but ３００，０００, 300000円 and
    ¥300,000 yes. A text input, so no HTML min or max (a number input would refuse the commas in
    the browser); the limits are checked on the server."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, **kwargs: Any) -> None:
        # Also for a DecimalField column of whole yen: as many digits as it holds.
        digits = kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        kwargs.setdefault("min_value", 0)
        if digits:
            kwargs.setdefault("max_value", 10**digits - 1)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()
            value = re.sub(r"[,\s]", "", text.removeprefix("¥").removesuffix("円"))
        return super().to_python(value)
