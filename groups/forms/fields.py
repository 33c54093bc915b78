"""Form fields for Japanese input: normalised first (width, kana, dashes), then validated.

Hiragana フリガナ become katakana; full-width digits, letters and dashes in postal codes,
phone numbers, web and mail addresses become half-width.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms

from kamakura_portal.forms import EMAIL_MAX_LENGTH
from kamakura_portal.japanese import (
    normalize_kana,
    normalize_phone,
    normalize_postal_code,
    validate_kana,
)


class KanaField(forms.CharField):
    """フリガナ: hiragana and half-width katakana are converted, anything else is an error."""

    default_validators = [validate_kana]

    def to_python(self, value: Any) -> str:
        return normalize_kana(super().to_python(value) or "")


class PostalCodeField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return normalize_postal_code(super().to_python(value) or "")


class PhoneField(forms.CharField):
    def to_python(self, value: Any) -> str:
        return normalize_phone(super().to_python(value) or "")


class JapaneseURLField(forms.URLField):
    """A web address typed on a Japanese keyboard: full-width letters and no scheme are fine."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return super().to_python(unicodedata.normalize("NFKC", value or "").strip()) or ""


class JapaneseEmailField(forms.EmailField):
    """A mail address typed on a Japanese keyboard, no longer than the columns that keep one."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", EMAIL_MAX_LENGTH)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return super().to_python(unicodedata.normalize("NFKC", value or "").strip()) or ""
