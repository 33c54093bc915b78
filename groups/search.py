"""Japanese keyword search over the registry (DESIGN.md §5).

Texts are cut into words by SudachiPy and stored as folded tokens (``search_name`` for the
name and its フリガナ, ``search_body`` for activities, purpose and offers). On PostgreSQL
the tokens feed a weighted ``tsvector`` ('simple' configuration, GIN index) and a name match
ranks above a description match; on the embedded SQLite the same tokens are matched with
``LIKE``, without ranking.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import CombinedExpression

from kamakura_portal.db import is_postgresql

from .japanese import index_tokens, query_terms
from .models import CitizenGroup


def _vector() -> CombinedExpression:
    return SearchVector("search_name", config="simple", weight="A") + SearchVector(
        "search_body", config="simple", weight="B"
    )


def refresh_search_index(group_ids: Iterable[int]) -> None:
    """Recompute the stored tokens of these groups (one read, then one write per group)."""
    ids = list(group_ids)
    for group in CitizenGroup.objects.filter(pk__in=ids).only(
        "name", "name_kana", "activities", "purpose", "offers"
    ):
        CitizenGroup.objects.filter(pk=group.pk).update(
            search_name=index_tokens(group.name, group.name_kana),
            search_body=index_tokens(group.activities, group.purpose, group.offers),
        )
    if ids and is_postgresql():
        CitizenGroup.objects.filter(pk__in=ids).update(search_vector=_vector())


def _tsquery(terms: list[list[str]], weight: str = "") -> str:
    """``(ゴミ:* | 塵:*) & (ヒロイ:*)``; with ``weight="A"`` only the name's tokens match.

    A one-character word is matched whole: as a prefix (会:*) it would match too much.
    """

    def alternative(token: str) -> str:
        return (
            f"{token}:*{weight}" if len(token) > 1 else (f"{token}:{weight}" if weight else token)
        )

    return " & ".join(
        "(" + " | ".join(alternative(token) for token in alternatives) + ")"
        for alternatives in terms
    )


def search_groups(queryset: QuerySet[CitizenGroup], query: str) -> QuerySet[CitizenGroup]:
    """``queryset`` narrowed to the groups matching every word of ``query``, best first.

    The result is annotated with ``name_match`` (1 when every word is in the name or its
    フリガナ) and ordered by it; callers that sort otherwise may re-order.
    """
    terms = query_terms(query)
    if not terms:
        return queryset
    if is_postgresql():
        tsquery = SearchQuery(_tsquery(terms), config="simple", search_type="raw")
        in_name = SearchQuery(_tsquery(terms, weight="A"), config="simple", search_type="raw")
        # Every word found in the name or フリガナ first, then by ts_rank.
        return (
            queryset.filter(search_vector=tsquery)
            .annotate(
                name_match=Case(
                    When(search_vector=in_name, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                ),
                search_rank=SearchRank(F("search_vector"), tsquery),
            )
            .order_by("-name_match", "-search_rank", "name_kana", "pk")
        )
    matches_all = Q()
    name_matches_all = Q()
    for alternatives in terms:
        any_form = Q()
        any_name_form = Q()
        for token in alternatives:
            any_form |= Q(search_name__contains=token) | Q(search_body__contains=token)
            any_name_form |= Q(search_name__contains=token)
        matches_all &= any_form
        name_matches_all &= any_name_form
    return (
        queryset.filter(matches_all)
        .annotate(
            name_match=Case(
                When(name_matches_all, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-name_match", "name_kana", "pk")
    )
