from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        # The status machine declares itself; the tasks register in every process (the web's
        # included), since a request sends its task by name.
        from . import tasks, workflow  # noqa: F401
        from .models import Report

        # Who asked for a report and who published it; the worker's bookkeeping (claim,
        # progress) and the moves, which the shared status record holds, are left out.
        audit(
            Report,
            exclude_fields=(
                "status",
                "progress",
                "error",
                "file",
                "size",
                "task_id",
                "claimed_at",
                "attempts",
                "started_at",
                "finished_at",
                "digest",
                "is_stale",
                "status_changes",
            ),
            read="reports.view_report",
        )
