"""Japanese keyword search over the consultation log, on the shared search document.

A consultation is named by who asked (the group's name and フリガナ, the department's name,
or the person's name) and described by what was said, where the asker was referred, the
follow-up and its topics, with the groups' folding and readings (:mod:`kamakura_portal.search`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from kamakura_portal.search import SearchDocument

from .models import Consultation

CONSULTATION_SEARCH = SearchDocument(
    Consultation,
    name_fields=("person_name", "group__name", "group__name_kana", "department__name"),
    body_fields=("content", "referral", "follow_up"),
    tie_break=("-consulted_on", "-pk"),
    body_related=("topics__name",),
)


def refresh_consultation_search(consultation_ids: Iterable[int]) -> None:
    """Recompute the stored tokens of these consultations."""
    CONSULTATION_SEARCH.refresh(consultation_ids)


def search_consultations(queryset: QuerySet[Consultation], query: str) -> QuerySet[Consultation]:
    """``queryset`` narrowed to the consultations matching every word of ``query``."""
    return CONSULTATION_SEARCH.search(queryset, query)
