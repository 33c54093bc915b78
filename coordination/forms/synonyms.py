"""The centre staff's form of a civic synonym set: the words, one per line, and a note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kamakura_portal.models import CivicSynonym, split_words

_LONGEST_WORD = 40


class CivicSynonymForm(forms.ModelForm):
    class Meta:
        model = CivicSynonym
        fields = ["words", "note"]
        widgets = {"words": forms.Textarea(attrs={"rows": 5})}

    def clean_words(self) -> str:
        words = split_words(self.cleaned_data["words"])
        if len(words) < 2:
            raise forms.ValidationError(
                _("Enter at least two words that mean the same thing."), code="too_few"
            )
        long = [word for word in words if len(word) > _LONGEST_WORD]
        if long:
            raise forms.ValidationError(
                _("Keep each word under %(limit)d characters: %(words)s")
                % {"limit": _LONGEST_WORD, "words": "、".join(long)},
                code="too_long",
            )
        return "\n".join(words)
