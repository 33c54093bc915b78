"""The proposal page (for its parties and staff) and the workflow actions posted from it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import acting_user
from kamakura_portal.workflow import allowed_moves, history_of, transition

from .. import queries
from ..domain.eligibility import eligibility_problems
from ..domain.parties import sides_of
from ..domain.sections import SECTIONS, missing_for_submission
from ..errors import ProposalError
from ..forms.workflow import MoveForm, SideForm, error_messages
from ..models import Proposal
from ..services.proposals import confirm_sections
from .base import ProposalPageMixin

Status = Proposal.Status


class ProposalView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.view_proposal"
    template_name = "collaboration/proposal.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        proposal = queries.proposal_for_page(self.proposal.pk)
        moves = allowed_moves(proposal, user)
        problems = []
        if proposal.status == Status.DRAFT:
            problems = missing_for_submission(proposal) + eligibility_problems(proposal)
        confirmations = queries.live_confirmations(proposal)
        sides = sides_of(user, proposal)
        need = proposal.related_need
        return super().get_context_data(
            proposal=proposal,
            related_need=need if need and user.has_perm("collaboration.view_need", need) else None,
            sections=SECTIONS,
            moves=[(Status(move.target), move.reason_required) for move in moves],
            problems=problems,
            confirmations=confirmations,
            last_withdrawal=None
            if confirmations
            else proposal.confirmations.filter(withdrawn_at__isnull=False)
            .select_related("withdrawn_by")
            .order_by("-withdrawn_at")
            .first(),
            confirm_sides=[
                side
                for side in ("group", "city")
                if side in sides
                and side not in confirmations
                and user.has_perm("collaboration.confirm_sections", proposal)
            ],
            can_edit=user.has_perm("collaboration.edit_proposal", proposal),
            status_changes=history_of(proposal),
            links=self.links(proposal),
            outcomes=Proposal.Outcome.choices,
            **kwargs,
        )

    def links(self, proposal: Proposal) -> list[tuple[str, str]]:
        """The proposal's other pages the user may open now."""
        user = self.request.user
        pk = proposal.pk
        candidates = [
            ("collaboration.discuss_proposal", _("Discussion"), "discussion", True),
            ("collaboration.manage_panel", _("Review panel"), "panel", True),
            ("collaboration.score_proposal", _("Score the proposal"), "score", True),
            (
                "collaboration.view_proposal",
                _("Agreement"),
                "agreement",
                proposal.status in AGREEMENT_AND_AFTER,
            ),
            ("collaboration.report_implementation", _("Implementation"), "implementation", True),
            (
                "collaboration.view_proposal",
                _("Evaluation"),
                "evaluation",
                proposal.status in IMPLEMENTED_AND_AFTER,
            ),
        ]
        return [
            (label, reverse(f"collaboration:{name}", args=[pk]))
            for perm, label, name, relevant in candidates
            if relevant and user.has_perm(perm, proposal)
        ]


AGREEMENT_AND_AFTER = frozenset(
    {
        Status.ADOPTED,
        Status.AGREED,
        Status.IN_PROGRESS,
        Status.REPORTED,
        Status.EVALUATED,
        Status.CLOSED,
    }
)
IMPLEMENTED_AND_AFTER = frozenset(
    {Status.IN_PROGRESS, Status.REPORTED, Status.EVALUATED, Status.CLOSED}
)


class MoveView(ProposalPageMixin, View):
    """A workflow button: POST ``to`` (and ``reason``, ``outcome``); refusals come back as
    messages on the proposal page, which then lists each gap with a link to its section."""

    permission_required = "collaboration.view_proposal"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        form = MoveForm(request.POST)
        if not form.is_valid():
            if "to" in form.errors:
                messages.error(request, _("Choose what to do with the proposal."))
            else:
                for message in error_messages(form):
                    messages.error(request, message)
            return redirect("collaboration:proposal", self.proposal.pk)
        to = form.cleaned_data["to"]
        try:
            transition(
                self.proposal,
                to,
                acting_user(request),
                reason=form.cleaned_data["reason"],
                outcome=form.cleaned_data["outcome"],
            )
        except ProposalError as refused:
            # Gaps to fill are listed one by one, each linked to its section on the page.
            if any(problem.section for problem in refused.problems):
                messages.error(request, _("The proposal cannot move on yet:"))
                for problem in refused.problems:
                    messages.error(request, problem)
            else:
                messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("The proposal is now “%(status)s”.") % {"status": Status(to).label},
            )
        return redirect("collaboration:proposal", self.proposal.pk)


class ConfirmView(ProposalPageMixin, View):
    """One side confirms sections 1–3 (相互確認)."""

    permission_required = "collaboration.confirm_sections"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Only someone of that side can confirm for it."))
            return redirect("collaboration:proposal", self.proposal.pk)
        try:
            confirm_sections(self.proposal, acting_user(request), form.cleaned_data["side"])
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("You confirmed sections 1–3 for your side."))
        return redirect("collaboration:proposal", self.proposal.pk)
