"""Invitation pages (打診): one invitation (read and answered by the group, followed by the
centre and the department), its buttons, a group's raised hand on a need, the coordinators'
list of invitations waiting for an answer and a group manager's own invitations."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from collaboration.models import DepartmentNeed
from kamakura_portal.workflow import allowed_moves, history_of, transition

from ..forms.invitations import AnswerForm, InvitationMoveForm, RaiseHandForm
from ..models import Invitation
from ..queries import invitations as queries
from ..services import invitations as services
from ..workflow import InvitationError

Status = Invitation.Status
# The moves made with a plain button (and a reason): the others have forms of their own (an
# invitation, an answer, a raised hand, a proposal draft).
PLAIN_MOVES = frozenset({Status.DISCUSSING, Status.DECLINED})


class InvitationPageMixin(PortalPermissionRequiredMixin):
    kwargs: dict[str, Any]

    @cached_property
    def invitation(self) -> Invitation:
        try:
            return queries.invitation_for_page(self.kwargs["pk"])
        except Invitation.DoesNotExist:
            raise Http404("No such invitation") from None

    def get_permission_object(self) -> Invitation:
        return self.invitation


class InvitationView(InvitationPageMixin, TemplateView):
    """Why the centre thinks the need fits (the reasons), the message, the answer form for the
    group's managers, and the pair's next moves and history for everyone on it."""

    permission_required = "coordination.view_invitation"
    template_name = "coordination/invitation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        invitation = self.invitation
        may_answer = invitation.status == Status.INVITED and user.has_perm(
            "coordination.answer_invitation", invitation
        )
        kwargs.setdefault("answer_form", AnswerForm() if may_answer else None)
        moves = [
            (Status(move.target), move.reason_required)
            for move in allowed_moves(invitation, user)
            if move.target in PLAIN_MOVES and move.source != Status.INVITED
        ]
        proposal = invitation.proposal
        return super().get_context_data(
            invitation=invitation,
            need=invitation.need,
            need_readable=user.has_perm("collaboration.view_need", invitation.need),
            sees_pipeline=user.has_perm("coordination.view_pipeline", invitation.need),
            moves=moves,
            can_propose=invitation.status in (Status.INTERESTED, Status.DISCUSSING)
            and user.has_perm("coordination.open_proposal", invitation),
            proposal=proposal,
            proposal_readable=proposal is not None
            and user.has_perm("collaboration.view_proposal", proposal),
            status_changes=history_of(invitation),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The group's answer: errors next to the field, a refusal above the form."""
        if not request.user.has_perm("coordination.answer_invitation", self.invitation):
            return self.refuse("coordination.answer_invitation")
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer(
                    self.invitation,
                    interested=form.cleaned_data["answer"],
                    note=form.cleaned_data["note"],
                    actor=acting_user(request),
                )
            except InvitationError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Thank you. Your answer was sent to the centre."))
                return redirect("coordination:invitation", self.invitation.pk)
        return self.render_to_response(self.get_context_data(answer_form=form))


class InvitationMoveView(InvitationPageMixin, View):
    """A button of the pipeline (協議中, the end of the talks); refusals come back as messages."""

    permission_required = "coordination.view_invitation"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = InvitationMoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose what to do with the invitation."))
            return redirect("coordination:invitation", self.invitation.pk)
        to = form.cleaned_data["to"]
        if to not in PLAIN_MOVES:
            messages.error(request, _("Choose what to do with the invitation."))
            return redirect("coordination:invitation", self.invitation.pk)
        try:
            reason = form.cleaned_data["reason"]
            transition(self.invitation, to, acting_user(request), reason=reason)
        except InvitationError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request, _("The invitation is now “%(status)s”.") % {"status": Status(to).label}
            )
        return redirect("coordination:invitation", self.invitation.pk)


class ToProposalView(InvitationPageMixin, View):
    """提案へ: open the proposal draft, prefilled with the group, the department and the need."""

    permission_required = "coordination.open_proposal"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            proposal = services.to_proposal(self.invitation, acting_user(request))
        except InvitationError as refused:
            messages.error(request, str(refused))
            return redirect("coordination:invitation", self.invitation.pk)
        if request.user.has_perm("collaboration.edit_proposal", proposal):
            messages.success(request, _("The proposal draft is open. Fill in each section."))
            return redirect("collaboration:edit", proposal.pk, "basic")
        messages.success(
            request,
            _("The proposal draft “%(title)s” is open for the group's managers to write.")
            % {"title": proposal.title},
        )
        return redirect("coordination:invitation", self.invitation.pk)


class RaiseHandView(PortalPermissionRequiredMixin, View):
    """A group manager's 関心あり on a public need (the button on the need's page)."""

    permission_required = "coordination.raise_hand"

    @cached_property
    def need(self) -> DepartmentNeed:
        return get_object_or_404(DepartmentNeed, pk=self.kwargs["pk"])

    def get_permission_object(self) -> DepartmentNeed:
        return self.need

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = acting_user(request)
        form = RaiseHandForm(request.POST, user=user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect("collaboration:need", self.need.pk)
        try:
            invitation = services.raise_hand(
                self.need, form.cleaned_data["group"], form.cleaned_data["note"], user
            )
        except InvitationError as refused:
            messages.error(request, str(refused))
            return redirect("collaboration:need", self.need.pk)
        messages.success(
            request,
            _("Your group's interest was sent to the centre and the department."),
        )
        return redirect("coordination:invitation", invitation.pk)


class WaitingListView(PortalPermissionRequiredMixin, ListView):
    """The coordinators' list of invitations sent and not answered yet."""

    permission_required = "coordination.use_workbench"
    template_name = "coordination/invitations_waiting.html"
    context_object_name = "invitations"
    paginate_by = 30

    def get_permission_object(self) -> None:
        return None

    def get_queryset(self) -> Any:
        return queries.waiting_for_answer()


class MyInvitationsView(PortalPermissionRequiredMixin, ListView):
    """A group manager's invitations, for each group they manage."""

    permission_required = "coordination.view_my_invitations"
    template_name = "coordination/invitations_mine.html"
    context_object_name = "invitations"
    paginate_by = 30

    def get_permission_object(self) -> None:
        return None

    def get_queryset(self) -> Any:
        return queries.invitations_of_managed_groups(acting_user(self.request))
