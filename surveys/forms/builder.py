"""The builder's forms: a survey's settings, a question, a wording fix, a copy, a status move."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Question, Survey

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ("title", "fiscal_year", "audience", "opens_on", "closes_on", "anonymous", "intro")
        widgets = {
            "audience": forms.RadioSelect,
            "opens_on": DATE_INPUT,
            "closes_on": DATE_INPUT,
            "intro": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "fiscal_year": _("The fiscal year in 西暦, e.g. 2026 for 令和8年度."),
            "intro": _("Shown above the questions: the purpose, and how the answers are used."),
        }

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].min_value = 2000  # type: ignore[attr-defined]
        # Radio buttons need no "---------" entry: one of them is simply chosen.
        self.fields["audience"].choices = Survey.Audience.choices  # type: ignore[attr-defined]
        if locked:  # open survey: who answers, and whether named, stay as announced
            for name in ("audience", "anonymous"):
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Choice questions only: one option per line. Do not add 「その他」 here; tick "
            "“with an Other option” instead."
        ),
    )

    class Meta:
        model = Question
        fields = ("text", "key", "kind", "help_text", "required", "max_choices", "has_other")
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "help_text": forms.Textarea(attrs={"rows": 2}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Question.Kind.choices  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["options_text"] = "\n".join(
                o.label for o in self.instance.options.all() if not o.is_other
            )

    def option_labels(self) -> list[str]:
        labels = [line.strip() for line in self.cleaned_data.get("options_text", "").splitlines()]
        return [label for label in labels if label]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        labels = self.option_labels()
        if kind in Question.CHOICE_KINDS:
            if len(labels) < 2:
                self.add_error("options_text", _("Enter at least two options, one per line."))
            elif len(set(labels)) != len(labels):
                self.add_error("options_text", _("Each option must be different."))
        max_choices = cleaned.get("max_choices")
        if kind == Question.Kind.MULTIPLE and max_choices is not None:
            if max_choices < 1:
                self.add_error("max_choices", _("Enter 1 or more, or leave it empty."))
            elif max_choices > len(labels) + int(bool(cleaned.get("has_other"))):
                self.add_error("max_choices", _("This is more than the number of options."))
        return cleaned


class WordingFixForm(forms.Form):
    text = forms.CharField(
        label=_("New wording"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason for the fix"),
        max_length=500,
        help_text=_("Kept with the question: answers already given read the old wording."),
    )


class CopyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Opening date"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Closing date"), widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to reopen a survey or withdraw published results."),
    )
