"""Celery entry points of the collaboration app (its notices leave through the shared outbox,
:mod:`kamakura_portal.mail`)."""

from __future__ import annotations

from celery import shared_task

from .services import needs


@shared_task(name="collaboration.close_needs_past_deadline")
def close_needs_past_deadline() -> int:
    """Daily: close the open needs whose 募集期限 has passed."""
    return needs.close_needs_past_deadline()
