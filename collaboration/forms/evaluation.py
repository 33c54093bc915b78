"""Forms of the implementation and the evaluation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseModelFormSet, modelformset_factory
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
from .rows import MAX_ROWS

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


class MilestoneProgressFormSet(BaseModelFormSet):
    """The progress of the project's own milestones, one form each: a posted form count that
    adds forms (tampered management data, or a milestone added meanwhile) is refused."""

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not self.management_form.is_valid():
            return  # Django has said that the management data is missing or broken
        if self.management_form.cleaned_data["TOTAL_FORMS"] != self.initial_form_count():
            # One clear message, also in place of Django's "at most N forms" for a huge count.
            self._non_form_errors = self.error_class(
                [
                    ValidationError(
                        _(
                            "The list of milestones has changed. "
                            "Reload the page and enter the progress again."
                        ),
                        code="milestones_changed",
                    )
                ],
                error_class="nonform",
            )


MilestoneFormSet = modelformset_factory(
    Milestone,
    form=MilestoneProgressForm,
    formset=MilestoneProgressFormSet,
    extra=0,
    # A tampered count builds no more forms than a project has rows.
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["report_summary"]
        widgets = {"report_summary": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "report_summary": _("What was done, with the figures of the goals' indicators.")
        }
