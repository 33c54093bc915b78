"""Celery entry points of the coordination app (they call its services)."""

from __future__ import annotations

from celery import shared_task

from .services import consultations, invitations


@shared_task(name="coordination.run_invitation_cycle")
def run_invitation_cycle() -> dict[str, int]:
    """Daily: lapse the invitations past their answer date, then remind the unanswered ones."""
    return {
        "expired": invitations.expire_unanswered(),
        "reminded": invitations.send_reminders(),
    }


@shared_task(name="coordination.remind_follow_ups_due")
def remind_follow_ups_due() -> int:
    """Daily: remind the staff of the consultation follow-ups whose next-action day has come."""
    return consultations.remind_follow_ups_due()
