"""The secretariat's forms for plans, sections, tiers, categories and measures.

They check what one form can see (required fields, formats, choices limited to the plan's
own rows); :mod:`measures.editing` checks the rest and does the writing, so ``save()`` of
these model forms is never called.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Model, Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from kamakura_portal.forms import YenField

from ..editing import tree_order
from ..models import Category, Measure, Plan, PlannedStep, PlanSection, Tier


def label(model: type[Model], name: str) -> Any:
    """The model field's own label, as a model form would show it."""
    field: Any = model._meta.get_field(name)
    return capfirst(field.verbose_name)


YEAR = forms.NumberInput(attrs={"inputmode": "numeric", "class": "input--year"})


class PlanForm(forms.ModelForm):
    def validate_unique(self) -> None:
        """The code is checked by the service, whose message names it."""

    class Meta:
        model = Plan
        fields = [
            "title",
            "code",
            "municipality",
            "edition",
            "edition_year",
            "start_fiscal_year",
            "end_fiscal_year",
            "source_note",
            "issuer",
        ]
        widgets = {
            "edition_year": YEAR,
            "start_fiscal_year": YEAR,
            "end_fiscal_year": YEAR,
            "source_note": forms.Textarea(attrs={"rows": 3}),
            "issuer": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "code": _(
                "Letters, digits and hyphens; it is part of the plan's web address, "
                "e.g. kamakura-guideline-2026."
            ),
            "edition": _("As printed, e.g. 令和8年（2026年）8月 更新."),
            "start_fiscal_year": _("Western year, e.g. 2026."),
        }


class CopyEditionForm(forms.ModelForm):
    """The new edition's own details; everything else is copied from the old one."""

    class Meta:
        model = Plan
        fields = [
            "title",
            "code",
            "edition",
            "edition_year",
            "start_fiscal_year",
            "end_fiscal_year",
        ]
        widgets = PlanForm.Meta.widgets
        help_texts = PlanForm.Meta.help_texts

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["edition_year"].required = True

    def validate_unique(self) -> None:
        """The code is checked by :func:`measures.editions.copy_edition`."""


class SectionForm(forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["number", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {
            "number": _("As printed, e.g. 3. Leave empty for a section without a number."),
            "body": _("The text as printed in the booklet. An empty line starts a paragraph."),
        }


class TierForm(forms.ModelForm):
    class Meta:
        model = Tier
        fields = ["label", "code", "description"]
        help_texts = {
            "label": _("As printed, e.g. Ⅱ-ア."),
            "code": _("A short key, unique within the plan, e.g. II-a."),
        }


def category_choices(plan: Plan) -> list[tuple[int, str]]:
    """The plan's categories in print order, each named with its parents' labels, e.g.
    「(2) ア 市民活動団体等の活動資金の確保」, so that two ア of different parents differ."""
    return [(c.pk, f"{path}{c}") for c, _depth, path in tree_order(plan.categories.all())]


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["parent", "label", "title", "code", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "parent": _("Leave empty for a top-level heading."),
            "label": _("As printed, e.g. (3) or ア; may be empty."),
            "code": _("A short key, unique within the plan, e.g. 3-a."),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.queryset = plan.categories.all()
        parent.choices = [("", _("(top level)")), *category_choices(plan)]


class DepartmentChoiceField(forms.ModelMultipleChoiceField):
    """Departments as checkboxes grouped by their 部, current ones and those already chosen.

    Only what is offered is accepted: a 部 with 課 below it is a heading, not a choice.
    """

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, chosen: list[int], **kwargs: Any) -> None:
        headings = Department.objects.filter(parent__isnull=False).values("parent_id")
        offered = (
            Department.objects.filter(Q(is_active=True) | Q(pk__in=chosen))
            .exclude(Q(pk__in=headings) & ~Q(pk__in=chosen))
            .select_related("parent")
        )
        super().__init__(queryset=offered, **kwargs)

    def grouped_choices(self) -> list[tuple[Any, Any]]:
        """(部, [(課 id, name)…]) in the city's order; a 部 without 課 is a choice itself."""
        departments = list(self.queryset)  # type: ignore[arg-type]
        groups: dict[int, list[tuple[int, str]]] = {}
        tops: dict[int, Department] = {}
        for department in departments:
            top = department.parent or department
            tops.setdefault(top.pk, top)
            if department.parent is not None:
                groups.setdefault(top.pk, []).append((department.pk, department.name))
        ordered = sorted(tops.values(), key=lambda top: (top.sort_order, top.code))
        return [
            (top.name, groups[top.pk]) if top.pk in groups else (top.pk, top.name)
            for top in ordered
        ]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "title",
            "code",
            "category",
            "tier",
            "is_priority",
            "description",
            "need",
            "estimated_cost",
            "estimated_cost_text",
        ]
        field_classes = {"estimated_cost": YenField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "need": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "code": _("Unique within the plan; may be empty only where the plan gives none."),
            "estimated_cost": _("In yen, e.g. 1,300,000."),
            "estimated_cost_text": _("As the plan prints it, e.g. 1.3百万円."),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        measure = self.instance
        category: Any = self.fields["category"]
        category.queryset = plan.categories.all()
        category.choices = [("", _("(none)")), *category_choices(plan)]
        tier: Any = self.fields["tier"]
        tier.queryset = plan.tiers.all()
        tier.empty_label = _("(none)")
        chosen = list(measure.lead_departments.values_list("pk", flat=True)) if measure.pk else []
        departments = DepartmentChoiceField(
            chosen=chosen, label=label(Measure, "lead_departments"), required=False
        )
        departments.widget.choices = departments.grouped_choices()
        self.fields["lead_departments"] = departments
        others = plan.measures.exclude(pk=measure.pk) if measure.pk else plan.measures.all()
        self.fields["related"] = forms.ModelMultipleChoiceField(
            queryset=others,
            label=label(Measure, "related"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if measure.pk:
            self.initial.setdefault("lead_departments", chosen)
            self.initial.setdefault("related", list(measure.related.values_list("pk", flat=True)))


class PlannedStepForm(forms.Form):
    fiscal_year = forms.IntegerField(
        label=label(PlannedStep, "fiscal_year"),
        min_value=1900,
        max_value=2200,
        widget=YEAR,
        required=False,
    )
    text = forms.CharField(
        label=label(PlannedStep, "text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year, text = cleaned.get("fiscal_year"), (cleaned.get("text") or "").strip()
        if text and year is None and "fiscal_year" not in self.errors:
            self.add_error("fiscal_year", _("Enter the fiscal year of this step."))
        if year is not None and not text:
            self.add_error("text", _("Write the step, or clear the fiscal year to remove it."))
        return cleaned


class BasePlannedStepFormSet(forms.BaseFormSet):
    plan: Plan

    def clean(self) -> None:
        start, end = self.plan.start_fiscal_year, self.plan.end_fiscal_year
        seen: set[int] = set()
        for form in self.forms:
            year = form.cleaned_data.get("fiscal_year") if form.is_valid() else None
            if year is None:
                continue
            if year in seen:
                form.add_error("fiscal_year", _("Each fiscal year may have one step only."))
            elif (start is not None and year < start) or (end is not None and year > end):
                form.add_error(
                    "fiscal_year",
                    _("Choose a fiscal year within the plan's period (%(start)s–%(end)s).")
                    % {"start": start or "", "end": end or ""},
                )
            seen.add(year)

    def steps(self) -> dict[int, str]:
        """Fiscal year → text of the filled rows (empty rows are dropped)."""
        return {
            form.cleaned_data["fiscal_year"]: form.cleaned_data["text"].strip()
            for form in self.forms
            if form.cleaned_data.get("fiscal_year") is not None
        }


PlannedStepFormSet = forms.formset_factory(
    PlannedStepForm,
    formset=BasePlannedStepFormSet,
    extra=2,
    max_num=30,
    absolute_max=30,  # a tampered count builds no more forms than allowed
    validate_max=True,
)


def step_formset(plan: Plan, measure: Measure, data: Any = None) -> BasePlannedStepFormSet:
    """The measure's steps, oldest first, and two empty rows to add more."""
    initial = (
        [{"fiscal_year": s.fiscal_year, "text": s.text} for s in measure.planned_steps.all()]
        if measure.pk
        else []
    )
    formset = cast(
        BasePlannedStepFormSet, PlannedStepFormSet(data, initial=initial, prefix="steps")
    )
    formset.plan = plan
    return formset
