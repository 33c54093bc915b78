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

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kamakura_portal.celery import send_after_commit
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


REFRESH_TASK = "groups.refresh_search_index"
# A group left without tokens this long after its creation lost its task (the broker was
# down when it was sent): the sweep sends it again (the tasks of a large import are done
# well before).
SWEEP_AFTER = datetime.timedelta(minutes=30)
# Groups tokenised by one task.
TASK_GROUPS = 2000


def refresh_search_index(group_ids: Iterable[int]) -> None:
    """Recompute the stored tokens of these groups (a few queries, whatever their number)."""
    GROUP_SEARCH.refresh(group_ids)


def refresh_search_index_locked(group_ids: list[int]) -> None:
    """:func:`refresh_search_index` for a worker: the groups' rows are locked (in id order)
    while their texts are read and their tokens written, so that an edit saved meanwhile,
    which writes its own tokens, waits for it and is never overwritten with tokens of the old
    text."""
    with transaction.atomic():
        locked = CitizenGroup.objects.filter(pk__in=group_ids).order_by("pk")
        list(locked.select_for_update().values_list("pk", flat=True))
        refresh_search_index(group_ids)


def refresh_search_index_later(group_ids: list[int]) -> None:
    """Have a worker recompute these groups' tokens once the transaction commits, in tasks of
    :data:`TASK_GROUPS` groups; until then they are not found by keyword (the import)."""
    for start in range(0, len(group_ids), TASK_GROUPS):
        send_after_commit(REFRESH_TASK, group_ids[start : start + TASK_GROUPS])


def sweep_search_index(now: datetime.datetime | None = None) -> int:
    """Send again the tasks of the groups created :data:`SWEEP_AFTER` ago or earlier and
    never tokenised; returns how many groups were sent.

    Never tokenised: no name tokens and no vector (SQLite stores no vector, and a name of
    symbols alone has no tokens: either alone does not tell).
    """
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    missing = list(
        CitizenGroup.objects.filter(
            search_name="", search_vector__isnull=True, created_at__lte=cutoff
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    refresh_search_index_later(missing)
    return len(missing)


def search_groups(queryset: QuerySet[CitizenGroup], query: str) -> QuerySet[CitizenGroup]:
    """``queryset`` narrowed to the groups matching every word of ``query``, best first."""
    return GROUP_SEARCH.search(queryset, query)


def search_runs(result: QuerySet[CitizenGroup], query: str) -> list[QuerySet[CitizenGroup]]:
    """What :func:`search_groups` returned, as consecutive runs to page through in its order
    (name matches, then the rest)."""
    return GROUP_SEARCH.runs(result, query)
