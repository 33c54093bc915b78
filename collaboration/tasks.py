"""Celery entry points of the collaboration app: they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import discussion_notices, notifications


@shared_task(name="collaboration.notify_status_change")
def notify_status_change(change_id: int) -> int:
    """Mail the other side of a proposal's move and put it in their inboxes (once)."""
    return notifications.notify_status_change(change_id)


@shared_task(name="collaboration.notify_new_entry")
def notify_new_entry(entry_id: int) -> int:
    """Mail those taking part in a proposal's discussion about a new entry (once)."""
    return discussion_notices.notify_new_entry(entry_id)
