"""The answer form, built from a survey's questions; one set of checks with the service.

Field ``q<id>`` holds a question's answer and ``q<id>_other`` the text of 「その他」. Fields
keep ``required`` for the 「※必須」 badge, but the requirement itself is checked by
:func:`surveys.answering.check_answers` (a draft may leave questions empty; submitting may not),
whose messages appear beside the questions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..answering import AnswerValue, check_answers
from ..models import Question

SCALE_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def _field(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.text,
        "required": question.required,
        "help_text": question.help_text,
    }
    options = [(str(o.pk), o.label) for o in question.options.all()]
    if question.kind == Question.Kind.SINGLE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == Question.Kind.MULTIPLE:
        if question.max_choices:
            limit = _("Choose up to %(count)s.") % {"count": question.max_choices}
            common["help_text"] = f"{question.help_text} {limit}".strip()
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == Question.Kind.SCALE:
        meaning = _("1 is the lowest, 5 the highest.")
        common["help_text"] = f"{question.help_text} {meaning}".strip()
        return forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
    if question.kind == Question.Kind.NUMBER:
        return forms.DecimalField(max_digits=14, decimal_places=2, **common)
    return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, questions: list[Question], complete: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.complete = complete
        for question in questions:
            self.fields[f"q{question.pk}"] = _field(question)
            if question.has_other:
                self.fields[f"q{question.pk}_other"] = forms.CharField(
                    label=_("If “Other”, what?"), required=False, max_length=1000
                )

    def question_fields(self) -> list[tuple[Question, forms.BoundField, Any]]:
        """``(question, field, other-text field or None)`` in order, for the template."""
        return [
            (
                q,
                self[f"q{q.pk}"],
                self[f"q{q.pk}_other"] if q.has_other else None,
            )
            for q in self.questions
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The requirement is the service's rule (drafts may be partial): drop Django's own.
        for name in list(self.errors):
            codes = {error.code for error in self.errors[name].as_data()}
            if name.startswith("q") and codes == {"required"}:
                del self.errors[name]
        if not self.errors:
            self.show_problems(check_answers(self.questions, self.values(), complete=self.complete))
        return cleaned

    def show_problems(self, problems: dict[int, str]) -> None:
        for question_id, message in problems.items():
            self.add_error(f"q{question_id}", message)

    def values(self) -> dict[int, AnswerValue]:
        data = self.cleaned_data
        values = {}
        for q in self.questions:
            raw = data.get(f"q{q.pk}")
            value = AnswerValue(text=data.get(f"q{q.pk}_other", "") or "")
            if q.kind == Question.Kind.SINGLE and raw:
                value.option_ids = [int(raw)]
            elif q.kind == Question.Kind.MULTIPLE:
                value.option_ids = list(dict.fromkeys(int(pk) for pk in raw or []))
            elif q.kind == Question.Kind.SCALE and raw:
                value.number = Decimal(raw)
            elif q.kind == Question.Kind.NUMBER:
                value.number = raw
            elif q.kind == Question.Kind.TEXT:
                value.text = raw or ""
            values[q.pk] = value
        return values


def initial_for(questions: list[Question], values: dict[int, AnswerValue]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for q in questions:
        value = values.get(q.pk)
        if value is None:
            continue
        name = f"q{q.pk}"
        if q.kind == Question.Kind.SINGLE:
            initial[name] = str(value.option_ids[0]) if value.option_ids else ""
        elif q.kind == Question.Kind.MULTIPLE:
            initial[name] = [str(pk) for pk in value.option_ids]
        elif q.kind == Question.Kind.SCALE:
            initial[name] = str(int(value.number)) if value.number is not None else ""
        elif q.kind == Question.Kind.NUMBER:
            initial[name] = value.number
        else:
            initial[name] = value.text
        if q.has_other:
            initial[f"{name}_other"] = value.text
    return initial
