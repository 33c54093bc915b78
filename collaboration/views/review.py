"""The review panel (secretariat) and the scoring (each reviewer)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import acting_user

from ..errors import ProposalError
from ..forms.review import AssignReviewerForm, PassMarkForm, ScoreForm
from ..forms.workflow import MemberForm
from ..models import Criterion, PanelMember, ReviewPanel, Score
from ..services import review
from .base import ProposalPageMixin


class PanelView(ProposalPageMixin, TemplateView):
    """The panel of one proposal: members, pass mark, every reviewer's scores and the total."""

    permission_required = "collaboration.manage_panel"
    template_name = "collaboration/panel.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        panel = ReviewPanel.objects.filter(proposal=self.proposal).first()
        kwargs.setdefault("assign_form", AssignReviewerForm())
        kwargs.setdefault("pass_mark_form", PassMarkForm(instance=panel or ReviewPanel()))
        return super().get_context_data(
            proposal=self.proposal,
            result=review.panel_result(self.proposal),
            criteria=Criterion,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        try:
            if action == "assign":
                form = AssignReviewerForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(assign_form=form))
                review.assign_reviewer(self.proposal, form.cleaned_data["reviewer"])
                messages.success(request, _("The reviewer is on the panel."))
            elif action == "pass_mark":
                mark_form = PassMarkForm(request.POST)
                if not mark_form.is_valid():
                    return self.render_to_response(self.get_context_data(pass_mark_form=mark_form))
                review.set_pass_mark(self.proposal, mark_form.cleaned_data["pass_mark"])
                messages.success(request, _("The pass mark is saved."))
            elif action == "remove":
                member_form = MemberForm(request.POST)
                if not member_form.is_valid():
                    messages.error(request, _("Choose the reviewer to take off the panel."))
                    return redirect("collaboration:panel", self.proposal.pk)
                member = get_object_or_404(
                    PanelMember,
                    pk=member_form.cleaned_data["member"],
                    panel__proposal=self.proposal,
                )
                review.remove_reviewer(member)
                messages.success(request, _("The reviewer is off the panel."))
        except ProposalError as refused:
            messages.error(request, str(refused))
        return redirect("collaboration:panel", self.proposal.pk)


class ScoreView(ProposalPageMixin, View):
    permission_required = "collaboration.score_proposal"
    template_name = "collaboration/score.html"

    def existing(self) -> dict[str, Any]:
        return {
            score.criterion: score
            for score in Score.objects.filter(
                member__panel__proposal=self.proposal, member__reviewer_id=self.request.user.pk
            )
        }

    def render(self, form: ScoreForm) -> HttpResponse:
        conflict = review.conflict_of_interest(acting_user(self.request), self.proposal)
        context = {"proposal": self.proposal, "form": form, "conflict": conflict}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(ScoreForm(initial_scores=self.existing()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ScoreForm(request.POST, initial_scores=self.existing())
        if not form.is_valid():
            return self.render(form)
        try:
            review.score_proposal(self.proposal, acting_user(request), form.scores())
        except ProposalError as refused:
            messages.error(request, str(refused))
            return self.render(form)
        messages.success(request, _("Your scores are saved."))
        return redirect("collaboration:proposal", self.proposal.pk)
