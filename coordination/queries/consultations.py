"""Read side of the consultation log: the list's rows, the follow-ups due, the fiscal years
on record and the yearly counts by topic and by method for the status report (進捗状況報告書).

A fiscal year (年度) runs from April to March (:mod:`kamakura_portal.dates`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from accounts.models import Visitor
from kamakura_portal.dates import fiscal_year, fiscal_year_end, fiscal_year_start

from ..models import Consultation, Method, Topic

# The stored search document: long, and never shown.
SEARCH_FIELDS = ("search_name", "search_body", "search_vector")


def consultation_log() -> QuerySet[Consultation]:
    """Every consultation, newest first, with what a list row shows (topics: one query)."""
    return (
        Consultation.objects.select_related("group", "department", "staff")
        .prefetch_related("topics")
        .defer(*SEARCH_FIELDS)
    )


def due_condition(today: datetime.date) -> Q:
    """A next action whose day has come, on a follow-up not yet done."""
    return Q(next_action_on__lte=today, follow_up_done_on__isnull=True)


def follow_ups_due(today: datetime.date | None = None) -> QuerySet[Consultation]:
    """The follow-ups that are due, the longest overdue first."""
    today = today or timezone.localdate()
    return (
        Consultation.objects.filter(due_condition(today))
        .select_related("group", "department", "staff")
        .defer(*SEARCH_FIELDS)
        .order_by("next_action_on", "pk")
    )


def in_fiscal_year(year: int) -> Q:
    return Q(consulted_on__range=(fiscal_year_start(year), fiscal_year_end(year)))


def fiscal_years_on_record(today: datetime.date | None = None) -> list[int]:
    """From the current fiscal year back to the first one with a consultation (one query)."""
    current = fiscal_year(today or timezone.localdate())
    first = Consultation.objects.aggregate(first=Min("consulted_on"))["first"]
    oldest = min(fiscal_year(first), current) if first else current
    return list(range(current, oldest - 1, -1))


@dataclass(frozen=True)
class YearlyCounts:
    """Consultations of one fiscal year: by topic (a consultation counts under each of its
    topics) and by method (each consultation once)."""

    year: int
    by_topic: list[tuple[str, int]]
    by_method: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.by_method)


def yearly_counts(year: int) -> YearlyCounts:
    """The counts of fiscal year ``year``, in two queries: every topic in use (a retired one
    only if it was chosen that year) and every method, zeros included, in their order."""
    in_year = Q(consultations__consulted_on__range=(fiscal_year_start(year), fiscal_year_end(year)))
    topics = (
        Topic.objects.annotate(n=Count("consultations", filter=in_year))
        .filter(Q(is_active=True) | Q(n__gt=0))
        .order_by("sort_order", "pk")
        .values_list("name", "n")
    )
    methods = dict(
        Consultation.objects.filter(in_fiscal_year(year))
        .order_by()
        .values("method")
        .annotate(n=Count("pk"))
        .values_list("method", "n")
    )
    return YearlyCounts(
        year=year,
        by_topic=list(topics),
        by_method=[(str(method.label), methods.get(method.value, 0)) for method in Method],
    )


def follow_ups_due_count(user: Visitor) -> int:
    """Follow-ups whose day has come (the centre staff's dashboard count)."""
    return Consultation.objects.filter(due_condition(timezone.localdate())).count()
