"""The forms of a proposal's sections. They never write: the view passes their cleaned data
to :mod:`collaboration.services`, which withdraws confirmations where needed."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from groups.models import CitizenGroup
from kamakura_portal.dates import fiscal_year

from ..models import Program, Proposal

FIRST_YEAR = 2000


class StartProposalForm(forms.Form):
    """Step 1: the title and who proposes (one of the user's groups or departments)."""

    title = forms.CharField(label=_("Project title"), max_length=200)
    proposer = forms.ChoiceField(label=_("Proposed by"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = []
        if user.has_perm("collaboration.start_group_proposal"):
            groups = CitizenGroup.objects.filter(pk__in=user.managed_group_ids)
            choices += [(f"group:{g.pk}", f"{g.name}（{_('group proposal')}）") for g in groups]
        if user.has_perm("collaboration.start_city_proposal"):
            departments = Department.objects.filter(is_active=True, kind="section")
            if not user.has_role("secretariat"):
                departments = departments.filter(pk__in=user.department_ids)
            choices += [
                (f"department:{d.pk}", f"{d.name}（{_('city proposal')}）") for d in departments
            ]
        cast(forms.ChoiceField, self.fields["proposer"]).choices = choices

    def proposer_kwargs(self) -> dict[str, Any]:
        kind, pk = self.cleaned_data["proposer"].split(":")
        if kind == "group":
            return {"group": CitizenGroup.objects.get(pk=pk)}
        return {"department": Department.objects.get(pk=pk)}


class SectionForm(forms.ModelForm):
    """A section of the proposal; ``changes()`` gives what ``services.update_section`` saves."""

    many_fields: tuple[str, ...] = ()

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.fields if name not in self.many_fields}
        many = {name: list(data[name]) for name in self.many_fields}
        return fields, many


def _year_field(label: Any, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=FIRST_YEAR,
        max_value=fiscal_year(timezone.localdate()) + 10,
        help_text=_("The fiscal year (年度) in 西暦, e.g. 2026."),
    )


class OutlineForm(SectionForm):
    first_fiscal_year = _year_field(_("First fiscal year"))
    last_fiscal_year = _year_field(_("Last fiscal year"))

    class Meta:
        model = Proposal
        fields = [
            "title",
            "program",
            "counterpart_departments",
            "counterpart_groups",
            "first_fiscal_year",
            "last_fiscal_year",
            "officer_count",
        ]
        widgets = {
            "counterpart_departments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        proposal: Proposal = self.instance
        cast(
            forms.ModelChoiceField, self.fields["program"]
        ).queryset = Program.objects.select_related("parent")
        if proposal.proposer_side == Proposal.ProposerSide.GROUP:
            del self.fields["counterpart_groups"]
            self.many_fields = ("counterpart_departments",)
            departments = cast(forms.ModelChoiceField, self.fields["counterpart_departments"])
            departments.queryset = Department.objects.filter(is_active=True, kind="section")
            self.fields["counterpart_departments"].label = _("City departments you propose to")
        else:
            del self.fields["counterpart_departments"]
            del self.fields["officer_count"]
            self.many_fields = ("counterpart_groups",)
            groups = cast(forms.ModelChoiceField, self.fields["counterpart_groups"])
            groups.queryset = CitizenGroup.objects.filter(
                status=CitizenGroup.Status.REGISTERED
            ).order_by("name_kana")
            self.fields["counterpart_groups"].label = _("Groups the city works with")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        first, last = data.get("first_fiscal_year"), data.get("last_fiscal_year")
        if first and not last:
            data["last_fiscal_year"] = first
        elif last and first and last < first:
            self.add_error(
                "last_fiscal_year", _("The last fiscal year cannot be before the first.")
            )
        elif last and not first:
            self.add_error("first_fiscal_year", _("Enter the first fiscal year too."))
        return data


class BudgetForm(SectionForm):
    class Meta:
        model = Proposal
        fields = ["requested_amount"]


class MutualForm(SectionForm):
    class Meta:
        model = Proposal
        fields = ["group_strengths", "city_strengths", "why_collaboration"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class PurposeForm(SectionForm):
    class Meta:
        model = Proposal
        fields = ["shared_purpose"]
        widgets = {"shared_purpose": forms.Textarea(attrs={"rows": 4})}


class EvaluationForm(SectionForm):
    class Meta:
        model = Proposal
        fields = ["evaluation_what", "evaluation_when", "evaluation_how"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}
