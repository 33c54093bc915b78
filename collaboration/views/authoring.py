"""Writing a proposal: starting a draft, then one page per section (drafts save as they go).

A group manager writes a 団体提案 for a group they manage; city staff write a 市提案 for
their department (the secretariat for any). During consultation both sides edit; any change
to sections 1–3 withdraws both confirmations, and the page says so.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user

from ..domain.sections import SECTIONS, section
from ..errors import ProposalError
from ..forms.authoring import (
    BudgetForm,
    EvaluationForm,
    MutualForm,
    OutlineForm,
    PurposeForm,
    StartProposalForm,
)
from ..forms.rows import TABLES, row_formset
from ..services import proposals as services
from .base import ProposalPageMixin

# Each section: its form of the proposal's own fields, and its tables.
SECTION_PARTS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "basic": (OutlineForm, ()),
    "budget": (BudgetForm, ("cost_lines",)),
    "mutual": (MutualForm, ()),
    "roles": (None, ("roles",)),
    "purpose": (PurposeForm, ("goals", "milestones")),
    "evaluation": (EvaluationForm, ()),
}


class StartProposalView(PortalPermissionRequiredMixin, FormView):
    permission_required = "collaboration.view_my_proposals"
    template_name = "collaboration/start.html"
    form_class = StartProposalForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": acting_user(self.request)}

    def get_initial(self) -> dict[str, Any]:
        # From a need's page: ``?need=<pk>``; the form keeps it in a hidden field.
        return {"need": self.request.GET.get("need", "")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        pk = form["need"].value()
        needs = form.fields["need"].queryset
        context["need"] = needs.filter(pk=pk).first() if str(pk or "").isdigit() else None
        return context

    def form_valid(self, form: StartProposalForm) -> HttpResponse:
        proposal = services.start_proposal(
            acting_user(self.request), title=form.cleaned_data["title"], **form.proposer_kwargs()
        )
        messages.success(self.request, _("The draft is saved. Fill in each section."))
        return redirect("collaboration:edit", proposal.pk, "basic")


class EditSectionView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.edit_proposal"
    template_name = "collaboration/edit_section.html"

    def parts(self, data: Any = None) -> tuple[Any, list[tuple[str, Any, Any]]]:
        slug = self.kwargs["section"]
        if slug not in SECTION_PARTS:
            raise Http404("No such section")
        form_class, tables = SECTION_PARTS[slug]
        form = (
            form_class(data, instance=self.proposal, user=self.request.user) if form_class else None
        )
        formsets = [
            (
                table,
                TABLES[table][1],
                row_formset(table, list(getattr(self.proposal, table).all()), data),
            )
            for table in tables
        ]
        return form, formsets

    def context(self, form: Any, formsets: list[Any]) -> dict[str, Any]:
        current = section(self.kwargs["section"])
        index = SECTIONS.index(current)
        return {
            "proposal": self.proposal,
            "section": current,
            "sections": SECTIONS,
            "step_number": index + 1,
            "next_section": SECTIONS[index + 1] if index + 1 < len(SECTIONS) else None,
            "form": form,
            "formsets": formsets,
            "has_errors": bool(
                (form is not None and form.errors)
                or any(fs.is_bound and fs.total_error_count() for _t, _l, fs in formsets)
            ),
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.context(*self.parts()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, formsets = self.parts(request.POST)
        valid = [form.is_valid()] if form is not None else []
        valid += [formset.is_valid() for _t, _l, formset in formsets]
        if not all(valid):  # a list: every form shows its errors
            return self.render_to_response(self.context(form, formsets))
        slug = self.kwargs["section"]
        fields, many = form.changes() if form is not None else (None, {})
        tables = {table: formset.rows() for table, _label, formset in formsets}
        try:
            withdrawn = services.save_section(
                self.proposal, slug, acting_user(request), fields, many=many, tables=tables
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
            return redirect("collaboration:proposal", self.proposal.pk)
        if withdrawn:
            messages.warning(
                request,
                _(
                    "Sections 1–3 changed, so both sides' confirmations were withdrawn. "
                    "Both sides must confirm them again."
                ),
            )
        messages.success(request, _("Saved."))
        current = section(slug)
        index = SECTIONS.index(current)
        if request.POST.get("action") == "continue" and index + 1 < len(SECTIONS):
            return redirect("collaboration:edit", self.proposal.pk, SECTIONS[index + 1].slug)
        if request.POST.get("action") == "continue":
            return redirect("collaboration:proposal", self.proposal.pk)
        return redirect("collaboration:edit", self.proposal.pk, slug)
