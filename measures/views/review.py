"""The secretariat's pages: reporting rounds, the year's reports, review and publication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.workflow import allowed_moves, history_of, transition

from .. import services
from ..forms.review import ReturnForm, RoundForm
from ..models import ProgressReport, ReportingRound
from ..queries import NOT_REPORTED, reports_by_status, round_measures
from .reporting import ReportMixin

Status = ProgressReport.Status


class ReviewListView(PortalPermissionRequiredMixin, TemplateView):
    """Every reporting round; the chosen one's measures with their reports' status."""

    permission_required = "measures.review_reports"
    template_name = "measures/review_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rounds = list(ReportingRound.objects.select_related("plan").order_by("-fiscal_year", "pk"))
        chosen = next((r for r in rounds if str(r.pk) == self.request.GET.get("round")), None)
        chosen = chosen or (rounds[0] if rounds else None)
        context.update(rounds=rounds, round=chosen, form=kwargs.get("form") or RoundForm())
        if chosen is not None:
            counts = reports_by_status(chosen.plan, chosen.fiscal_year)
            labels = {NOT_REPORTED: _("No report"), **dict(Status.choices)}
            context.update(
                counts=[(key, labels[key], n) for key, n in counts.items()],
                measures=round_measures(chosen),
                approved_count=counts[Status.APPROVED],
                not_reported=NOT_REPORTED,
            )
        return context


class OpenRoundView(ReviewListView):
    """POST: call for a plan's reports on a fiscal year, or move the deadline of a call."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = RoundForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        round_ = services.open_round(
            data["plan"], data["fiscal_year"], data["deadline"], acting_user(request)
        )
        messages.success(
            request,
            _("Reports on %(plan)s are due by %(deadline)s.")
            % {"plan": round_.plan, "deadline": date_format(round_.deadline)},
        )
        return redirect(f"{reverse('measures:review_progress_reports')}?round={round_.pk}")


class PublishApprovedView(PortalPermissionRequiredMixin, View):
    """POST: publish every approved report of a round at once."""

    permission_required = "measures.review_reports"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        round_ = get_object_or_404(ReportingRound, pk=kwargs["pk"])
        count = services.publish_approved(round_, acting_user(request))
        messages.success(request, _("%(count)d reports were published.") % {"count": count})
        return redirect(f"{reverse('measures:review_progress_reports')}?round={round_.pk}")


class ReviewReportView(ReportMixin, TemplateView):
    """A report for the secretariat: approve, return with a comment, publish or withdraw."""

    permission_required = "measures.review_reports"
    template_name = "measures/review_report.html"
    ACTIONS = {
        "approve": Status.APPROVED,
        "return": Status.RETURNED,
        "publish": Status.PUBLISHED,
        "unpublish": Status.APPROVED,
    }

    @cached_property
    def moves(self) -> list[str]:
        return [move.target for move in allowed_moves(self.report, self.request.user)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report
        context.update(
            report=report,
            measure=report.measure,
            indicators=report.indicators.all(),
            links=report.evidence_links.all(),
            events=history_of(report, oldest_first=True),
            can_approve=Status.APPROVED in self.moves and report.status == Status.SUBMITTED,
            can_return=Status.RETURNED in self.moves,
            can_publish=Status.PUBLISHED in self.moves,
            can_unpublish=report.status == Status.PUBLISHED,
            return_form=kwargs.get("return_form") or ReturnForm(),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action", "")
        to = self.ACTIONS.get(action)
        comment = ""
        if action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(return_form=form))
            comment = form.cleaned_data["comment"]
        if to is None:
            messages.error(request, _("Choose what to do with the report."))
            return redirect("measures:review_progress_report", self.report.pk)
        try:
            transition(self.report, to, acting_user(request), reason=comment)
        except services.ProgressError as error:
            messages.error(request, str(error))
            return redirect("measures:review_progress_report", self.report.pk)
        messages.success(request, DONE[action])
        return redirect("measures:review_progress_report", self.report.pk)


DONE = {
    "approve": gettext_lazy(
        "The report was approved. Publish it when the year's reports are ready."
    ),
    "return": gettext_lazy("The report was returned to the department with your comment."),
    "publish": gettext_lazy("The report is published."),
    "unpublish": gettext_lazy("The report was withdrawn from the public pages."),
}
