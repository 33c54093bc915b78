"""The staff's import page: upload → dry run with every problem → confirm → all or nothing.

The upload is checked (a dry run: every problem listed, nothing saved); a file without
errors is kept in private storage under a random name held only in the user's session.
Confirming reads that file again and re-checks it (the data may have changed meanwhile)
before importing it all or nothing; the file is then deleted.
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
from django.views import View

from accounts.mixins import PortalPermissionRequiredMixin

from .import_files import Table, read_rows
from .import_forms import ImportConfirmForm, ImportUploadForm
from .imports import ImportRejected, ImportReport


class ImportView(PortalPermissionRequiredMixin, View):
    """One import's page. Subclasses set the attributes below and the three hooks."""

    permission_required: str
    template_name: str
    upload_form_class: type[ImportUploadForm]
    columns: tuple[str, ...]  # the column names the file may use, listed on the page
    url_name: str  # this page, where a confirmation returns to
    session_key: str  # where the session names the checked file
    upload_dir: str  # where checked files wait; never under a name anyone could guess

    def plan(self, table: Table) -> ImportReport:
        """Check every row of the file; nothing is saved."""
        raise NotImplementedError

    def commit(self, plan: Any) -> int:
        """Import a plan without errors, all or nothing; returns how many rows were created.

        Raises :class:`~kamakura_portal.imports.ImportRejected` for a plan with errors.
        """
        raise NotImplementedError

    def imported_message(self, count: int) -> str:
        raise NotImplementedError

    def get_permission_object(self) -> None:
        return None

    def render_page(
        self,
        form: ImportUploadForm,
        plan: ImportReport | None = None,
        filename: str = "",
        token: str = "",
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "form": form,
            "plan": plan,
            "filename": filename,
            "confirm_form": ImportConfirmForm(initial={"token": token}) if token else None,
            "columns": self.columns,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(self.upload_form_class())

    def post(self, request: HttpRequest) -> HttpResponse:
        if "token" in request.POST:
            return self.confirm(request)
        form = self.upload_form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form)
        filename = form.cleaned_data["file"].name
        plan = self.plan(form.table)
        token = self.keep_upload(form.data_bytes, filename) if plan.is_valid else ""
        return self.render_page(self.upload_form_class(), plan, filename, token)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        form = ImportConfirmForm(request.POST)
        pending = request.session.get(self.session_key) or {}
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
        plan = self.plan(read_rows(data, pending["filename"]))
        try:
            count = self.commit(plan)
        except ImportRejected:
            self.forget_upload()
            return self.render_page(self.upload_form_class(), plan, pending["filename"])
        self.forget_upload()
        messages.success(request, self.imported_message(count))
        return redirect(self.url_name)

    def gone(self, request: HttpRequest) -> HttpResponse:
        messages.error(
            request, _("The checked file is no longer available. Choose the file again.")
        )
        return redirect(self.url_name)

    def keep_upload(self, data: bytes, filename: str) -> str:
        """Store the checked file for the confirmation; returns the token naming it."""
        self.forget_upload()
        token = secrets.token_urlsafe(24)
        suffix = PurePosixPath(filename.lower()).suffix
        stored = default_storage.save(f"{self.upload_dir}/{token}{suffix}", ContentFile(data))
        self.request.session[self.session_key] = {
            "token": token,
            "path": stored,
            "filename": filename,
        }
        return token

    def forget_upload(self) -> None:
        pending = self.request.session.pop(self.session_key, None)
        if pending and str(pending.get("path", "")).startswith(f"{self.upload_dir}/"):
            default_storage.delete(pending["path"])
