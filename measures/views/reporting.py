"""The lead department's pages: its measures per reporting round, and writing a report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.workflow import history_of

from .. import services
from ..forms.reporting import EvidenceFormSet, IndicatorFormSet, ReportForm, filled_rows
from ..models import Measure, ProgressReport
from ..queries import department_worklist

Status = ProgressReport.Status


class MyReportsView(PortalPermissionRequiredMixin, TemplateView):
    """Per reporting round, the measures the user's departments lead and their reports."""

    permission_required = "measures.report_progress"
    template_name = "measures/my_reports.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["worklist"] = department_worklist(acting_user(self.request))
        return context


class StartReportView(PortalPermissionRequiredMixin, View):
    """POST: open (or reopen) the measure's report for a fiscal year, then edit it."""

    permission_required = "measures.write_report"
    http_method_names = ["post"]

    @cached_property
    def measure(self) -> Measure:
        return get_object_or_404(
            Measure.objects.prefetch_related("lead_departments"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> Measure:
        return self.measure

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            report = services.start_report(self.measure, kwargs["year"], acting_user(request))
        except services.ProgressError as error:
            messages.error(request, str(error))
            return redirect("measures:my_progress_reports")
        if not report.is_editable:
            return redirect("measures:progress_report", report.pk)
        return redirect("measures:progress_report_edit", report.pk)


class ReportMixin(PortalPermissionRequiredMixin):
    kwargs: dict[str, Any]

    @cached_property
    def report(self) -> ProgressReport:
        return get_object_or_404(
            ProgressReport.objects.select_related(
                "measure__plan", "measure__tier", "submitted_by", "approved_by"
            ).prefetch_related("measure__lead_departments"),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self) -> ProgressReport:
        return self.report


class ReportView(ReportMixin, TemplateView):
    """A report as written, its history, and what the reader may do with it."""

    permission_required = "measures.view_report"
    template_name = "measures/report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report, user = self.report, self.request.user
        context.update(
            report=report,
            measure=report.measure,
            indicators=report.indicators.all(),
            links=report.evidence_links.all(),
            events=history_of(report, oldest_first=True),
            can_edit=user.has_perm("measures.edit_report", report),
            can_review=user.has_perm("measures.review_reports"),
        )
        return context


class EditReportView(ReportMixin, TemplateView):
    """Write the report; 「下書き保存」 keeps it half-written, 「提出」 checks it and submits it.

    A submission with required fields empty is saved as a draft and comes back with a message
    beside each empty field; invalid input saves nothing.
    """

    permission_required = "measures.edit_report"
    template_name = "measures/report_edit.html"

    def forms(self, data: Any = None) -> tuple[ReportForm, Any, Any]:
        report = self.report
        indicators = [
            {"name": i.name, "unit": i.unit, "target": i.target, "actual": i.actual}
            for i in report.indicators.all()
        ]
        links = [{"title": link.title, "url": link.url} for link in report.evidence_links.all()]
        return (
            ReportForm(data, instance=report),
            IndicatorFormSet(data, initial=indicators, prefix="indicators"),
            EvidenceFormSet(data, initial=links, prefix="links"),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(forms=self.forms()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, indicators, links = forms = self.forms(request.POST)
        if not all(f.is_valid() for f in forms):
            return self.render_to_response(self.get_context_data(forms=forms, has_errors=True))
        submitting = request.POST.get("action") == "submit"
        fields = {name: form.cleaned_data[name] for name in ReportForm.Meta.fields}
        if submitting and form.add_submission_gaps():
            # Saved as a draft all the same: the department's work is never lost.
            self.save(fields, indicators, links)
            messages.warning(request, _("The draft was saved, but it cannot be submitted yet."))
            return self.render_to_response(
                self.get_context_data(forms=forms, has_errors=True, gaps=True)
            )
        try:
            report = services.save_report(
                self.report,
                fields,
                filled_rows(indicators, "name"),
                filled_rows(links, "url"),
                submit_as=acting_user(request) if submitting else None,
            )
        except services.ProgressError as error:
            messages.error(request, str(error))
            return redirect("measures:progress_report", self.report.pk)
        if submitting:
            messages.success(request, _("The report was submitted to the secretariat."))
            return redirect("measures:progress_report", report.pk)
        messages.success(request, _("The draft was saved."))
        return redirect("measures:progress_report_edit", report.pk)

    def save(self, fields: dict[str, Any], indicators: Any, links: Any) -> ProgressReport:
        return services.save_report(
            self.report,
            fields,
            filled_rows(indicators, "name"),
            filled_rows(links, "url"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(report=self.report, measure=self.report.measure)
        return context
