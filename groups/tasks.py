"""Celery entry points of the registry: they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="groups.run_renewal_cycle")
def run_renewal_cycle() -> dict[str, int]:
    """Daily: mark groups past the renewal deadline, then send the due reminders."""
    lapsed = services.mark_unrenewed_groups()
    reminded = services.send_renewal_reminders()
    return {"lapsed": lapsed, "reminded": reminded}
