"""Import and export of the registry: open-data CSV, the staff's XLSX, the staff's import.

The import is the portal's two-step import page (:mod:`kamakura_portal.import_views`).
"""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal import import_views
from kamakura_portal.exports import csv_response, xlsx_response

from ..exports import PUBLIC_HEADER, STAFF_HEADER, STAFF_WIDTHS, public_rows, staff_rows
from ..forms.transfer import ImportUploadForm
from ..imports import COLUMNS, ImportPlan, Table, commit_import, plan_import

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


class ImportView(import_views.ImportView):
    """Upload → dry run with every problem → confirm → import, all or nothing."""

    permission_required = "groups.import_registry"
    template_name = "groups/import.html"
    upload_form_class = ImportUploadForm
    columns = COLUMNS
    url_name = "groups:import"
    session_key = SESSION_KEY
    upload_dir = UPLOAD_DIR

    def plan(self, table: Table) -> ImportPlan:
        return plan_import(table)

    def commit(self, plan: ImportPlan) -> int:
        return commit_import(plan, acting_user(self.request))

    def imported_message(self, count: int) -> str:
        text = ngettext(
            "%(count)d group was imported.", "%(count)d groups were imported.", count
        ) % {"count": count}
        return format_html(
            '{} <a href="{}">{}</a>',
            text,
            reverse("groups:staff_list"),
            _("Open the group registry"),
        )
