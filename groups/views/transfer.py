"""Import and export of the registry: open-data CSV, the staff's XLSX, the staff's import.

The import is two steps. The upload is checked (a dry run: every problem listed, nothing
saved); a file without errors is kept in private storage under a random name held only in
the user's session. Confirming reads that file again and re-checks it (the registry may
have changed meanwhile) before importing it all or nothing; the file is then deleted.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts.mixins import PortalPermissionRequiredMixin
from kamakura_portal.exports import csv_response, xlsx_response

from ..exports import PUBLIC_HEADER, STAFF_HEADER, STAFF_WIDTHS, public_rows, staff_rows
from ..forms.transfer import ImportConfirmForm, ImportUploadForm
from ..imports import COLUMNS, ImportPlan, ImportRejected, commit_import, plan_import, read_rows

SESSION_KEY = "groups_import"
# Uploads waiting for confirmation: never under a name anyone could guess.
UPLOAD_DIR = "private/group-imports"


class PublicCsvExportView(View):
    """The open-data CSV of registered groups: public fields only, for everyone."""

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        today = timezone.localdate()
        return csv_response(
            f"鎌倉市民活動団体_オープンデータ_{today:%Y%m%d}.csv",
            PUBLIC_HEADER,
            public_rows(),
            fallback=f"kamakura-groups-opendata-{today:%Y%m%d}.csv",
        )


class StaffXlsxExportView(PortalPermissionRequiredMixin, View):
    """Every group with every field, private contacts included, for the centre's staff."""

    permission_required = "groups.export_private"

    def get_permission_object(self) -> None:
        return None

    def get(self, request: HttpRequest) -> FileResponse:
        today = timezone.localdate()
        return xlsx_response(
            f"市民活動団体名簿_全項目_{today:%Y%m%d}.xlsx",
            title="団体名簿",
            header=STAFF_HEADER,
            rows=staff_rows(),
            widths=STAFF_WIDTHS,
            fallback=f"kamakura-groups-registry-{today:%Y%m%d}.xlsx",
        )


def _keep_upload(request: HttpRequest, data: bytes, filename: str) -> str:
    """Store the checked file for the confirmation; returns the token naming it."""
    _forget_upload(request)
    token = secrets.token_urlsafe(24)
    suffix = PurePosixPath(filename.lower()).suffix
    stored = default_storage.save(f"{UPLOAD_DIR}/{token}{suffix}", ContentFile(data))
    request.session[SESSION_KEY] = {"token": token, "path": stored, "filename": filename}
    return token


def _forget_upload(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and str(pending.get("path", "")).startswith(f"{UPLOAD_DIR}/"):
        default_storage.delete(pending["path"])


class ImportView(PortalPermissionRequiredMixin, View):
    """Upload → dry run with every problem → confirm → import, all or nothing."""

    permission_required = "groups.import_registry"
    template_name = "groups/import.html"

    def get_permission_object(self) -> None:
        return None

    def render_page(
        self,
        form: ImportUploadForm,
        plan: ImportPlan | None = None,
        filename: str = "",
        token: str = "",
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "form": form,
            "plan": plan,
            "filename": filename,
            "confirm_form": ImportConfirmForm(initial={"token": token}) if token else None,
            "columns": COLUMNS,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(ImportUploadForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form)
        filename = form.cleaned_data["file"].name
        plan = plan_import(form.table)
        token = _keep_upload(request, form.data_bytes, filename) if plan.is_valid else ""
        return self.render_page(ImportUploadForm(), plan, filename, token)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        form = ImportConfirmForm(request.POST)
        pending = request.session.get(SESSION_KEY) or {}
        if not (
            form.is_valid()
            and pending
            and constant_time_compare(form.cleaned_data["token"], pending["token"])
        ):
            return self.gone(request)
        try:
            with default_storage.open(pending["path"], "rb") as stored:
                data = stored.read()
        except OSError:
            return self.gone(request)
        plan = plan_import(read_rows(data, pending["filename"]))
        try:
            count = commit_import(plan, request.user)
        except ImportRejected:
            _forget_upload(request)
            return self.render_page(ImportUploadForm(), plan, pending["filename"])
        _forget_upload(request)
        text = ngettext(
            "%(count)d group was imported.", "%(count)d groups were imported.", count
        ) % {"count": count}
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                text,
                reverse("groups:staff_list"),
                _("Open the group registry"),
            ),
        )
        return redirect("groups:import")

    def gone(self, request: HttpRequest) -> HttpResponse:
        messages.error(
            request, _("The checked file is no longer available. Choose the file again.")
        )
        return redirect("groups:import")
