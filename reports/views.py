"""Report pages: the staff list with a request form per kind and each running report's row
refreshed by htmx, the download (permission checked on every one), publication, and the
public list of published reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user

from . import queries, services
from .forms import PublicationForm, request_form
from .kinds import Kind, kind_of
from .models import Report
from .workflow import ReportError

PAGE_SIZE = 20


def _staff_page(request: HttpRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    """The staff list; ``bound`` replaces a kind's empty form by the one just sent."""
    bound = bound or {}
    forms = [
        (kind, bound.get(kind.code) or request_form(kind))
        for kind in queries.kinds_for(request.user)
    ]
    page = Paginator(queries.reports_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"forms": forms, "page_obj": page, "reports": page.object_list}
    return render(request, "reports/staff.html", context)


class StaffReportsView(PortalPermissionRequiredMixin, View):
    permission_required = "reports.view_reports"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _staff_page(request)


class RequestReportView(PortalPermissionRequiredMixin, View):
    permission_required = "reports.request_report"

    @cached_property
    def kind(self) -> Kind:
        try:
            return kind_of(self.kwargs["kind"])
        except LookupError:
            raise Http404 from None

    def get_permission_object(self) -> Kind:
        return self.kind

    def post(self, request: HttpRequest, kind: str) -> HttpResponse:
        form = request_form(self.kind, request.POST)
        if not form.is_valid():
            return _staff_page(request, {self.kind.code: form})
        params = self.kind.parameters(form.cleaned_data)
        try:
            requested = services.request_report(self.kind.code, params, acting_user(request))
        except ReportError as error:
            messages.error(request, str(error))
            return redirect("reports:staff")
        report = requested.report
        if requested.reused and report.status == Report.Status.DONE:
            message = _("“%(title)s” is already made from the same data: download it below.")
        elif requested.reused:
            message = _(
                "“%(title)s” is already being made from the same data. You will be told in "
                "your inbox when it is ready."
            )
        else:
            message = _(
                "“%(title)s” is being made. You will be told in your inbox when it is ready."
            )
        messages.success(request, message % {"title": report.title})
        return redirect(f"{reverse('reports:staff')}#report-{report.pk}")


class ReportMixin(PortalPermissionRequiredMixin):
    permission_required = "reports.view_report"
    kwargs: dict[str, Any]

    @cached_property
    def report(self) -> Report:
        return get_object_or_404(
            Report.objects.select_related("requested_by"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self) -> Report:
        return self.report


class ReportRowView(ReportMixin, View):
    """One report's row of the staff list: what htmx asks for while it is being made."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, "reports/_report_row.html", {"report": self.report})


class DownloadView(ReportMixin, View):
    """The PDF, only once the report is finished (a report being made has no file yet)."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        report = self.report
        if not report.is_downloadable:
            raise Http404(_("This report has no file to download."))
        name = get_valid_filename(f"{report.title}.pdf")
        response = FileResponse(report.file.open("rb"), filename=name, as_attachment=True)
        response["Content-Type"] = "application/pdf"
        if not report.is_published:
            response["Cache-Control"] = "private, no-store"
        return response


class PublicationView(ReportMixin, View):
    permission_required = "reports.publish_report"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = PublicationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to publish the report."))
            return redirect("reports:staff")
        user = acting_user(request)
        try:
            if form.cleaned_data["publish"]:
                services.publish_report(self.report, user)
                message = _("“%(title)s” is now on the public reports page.")
            else:
                services.unpublish_report(self.report, user)
                message = _("“%(title)s” is no longer public.")
        except ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message % {"title": self.report.title})
        return redirect(f"{reverse('reports:staff')}#report-{self.report.pk}")


class PublishedReportsView(PortalPermissionRequiredMixin, ListView):
    """Published reports, for everyone."""

    permission_required = "reports.view_published_reports"
    template_name = "reports/published.html"
    context_object_name = "reports"
    paginate_by = PAGE_SIZE

    def get_queryset(self) -> Any:
        return queries.published_reports()
