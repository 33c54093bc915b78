"""Read-side helpers for account pages."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import QuerySet


def recent_changes(limit: int = 100) -> QuerySet[LogEntry]:
    """The newest audit entries across the portal, with actor and model (one query)."""
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")[:limit]
