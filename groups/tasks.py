"""Celery entry points of the registry: they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import search, services


@shared_task(name="groups.run_renewal_cycle")
def run_renewal_cycle() -> dict[str, int]:
    """Daily: mark groups past the renewal deadline, then send the due reminders."""
    lapsed = services.mark_unrenewed_groups()
    reminded = services.send_renewal_reminders()
    return {"lapsed": lapsed, "reminded": reminded}


@shared_task(name=search.REFRESH_TASK)
def refresh_search_index(group_ids: list[int]) -> int:
    """Tokenise these groups' texts and store their search tokens and vectors (sent after an
    import's commit; running it again writes the same tokens; the rows locked meanwhile)."""
    search.refresh_search_index_locked(group_ids)
    return len(group_ids)


@shared_task(name="groups.sweep_search_index")
def sweep_search_index() -> int:
    """Every half hour: send again the tokenising of groups whose task was lost."""
    return search.sweep_search_index()
