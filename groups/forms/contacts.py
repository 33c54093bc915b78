"""The contacts section: 代表者 and 連絡担当者, each item with its own public switch."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Contact
from .fields import JapaneseEmailField, KanaField, PhoneField, PostalCodeField


class ContactForm(forms.ModelForm):
    """代表者 or 連絡担当者; every item has its own 「公開する」 box, private by default."""

    class Meta:
        model = Contact
        fields = [field for item in Contact.ITEMS for field in (item, f"{item}_public")]
        field_classes = {
            "name_kana": KanaField,
            "postal_code": PostalCodeField,
            "phone": PhoneField,
            "email": JapaneseEmailField,
        }
        labels = {
            "name": _("Name"),
            "name_kana": _("Furigana of the name"),
            "postal_code": _("Postal code"),
            "address": _("Address"),
            "phone": _("Telephone"),
            "email": _("Email"),
        }
        help_texts = {
            "name_kana": _("In katakana."),
            "postal_code": _("For example 248-0005."),
            "phone": _("For example 0467-23-3000."),
        }

    def __init__(self, data: Any = None, *, contact: Contact, **kwargs: Any) -> None:
        # The form validates a copy: an invalid entry never shows up on the saved contact.
        super().__init__(data, instance=copy.copy(contact), **kwargs)
        self.contact = contact
        self.kind = contact.kind
        for item in Contact.ITEMS:
            label = self.fields[item].label
            self.fields[f"{item}_public"].label = gettext("Make public (%(item)s)") % {
                "item": label
            }
        self.fields["postal_code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code"}
        )
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if self.kind == Contact.Kind.REPRESENTATIVE:
            self.fields["name"].required = True

    def items(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each item's field with its 「公開する」 box, in display order."""
        return [(self[item], self[f"{item}_public"]) for item in Contact.ITEMS]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            self.kind == Contact.Kind.REPRESENTATIVE
            and "phone" in data
            and "email" in data
            and not (data["phone"] or data["email"])
        ):
            self.add_error(
                "phone",
                _("Enter a telephone number or an email address for the centre to reach you."),
            )
        return data

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}
