"""Celery entry points of surveys: they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import distribution, services


@shared_task(name="surveys.run_daily_cycle")
def run_daily_cycle() -> dict[str, int]:
    """Daily: close surveys past their closing date, then remind those who have not answered."""
    closed = services.close_expired_surveys()
    reminded = distribution.send_reminders()
    return {"closed": closed, "reminded": reminded}
