"""The coordinator's dashboard: what waits for the centre, the pipeline, and the fiscal
year's figures (each a fixed number of queries, whatever the number of rows)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from collaboration.models import DepartmentNeed
from collaboration.models.proposals import PUBLIC_STATUSES  # adopted, whatever came after
from kamakura_portal.dates import fiscal_year, fiscal_year_end, fiscal_year_start

from ..models import Invitation

Status = Invitation.Status
# Pairs in which the centre (or the group, raising its hand) has made contact.
CONTACTED = [status for status in Status.values if status != Status.CANDIDATE]


def needs_not_contacted() -> QuerySet[DepartmentNeed]:
    """Open needs for which no group has been contacted yet, the oldest first (department
    joined)."""
    contacted = Invitation.objects.filter(need=OuterRef("pk"), status__in=CONTACTED)
    return (
        DepartmentNeed.objects.filter(status=DepartmentNeed.Status.OPEN)
        .exclude(Exists(contacted))
        .select_related("department")
        .defer("search_name", "search_body", "search_vector")
        .order_by("created_at", "pk")
    )


def pipeline_counts() -> list[tuple[str, int]]:
    """``[(label, count)]`` of every pair's state, in the workflow's order (one query)."""
    counts = dict(
        Invitation.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [(str(label), counts.get(value, 0)) for value, label in Status.choices]


@dataclass(frozen=True)
class YearFigures:
    year: int
    needs_posted: int
    groups_contacted: int
    pairs_to_proposals: int
    proposals_adopted: int


def year_figures(today: datetime.date | None = None) -> YearFigures:
    """This fiscal year's figures (April–March; two queries): needs posted, groups
    contacted, pairs that became proposals, and of those proposals, the adopted ones."""
    year = fiscal_year(today or timezone.localdate())
    start, end = fiscal_year_start(year), fiscal_year_end(year)
    in_year = Q(created_at__date__range=(start, end))
    needs_posted = DepartmentNeed.objects.filter(in_year).count()
    pairs = Invitation.objects.aggregate(
        contacted=Count("group", distinct=True, filter=Q(invited_at__date__range=(start, end))),
        proposed=Count("pk", filter=Q(proposal__created_at__date__range=(start, end))),
        adopted=Count(
            "pk",
            filter=Q(
                proposal__created_at__date__range=(start, end), proposal__status__in=PUBLIC_STATUSES
            ),
        ),
    )
    return YearFigures(year, needs_posted, pairs["contacted"], pairs["proposed"], pairs["adopted"])
