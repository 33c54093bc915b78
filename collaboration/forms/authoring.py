"""The forms of a proposal's sections. They never write: the view passes their cleaned data
to :mod:`collaboration.services.proposals`, which withdraws confirmations where needed."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User, Visitor
from accounts.rules import is_secretariat
from groups.models import CitizenGroup
from kamakura_portal.dates import fiscal_year
from kamakura_portal.forms import YenField

from ..models import DepartmentNeed, Program, Proposal
from .base import ChangesForm

FIRST_YEAR = 2000


def needs_open_to(
    user: Visitor | None, *, keep: DepartmentNeed | None = None
) -> QuerySet[DepartmentNeed]:
    """The needs ``user`` may answer with a proposal: not closed, and public unless ``user``
    reads staff-only needs; ``keep`` (the one already chosen) stays a valid choice."""
    needs = DepartmentNeed.objects.exclude(status=DepartmentNeed.Status.CLOSED)
    if user is None or not user.has_perm("collaboration.view_staff_needs"):
        needs = needs.filter(is_public=True)
    if keep is not None:
        needs = needs | DepartmentNeed.objects.filter(pk=keep.pk)
    return needs.select_related("department").order_by("department__sort_order", "-created_at")


class StartProposalForm(forms.Form):
    """Step 1: the title and who proposes (one of the user's groups or departments), and the
    need it answers when it starts from a need's page."""

    title = forms.CharField(label=_("Project title"), max_length=200)
    proposer = forms.ChoiceField(label=_("Proposed by"))
    need = forms.ModelChoiceField(
        queryset=DepartmentNeed.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["need"]).queryset = needs_open_to(user)
        choices: list[tuple[str, str]] = []
        if user.has_perm("collaboration.start_group_proposal"):
            groups = CitizenGroup.objects.filter(pk__in=user.managed_group_ids)
            choices += [
                (f"group:{g.pk}", _("%(name)s (group proposal)") % {"name": g.name}) for g in groups
            ]
        if user.has_perm("collaboration.start_city_proposal"):
            departments = Department.objects.filter(is_active=True, kind="section")
            if not is_secretariat(user):
                departments = departments.filter(pk__in=user.department_ids)
            choices += [
                (f"department:{d.pk}", _("%(name)s (city proposal)") % {"name": d.name})
                for d in departments
            ]
        cast(forms.ChoiceField, self.fields["proposer"]).choices = choices

    def clean(self) -> dict[str, Any]:
        super().clean()
        need, proposer = self.cleaned_data.get("need"), self.cleaned_data.get("proposer") or ""
        city = proposer.startswith("department:")
        if need and city and proposer != f"department:{need.department_id}":
            self.add_error(
                "proposer",
                _(
                    "“%(need)s” is a need of %(department)s: a city proposal on it comes "
                    "from %(department)s. Choose it, or one of your groups."
                )
                % {"need": need.title, "department": need.department},
            )
        return self.cleaned_data

    def proposer_kwargs(self) -> dict[str, Any]:
        kind, pk = self.cleaned_data["proposer"].split(":")
        need = {"need": self.cleaned_data.get("need")}
        if kind == "group":
            return {"group": CitizenGroup.objects.get(pk=pk), **need}
        return {"department": Department.objects.get(pk=pk), **need}


class SectionForm(ChangesForm):
    """A section of the proposal; ``changes()`` gives what ``services.update_section`` saves."""


def _year_field(label: Any, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=FIRST_YEAR,
        max_value=fiscal_year(timezone.localdate()) + 10,
        help_text=_("The fiscal year (年度) in 西暦, e.g. 2026."),
    )


class NeedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.department}）"


class OutlineForm(SectionForm):
    related_need = NeedChoiceField(
        label=_("Related department need"),
        queryset=DepartmentNeed.objects.none(),
        required=False,
        help_text=_("Optional: the department need this proposal answers."),
    )
    first_fiscal_year = _year_field(_("First fiscal year"))
    last_fiscal_year = _year_field(_("Last fiscal year"))

    class Meta:
        model = Proposal
        fields = [
            "title",
            "program",
            "related_need",
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
        need = cast(forms.ModelChoiceField, self.fields["related_need"])
        need.queryset = needs_open_to(self.user, keep=proposal.related_need)
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
        self._check_need(data)
        return data

    def _check_need(self, data: dict[str, Any]) -> None:
        """A need is answered together with its department: a partner of a group proposal,
        the proposer of a city proposal."""
        need: DepartmentNeed | None = data.get("related_need")
        if need is None:
            return
        if "counterpart_departments" in self.fields:
            departments = {d.pk for d in data.get("counterpart_departments") or []}
            if need.department_id not in departments:
                self.add_error(
                    "related_need",
                    _(
                        "“%(need)s” is a need of %(department)s. Tick %(department)s among "
                        "the departments you propose to, or choose another need."
                    )
                    % {"need": need.title, "department": need.department},
                )
        elif need.department_id != self.instance.proposing_department_id:
            self.add_error(
                "related_need",
                _(
                    "“%(need)s” is a need of %(department)s; a city proposal answers needs "
                    "of the department that proposes it."
                )
                % {"need": need.title, "department": need.department},
            )


class BudgetForm(SectionForm):
    class Meta:
        model = Proposal
        fields = ["requested_amount"]
        field_classes = {"requested_amount": YenField}


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
