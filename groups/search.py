"""Japanese keyword search over the registry (DESIGN.md §5), on the shared search document.

A group is named by its name and フリガナ and described by its activities, purpose and offers,
and by the names of its activity fields and districts (大船 and 子ども find a group filed under
大船 and 子ども・子育て); groups matching equally well are listed in 五十音順.

Name matches come first, ranked on the name's own tokens (``search_name_vector``), then the
groups matching in their description, ranked on the whole document: the directory pages
through these two runs one after the other, so a page of name matches never ranks the
thousands of description matches of a broad word such as 鎌倉.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from kamakura_portal.search import SearchDocument

from .models import CitizenGroup

GROUP_SEARCH = SearchDocument(
    CitizenGroup,
    name_fields=("name", "name_kana"),
    body_fields=("activities", "purpose", "offers"),
    tie_break=("name_kana", "pk"),
    body_related=("activity_fields__name", "districts__name"),
    name_vector="search_name_vector",
)


def refresh_search_index(group_ids: Iterable[int]) -> None:
    """Recompute the stored tokens of these groups (a few queries, whatever their number)."""
    GROUP_SEARCH.refresh(group_ids)


def search_groups(queryset: QuerySet[CitizenGroup], query: str) -> QuerySet[CitizenGroup]:
    """``queryset`` narrowed to the groups matching every word of ``query``, best first."""
    return GROUP_SEARCH.search(queryset, query)


def search_runs(result: QuerySet[CitizenGroup], query: str) -> list[QuerySet[CitizenGroup]]:
    """What :func:`search_groups` returned, as consecutive runs to page through in its order
    (name matches, then the rest)."""
    return GROUP_SEARCH.runs(result, query)
