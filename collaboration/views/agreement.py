"""The agreement page: the version in force, the version being drafted, confirmations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.mixins import acting_user

from ..domain.parties import sides_of
from ..errors import ProposalError
from ..forms.agreement import AgreementForm
from ..forms.workflow import VersionSideForm
from ..models import AgreementVersion
from ..services import agreement
from .base import ProposalPageMixin


class AgreementView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.view_proposal"
    template_name = "collaboration/agreement.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        proposal = self.proposal
        user = self.request.user
        versions = list(
            proposal.agreement_versions.select_related("group_confirmed_by", "city_confirmed_by")
        )
        current = agreement.in_force(proposal, versions)
        draft = agreement.pending(proposal, versions)
        can_work = user.has_perm("collaboration.work_on_agreement", proposal)
        amendment = current is not None
        if can_work and "form" not in kwargs:
            initial = (
                {name: getattr(draft, name) for name in agreement.FIELDS}
                if draft
                else agreement.initial_fields(proposal)
            )
            kwargs["form"] = AgreementForm(initial=initial, amendment=amendment)
        sides = sides_of(user, proposal) if can_work else set()
        unconfirmed = []
        if draft is not None:
            if draft.group_confirmed_at is None and "group" in sides:
                unconfirmed.append("group")
            if draft.city_confirmed_at is None and "city" in sides:
                unconfirmed.append("city")
        return super().get_context_data(
            proposal=proposal,
            current=current,
            draft=draft,
            history=[v for v in versions if v.is_confirmed],
            can_work=can_work,
            amendment=amendment,
            confirm_sides=unconfirmed,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("collaboration.work_on_agreement", self.proposal):
            return self.refuse("collaboration.work_on_agreement")
        if request.POST.get("action") == "confirm":
            return self.confirm(request)
        amendment = agreement.in_force(self.proposal) is not None
        form = AgreementForm(request.POST, amendment=amendment)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            _version, withdrawn = agreement.save_draft(
                self.proposal, acting_user(request), form.fields_to_save()
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
            return redirect("collaboration:agreement", self.proposal.pk)
        if withdrawn:
            messages.warning(
                request,
                _("The draft changed, so the confirmation given to it was withdrawn."),
            )
        messages.success(request, _("The draft of the agreement is saved."))
        return redirect("collaboration:agreement", self.proposal.pk)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        form = VersionSideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the version and your side to confirm."))
            return redirect("collaboration:agreement", self.proposal.pk)
        version = get_object_or_404(
            AgreementVersion, pk=form.cleaned_data["version"], proposal=self.proposal
        )
        try:
            agreement.confirm(version, acting_user(request), form.cleaned_data["side"])
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("You confirmed the agreement for your side."))
        return redirect("collaboration:agreement", self.proposal.pk)
