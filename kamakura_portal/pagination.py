"""Pagination that never counts a whole large result: counted up to a bound, then "or more".

A list of 100,000 rows is counted only as far as the page asked for needs (at least
``BoundedPaginator.bound`` rows): the count costs the same whatever the table's size, and a
deep page is checked to exist without ``COUNT(*)`` over everything. A page picks its rows'
ids first (an index-only scan when an index holds the order) and loads only
those twenty rows, instead of reading every row it skips.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator


class BoundedPaginator(Paginator):
    """A paginator whose ``count`` stops at ``limit`` rows; ``bounded`` says there are more.

    ``shown_count`` is the figure to print with "or more" when ``bounded``.
    """

    bound = 1000

    def __init__(self, object_list: Any, per_page: int, *, page: Any = 1, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        try:
            depth = max(int(page), 1)
        except (TypeError, ValueError):
            depth = 1
        # Enough rows to know that the asked page exists and whether another follows it.
        self.shown_count = max(self.bound, depth * self.per_page)

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        if hasattr(rows, "values"):
            return rows.order_by().values("pk")[: self.shown_count + 1].count()
        return min(len(rows), self.shown_count + 1)

    @property
    def bounded(self) -> bool:
        return self.count > self.shown_count

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows: Any = self.object_list
        if not hasattr(rows, "values"):
            return super().page(number)
        ids = rows.values("pk")[bottom : bottom + self.per_page]
        # One query still: the ids are a subquery, the outer query keeps the order.
        return Page(list(rows.filter(pk__in=ids)), number, self)
