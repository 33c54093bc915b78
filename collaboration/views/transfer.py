"""The secretariat's import of past proposals: upload → dry run → confirm → all or nothing.

The portal's two-step import page (:mod:`kamakura_portal.import_views`), as the registry's.
"""

from __future__ import annotations

from django.utils.translation import ngettext

from accounts.mixins import acting_user
from kamakura_portal import import_views
from kamakura_portal.import_files import Table

from ..forms.transfer import ImportUploadForm
from ..services.imports import COLUMNS, ImportPlan, commit_import, plan_import

SESSION_KEY = "collaboration_import"
UPLOAD_DIR = "private/proposal-imports"


class ImportView(import_views.ImportView):
    permission_required = "collaboration.import_proposals"
    template_name = "collaboration/import.html"
    upload_form_class = ImportUploadForm
    columns = COLUMNS
    url_name = "collaboration:import"
    session_key = SESSION_KEY
    upload_dir = UPLOAD_DIR

    def plan(self, table: Table) -> ImportPlan:
        return plan_import(table)

    def commit(self, plan: ImportPlan) -> int:
        return commit_import(plan, acting_user(self.request))

    def imported_message(self, count: int) -> str:
        return ngettext(
            "%(count)d proposal was imported.", "%(count)d proposals were imported.", count
        ) % {"count": count}
