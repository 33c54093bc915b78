"""Cross-cutting tasks: the outbox's sender and its sweep, and the broker's ping."""

from __future__ import annotations

from celery import shared_task

from . import mail


@shared_task(name="portal.ping")
def ping() -> str:
    """Answers ``pong``: lets the health check and the tests see a worker run a task."""
    return "pong"


@shared_task(name=mail.SEND_TASK)
def send_outbox_mail(ids: list[int]) -> int:
    """Send mail just queued by a saved change (each claimed first: sent once)."""
    return mail.send_outbox(ids)


@shared_task(name="portal.sweep_outbox")
def sweep_outbox() -> int:
    """Every minute: send what the broker or the mail server could not take before."""
    return mail.send_outbox()
