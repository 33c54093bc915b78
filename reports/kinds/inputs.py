"""Helpers for the kinds' fingerprints: cheap values that change whenever a report's inputs do.

A fingerprint need not be exact, only safe: when in doubt it changes (a report is then marked
古い and made again on the next request), but it never stays the same while the printed
data changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Max, Q


def last_audit_entry(app_label: str, model_names: Iterable[str]) -> int:
    """The id of the newest audit entry of these models (one query; 0 when there is none).

    Every save and delete of an audited model writes an entry, so a new id means a change,
    including the change of a row that is not otherwise dated (a group's contact).
    """
    models = Q(content_type__app_label=app_label, content_type__model__in=list(model_names))
    return LogEntry.objects.filter(models).aggregate(last=Max("pk"))["last"] or 0


def last_audit_entry_of(app_label: str, objects: Mapping[str, Any]) -> int:
    """Like :func:`last_audit_entry`, for some rows only: ``{model name: ids}`` where the
    ids are a list or a ``values("pk")`` queryset (one query with the subqueries)."""
    rows = Q()
    for model_name, ids in objects.items():
        rows |= Q(content_type__model=model_name, object_id__in=ids)
    entries = LogEntry.objects.filter(Q(content_type__app_label=app_label) & rows)
    return entries.aggregate(last=Max("pk"))["last"] or 0
