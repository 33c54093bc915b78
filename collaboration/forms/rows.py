"""The tables of a proposal (cost lines, roles, goals, milestones) as formsets.

Existing rows come back as initial data, with two empty rows below; an empty row is
ignored, a row ticked 「削除」 is dropped. Saving the section replaces the table through
``services.replace_rows`` in the order shown.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kamakura_portal.forms import YenField

from ..models import CostLine, Goal, Milestone, RoleItem

EXTRA_ROWS = 2
MAX_ROWS = 50  # rows of one table (cost lines, roles, goals, milestones)


class RowForm(forms.ModelForm):
    def row(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class CostLineForm(RowForm):
    class Meta:
        model = CostLine
        fields = ["item", "amount", "bearer", "note"]
        field_classes = {"amount": YenField}


class RoleItemForm(RowForm):
    class Meta:
        model = RoleItem
        fields = ["task", "responsible", "cost_bearer", "risk_bearer", "risk"]


class GoalForm(RowForm):
    class Meta:
        model = Goal
        fields = ["goal", "indicator", "baseline", "target"]


class MilestoneForm(RowForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on", "progress_note"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "done_on": forms.DateInput(attrs={"type": "date"}),
            "progress_note": forms.Textarea(attrs={"rows": 2}),
        }


class RowFormSet(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput

    def rows(self) -> list[dict[str, Any]]:
        """The kept, filled-in rows in order (valid formset only)."""
        return [
            form.row()
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)  # type: ignore[attr-defined]
        ]


TABLES: dict[str, tuple[type[RowForm], Any]] = {
    "cost_lines": (CostLineForm, _("Cost lines")),
    "roles": (RoleItemForm, _("Role table")),
    "goals": (GoalForm, _("Goals")),
    "milestones": (MilestoneForm, _("Milestones")),
}


def row_formset(table: str, rows: list[Any], data: Any = None) -> RowFormSet:
    form_class, _label = TABLES[table]
    fields = form_class._meta.fields or ()
    initial = [{name: getattr(row, name) for name in fields} for row in rows]
    factory = forms.formset_factory(
        form_class,
        formset=RowFormSet,
        extra=EXTRA_ROWS,
        can_delete=True,
        # A posted row count beyond this is refused, and never built: a page of a thousand
        # rows would cost seconds to draw.
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        validate_max=True,
    )
    return cast(RowFormSet, factory(data, initial=initial, prefix=table))
