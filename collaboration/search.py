"""Japanese keyword search over department needs, on the shared search document.

A need is named by its subject and described by its background and what is wanted. Its
tokens are made as the groups' are (same folding, same readings), so a need's text and the
groups' texts can be compared.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from kamakura_portal.search import SearchDocument

from .models import DepartmentNeed

NEED_SEARCH = SearchDocument(
    DepartmentNeed,
    name_fields=("title",),
    body_fields=("background", "wanted"),
    tie_break=("-created_at", "-pk"),
)


def refresh_need_search(need_ids: Iterable[int]) -> None:
    """Recompute the stored tokens of these needs (one read, then one write per need)."""
    NEED_SEARCH.refresh(need_ids)


def search_needs(queryset: QuerySet[DepartmentNeed], query: str) -> QuerySet[DepartmentNeed]:
    """``queryset`` narrowed to the needs matching every word of ``query``, best first."""
    return NEED_SEARCH.search(queryset, query)
