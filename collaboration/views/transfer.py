"""The secretariat's import of past proposals: upload → dry run → confirm → all or nothing.

As the registry import: a file without errors is kept in private storage under a random
name held only in the user's session; confirming re-reads and re-checks it before importing.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts.mixins import PortalPermissionRequiredMixin

from ..forms.transfer import ImportConfirmForm, ImportUploadForm
from ..imports import COLUMNS, ImportPlan, ImportRejected, commit_import, plan_import, read_rows

SESSION_KEY = "collaboration_import"
UPLOAD_DIR = "private/proposal-imports"


def _keep_upload(request: HttpRequest, data: bytes, filename: str) -> str:
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
    permission_required = "collaboration.import_proposals"
    template_name = "collaboration/import.html"

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
        messages.success(
            request,
            ngettext(
                "%(count)d proposal was imported.", "%(count)d proposals were imported.", count
            )
            % {"count": count},
        )
        return redirect("collaboration:import")

    def gone(self, request: HttpRequest) -> HttpResponse:
        messages.error(
            request, _("The checked file is no longer available. Choose the file again.")
        )
        return redirect("collaboration:import")
