"""Paging through a keyword search's result as consecutive runs (name matches, then the rest).

A broad keyword matches tens of thousands of rows; ordering all of them to show twenty costs
a read of each one's whole search vector. :meth:`kamakura_portal.search.SearchDocument.runs`
splits the result where its order already splits it, and :class:`RunsPaginator` counts and
slices each run on its own: a page inside the first run never looks at the second.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet

from .pagination import BoundedPaginator


class RunsPaginator(BoundedPaginator):
    """A :class:`BoundedPaginator` over runs listed one after the other.

    Each run is counted only as far as the bound still needs (a run is not counted at all
    once the runs before it reach the bound); a page reads each run it overlaps, in one
    query per run, with the runs' own order.
    """

    def __init__(
        self, runs: Sequence[QuerySet[Any]], per_page: int, *, page: Any = 1, **kwargs: Any
    ) -> None:
        super().__init__(runs[0], per_page, page=page, **kwargs)
        self.runs = list(runs)

    @cached_property
    def run_counts(self) -> list[int]:
        left = self.shown_count + 1
        counts = []
        for run in self.runs:
            counted = run.order_by().values("pk")[:left].count() if left else 0
            counts.append(counted)
            left -= counted
        return counts

    @cached_property
    def count(self) -> int:
        return sum(self.run_counts)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        rows: list[Any] = []
        start = 0
        for run, counted in zip(self.runs, self.run_counts, strict=True):
            first, last = max(bottom - start, 0), min(top - start, counted)
            if first < last:
                ids = run.values("pk")[first:last]
                rows.extend(run.filter(pk__in=ids))
            start += counted
        return Page(rows, number, self)
