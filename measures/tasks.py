"""Celery entry points of the progress cycle: they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="measures.send_progress_reminders")
def send_progress_reminders() -> int:
    """Daily: remind departments with unsubmitted reports as a round's deadline nears."""
    return services.send_progress_reminders()
