"""The two rankings: candidate groups for a department need (the coordinators' workbench,
``match_need``) and open needs for a group (its managers' dashboard), with one score."""

from __future__ import annotations

import datetime

from django.utils import timezone

from collaboration.models import DepartmentNeed
from groups.models import CitizenGroup
from kamakura_portal.synonyms import CivicVocabulary

from .candidates import pool
from .profiles import ROW_COLUMNS, Row, group_facts, need_facts
from .score import Phrases, Reading, explain, read
from .text import NeedText, group_tokens, weighed
from .types import Candidate, Filters, NeedMatch


def _need_text(need: DepartmentNeed, vocabulary: CivicVocabulary) -> NeedText:
    return NeedText.of((need.title, need.background, need.wanted), vocabulary)


def _interest(code: str) -> tuple[str, str]:
    labels = dict(CitizenGroup.Interest.choices)
    return code, str(labels[code]) if code in labels else ""


def rank_groups(
    need: DepartmentNeed,
    *,
    filters: Filters | None = None,
    limit: int = 50,
    today: datetime.date | None = None,
) -> list[Candidate]:
    """Registered groups for ``need``, best first, each with its score parts, matched words
    and a one-line explanation. Groups that share neither a word nor a field with the need
    are not candidates.

    Queries, whatever the number of candidates: the need's fields and districts (none when
    the need comes with them prefetched, else 1); the candidates (1: the best groups found
    through the search index and those sharing a field); their fields and districts (1);
    their past proposals with their partner departments (1); the profiles of the groups
    returned (1). The civic synonyms and, on PostgreSQL, the search statistics are read
    when they are not in the cache (1 each).
    """
    today = today or timezone.localdate()
    text = _need_text(need, CivicVocabulary.load())
    wanted = need_facts([need])[need.pk]
    groups = pool(list(text.terms), text.base, set(wanted.fields), filters or Filters(), today)
    facts = group_facts(groups)
    readings: list[tuple[Reading, Row]] = []
    for group in groups:
        matches = text.matches(group_tokens(group.search_name, group.search_body))
        own = facts[group.pk]
        if matches or wanted.fields.keys() & own.fields.keys():
            interest = _interest(group.collaboration_interest)
            reading = read(wanted, need.department_id, own, interest, weighed(text, matches), today)
            readings.append((reading, group))
    readings.sort(key=lambda pair: (-pair[0].total, pair[1].name_kana, pair[1].pk))
    shown = readings[:limit]
    # The page reads the profile, not the search document (the largest columns).
    profiles = (
        CitizenGroup.objects.select_related("organization_type")
        .defer("search_name", "search_body", "search_vector")
        .in_bulk([group.pk for _reading, group in shown])
    )
    candidates = []
    say = Phrases()
    for reading, group in shown:
        words = explain(reading, say)
        candidates.append(
            Candidate(
                profiles[group.pk],
                reading.total,
                words.parts,
                words.words,
                words.explanation,
                words.reason_for_group,
            )
        )
    return candidates


def open_needs(today: datetime.date) -> list[DepartmentNeed]:
    """The needs a group may answer: public, open, not past their closing day."""
    return list(
        DepartmentNeed.objects.filter(is_public=True, status=DepartmentNeed.Status.OPEN)
        .exclude(apply_by__lt=today)
        .select_related("department")
        .order_by("-created_at", "-pk")
    )


def rank_needs(
    group: CitizenGroup, *, limit: int = 10, today: datetime.date | None = None
) -> list[NeedMatch]:
    """Open public needs for ``group``, best first, each with the score :func:`rank_groups`
    gives the group for that need, and its parts. Needs that share neither a word nor a
    field with the group are left out.

    Queries, whatever the number of needs: the needs (1) and their fields and districts
    (1); the group's row again for its search tokens (1), its fields and districts (1) and
    past proposals (1); the civic synonyms when they are not in the cache (1).
    """
    today = today or timezone.localdate()
    vocabulary = CivicVocabulary.load()
    needs = open_needs(today)
    wanted = need_facts(needs)
    row = Row(*CitizenGroup.objects.values_list(*ROW_COLUMNS).get(pk=group.pk))
    facts = group_facts([row])[row.pk]
    tokens = group_tokens(row.search_name, row.search_body)
    readings: list[tuple[Reading, DepartmentNeed]] = []
    for need in needs:
        text = _need_text(need, vocabulary)
        matches = text.matches(tokens)
        if matches or wanted[need.pk].fields.keys() & facts.fields.keys():
            reading = read(
                wanted[need.pk],
                need.department_id,
                facts,
                _interest(row.collaboration_interest),
                weighed(text, matches),
                today,
            )
            readings.append((reading, need))
    readings.sort(key=lambda pair: (-pair[0].total, -pair[1].pk))
    ranked = []
    say = Phrases()
    for reading, need in readings[:limit]:
        words = explain(reading, say)
        ranked.append(NeedMatch(need, reading.total, words.parts, words.words, words.explanation))
    return ranked
