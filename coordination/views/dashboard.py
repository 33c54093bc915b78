"""The coordinator's dashboard: open needs nobody has been asked about, invitations waiting
for an answer, follow-ups due, the pipeline and this fiscal year's figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin

from ..queries import dashboard
from ..queries.consultations import follow_ups_due
from ..queries.invitations import waiting_for_answer

# Rows shown per list; the heading gives the full count.
SHOWN = 10


def _first(queryset: Any) -> tuple[list[Any], int]:
    """The first rows and the total, in one query: each row carries the count of the whole
    list (a window over it, computed before the limit)."""
    rows = list(queryset.annotate(listed_total=Window(Count("pk")))[:SHOWN])
    return rows, rows[0].listed_total if rows else 0


class DashboardView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "coordination.use_workbench"
    template_name = "coordination/dashboard.html"

    def get_permission_object(self) -> None:
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        needs, needs_total = _first(dashboard.needs_not_contacted())
        waiting, waiting_total = _first(waiting_for_answer())
        due, due_total = _first(follow_ups_due())
        return super().get_context_data(
            needs=needs,
            needs_total=needs_total,
            waiting=waiting,
            waiting_total=waiting_total,
            due=due,
            due_total=due_total,
            pipeline=dashboard.pipeline_counts(),
            figures=dashboard.year_figures(),
            **kwargs,
        )
