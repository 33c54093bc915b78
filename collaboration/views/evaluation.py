"""Implementation (milestones, the report) and evaluation (self-evaluations, the mutual
review, the committee's evaluation, and the side-by-side comparison)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.mixins import acting_user

from ..domain.parties import sides_of
from ..errors import ProposalError
from ..forms.evaluation import (
    CommitteeEvaluationForm,
    MilestoneFormSet,
    MutualReviewForm,
    ReportForm,
    SelfEvaluationForm,
)
from ..models import CommitteeEvaluation, MutualReview, SelfEvaluation, Stage
from ..services import evaluation
from ..services.proposals import save_implementation
from .base import ProposalPageMixin


class ImplementationView(ProposalPageMixin, TemplateView):
    """Milestone progress and the implementation report (実施報告), by either side."""

    permission_required = "collaboration.report_implementation"
    template_name = "collaboration/implementation.html"

    def forms(self, data: Any = None) -> tuple[Any, ReportForm]:
        milestones = MilestoneFormSet(
            data, queryset=self.proposal.milestones.all(), prefix="milestones"
        )
        return milestones, ReportForm(data, instance=self.proposal)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if "milestones" not in kwargs:
            kwargs["milestones"], kwargs["report_form"] = self.forms()
        return super().get_context_data(proposal=self.proposal, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        milestones, report = self.forms(request.POST)
        if not (milestones.is_valid() & report.is_valid()):
            return self.render_to_response(
                self.get_context_data(milestones=milestones, report_form=report)
            )
        progress = [
            (form.instance.pk, form.cleaned_data["done_on"], form.cleaned_data["progress_note"])
            for form in milestones
        ]
        try:
            save_implementation(
                self.proposal, acting_user(request), progress, report.cleaned_data["report_summary"]
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The progress is saved."))
        return redirect("collaboration:implementation", self.proposal.pk)


class EvaluationView(ProposalPageMixin, TemplateView):
    """Both sides' grades side by side, per stage, with the differences marked."""

    permission_required = "collaboration.view_proposal"
    template_name = "collaboration/evaluation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        as_party = user.has_perm("collaboration.evaluate_as_party", self.proposal)
        return super().get_context_data(
            proposal=self.proposal,
            stages=evaluation.comparison(self.proposal),
            committee=CommitteeEvaluation.objects.filter(proposal=self.proposal)
            .select_related("evaluator")
            .first(),
            my_sides=sorted(sides_of(user, self.proposal)) if as_party else [],
            can_review=as_party,
            can_evaluate_as_committee=user.has_perm(
                "collaboration.evaluate_as_committee", self.proposal
            ),
            **kwargs,
        )


class SelfEvaluationView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.evaluate_as_party"
    template_name = "collaboration/evaluate_form.html"

    def setup_target(self) -> tuple[str, str]:
        stage, side = self.kwargs["stage"], self.kwargs["side"]
        if stage not in Stage.values or side not in sides_of(self.request.user, self.proposal):
            raise Http404
        return stage, side

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stage, side = self.setup_target()
        existing = SelfEvaluation.objects.filter(
            proposal=self.proposal, stage=stage, side=side
        ).first()
        return self.page(SelfEvaluationForm(instance=existing), stage, side)

    def page(self, form: Any, stage: str, side: str) -> HttpResponse:
        title = _("Self-evaluation of the %(side)s: %(stage)s") % {
            "side": _("group") if side == "group" else _("city"),
            "stage": Stage(stage).label,
        }
        return self.render_to_response(
            self.get_context_data(proposal=self.proposal, form=form, title=title)
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stage, side = self.setup_target()
        form = SelfEvaluationForm(request.POST)
        if not form.is_valid():
            return self.page(form, stage, side)
        try:
            evaluation.file_self_evaluation(
                self.proposal, acting_user(request), side, stage, form.values()
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The self-evaluation is saved."))
        return redirect("collaboration:evaluation", self.proposal.pk)


class MutualReviewView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.evaluate_as_party"
    template_name = "collaboration/evaluate_form.html"

    def stage(self) -> str:
        if self.kwargs["stage"] not in Stage.values:
            raise Http404
        return str(self.kwargs["stage"])

    def page(self, form: Any, stage: str) -> HttpResponse:
        title = _("Mutual review: %(stage)s") % {"stage": Stage(stage).label}
        return self.render_to_response(
            self.get_context_data(proposal=self.proposal, form=form, title=title)
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stage = self.stage()
        existing = MutualReview.objects.filter(proposal=self.proposal, stage=stage).first()
        return self.page(MutualReviewForm(instance=existing), stage)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        stage = self.stage()
        form = MutualReviewForm(request.POST)
        if not form.is_valid():
            return self.page(form, stage)
        try:
            evaluation.write_mutual_review(
                self.proposal, acting_user(request), stage, form.values()
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The mutual review is saved."))
        return redirect("collaboration:evaluation", self.proposal.pk)


class CommitteeEvaluationView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.evaluate_as_committee"
    template_name = "collaboration/evaluate_form.html"

    def page(self, form: Any) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(
                proposal=self.proposal, form=form, title=_("Third-party evaluation")
            )
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        existing = CommitteeEvaluation.objects.filter(proposal=self.proposal).first()
        return self.page(CommitteeEvaluationForm(instance=existing))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CommitteeEvaluationForm(request.POST)
        if not form.is_valid():
            return self.page(form)
        try:
            evaluation.file_committee_evaluation(
                self.proposal,
                acting_user(request),
                form.cleaned_data["grade"],
                form.cleaned_data["comment"],
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The evaluation is saved."))
        return redirect("collaboration:evaluation", self.proposal.pk)
