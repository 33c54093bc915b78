"""Read-side helpers for the report pages: what a user may see, with what the rows show."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Visitor

from .kinds import Kind, all_kinds
from .models import Report
from .rules import reads


def kinds_for(user: Visitor) -> list[Kind]:
    """The kinds ``user`` requests and reads the drafts of (their roles only: no query)."""
    return [kind for kind in all_kinds() if reads(user, kind)]


def reports_for(user: Visitor) -> QuerySet[Report]:
    """Every report of the kinds ``user`` reads, newest first, with its requester (one query)."""
    codes = [kind.code for kind in kinds_for(user)]
    return Report.objects.filter(kind__in=codes).select_related("requested_by")


def published_reports() -> QuerySet[Report]:
    """The published reports, the most recently published first (one query)."""
    return Report.objects.filter(is_published=True, status=Report.Status.DONE).order_by(
        "-published_at", "-pk"
    )
