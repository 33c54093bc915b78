"""The progress report a lead department writes: text, indicators and evidence links.

A draft may be saved half-written; the fields the secretariat needs carry
``required_to_submit`` so that their label says 「※必須」 all the same, and submission checks
them (:func:`measures.services.missing_for_submission`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from kamakura_portal.forms import YenField

from ..models import IndicatorValue, ProgressReport
from ..services import missing_for_submission


class ReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["progress", "grade", "achievements", "issues", "next_steps", "spending"]
        field_classes = {"spending": YenField}
        widgets = {
            "progress": forms.RadioSelect,
            "grade": forms.RadioSelect,
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "issues": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "grade": _("How the year went against the measure's aim, in the department's view."),
            "achievements": _(
                "What was done in the fiscal year, with numbers where you have them."
            ),
            "spending": _("In yen, for example 300,000. Leave empty if the measure has no budget."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Radios need no blank choice: an unanswered group of radios is the blank.
        for name, choices in (
            ("progress", ProgressReport.Progress.choices),
            ("grade", ProgressReport.Grade.choices),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        for gap_field in ("progress", "grade", "achievements", "next_steps"):
            self.fields[gap_field].required_to_submit = True  # type: ignore[attr-defined]

    def clean_spending(self) -> Any:
        spending = self.cleaned_data.get("spending")
        if spending is not None and spending < 0:
            raise ValidationError(_("Spending cannot be negative."))
        return spending

    def add_submission_gaps(self) -> bool:
        """Put each field missing for submission beside its field; True if there was one."""
        draft = ProgressReport(
            **{
                name: self.cleaned_data.get(name) or ""
                for name in ("progress", "grade", "achievements", "next_steps")
            }
        )
        gaps = missing_for_submission(draft)
        for gap in gaps:
            self.add_error(gap.section, str(gap))
        return bool(gaps)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["name", "unit", "target", "actual"]
        widgets = {
            "target": forms.NumberInput(attrs={"inputmode": "decimal"}),
            "actual": forms.NumberInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A spare row may stay empty; a row with values needs its name (see clean).
        self.fields["name"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and any(
            data.get(f) not in (None, "") for f in ("unit", "target", "actual")
        ):
            self.add_error("name", _("Name the indicator these values belong to."))
        return data


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    url = forms.CharField(
        label=_("Address (URL)"),
        max_length=500,
        required=False,
        help_text=_("An address starting with https://, or a page of this portal starting with /."),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url", "").strip()
        if not url:
            return url
        if url.startswith("/") and not url.startswith("//"):
            return url
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError(
                _("Enter an address starting with https:// or a portal page starting with /.")
            ) from None
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("url") and not data.get("title"):
            self.add_error("title", _("Give the link a title that says what it shows."))
        if data.get("title") and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Enter the address of the link."))
        return data


# Two spare rows under the filled ones: a row is added by filling one in, removed by emptying
# its name or title, with or without JavaScript.
# absolute_max: a posted row count beyond the limit is refused without building the forms.
IndicatorFormSet = forms.formset_factory(
    IndicatorForm, extra=2, max_num=20, absolute_max=20, validate_max=True
)
EvidenceFormSet = forms.formset_factory(
    EvidenceForm, extra=2, max_num=20, absolute_max=20, validate_max=True
)


def filled_rows(formset: forms.BaseFormSet[Any], key: str) -> list[dict[str, Any]]:
    """The cleaned rows that were filled in (an empty spare row is not a row)."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k not in ("DELETE",)}
        for form in formset.forms
        if form.cleaned_data.get(key) and not form.cleaned_data.get("DELETE")
    ]
