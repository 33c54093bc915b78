"""Forms of the implementation and the evaluation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    CommitteeEvaluation,
    Grade,
    Milestone,
    MutualReview,
    Proposal,
    SelfEvaluation,
)
from ..models.evaluation import ITEMS

SELF_FIELDS = [
    name for prefix, _label in ITEMS for name in (f"{prefix}_grade", f"{prefix}_comment")
]


class SelfEvaluationForm(forms.ModelForm):
    class Meta:
        model = SelfEvaluation
        fields = SELF_FIELDS
        widgets = {
            **{f"{prefix}_grade": forms.RadioSelect for prefix, _label in ITEMS},
            **{f"{prefix}_comment": forms.Textarea(attrs={"rows": 2}) for prefix, _label in ITEMS},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prefix, _label in ITEMS:
            # A radio group without an empty choice: every item gets a grade.
            field = self.fields[f"{prefix}_grade"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = Grade.choices

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SELF_FIELDS}


class MutualReviewForm(forms.ModelForm):
    class Meta:
        model = MutualReview
        fields = ["shared", "differed", "to_improve"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CommitteeEvaluationForm(forms.ModelForm):
    class Meta:
        model = CommitteeEvaluation
        fields = ["grade", "comment"]
        widgets = {"grade": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["grade"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = CommitteeEvaluation.CommitteeGrade.choices


class MilestoneProgressForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["done_on", "progress_note"]
        widgets = {
            "done_on": forms.DateInput(attrs={"type": "date"}),
            "progress_note": forms.Textarea(attrs={"rows": 2}),
        }


class ReportForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["report_summary"]
        widgets = {"report_summary": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "report_summary": _("What was done, with the figures of the goals' indicators.")
        }
