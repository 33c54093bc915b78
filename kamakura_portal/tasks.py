"""Cross-cutting tasks."""

from celery import shared_task


@shared_task(name="portal.ping")
def ping() -> str:
    """Answers ``pong``: lets the health check and the tests see a worker run a task."""
    return "pong"
