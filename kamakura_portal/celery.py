"""The Celery application, and the one way to send a task after a commit.

Start a worker with ``celery -A kamakura_portal worker`` and the scheduler with
``celery -A kamakura_portal beat`` (see the README). Tasks take ids, are sent with
:func:`send_after_commit` so they never run before the data they need is committed, and are
serialised as JSON.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.exceptions import ImproperlyConfigured
from django.db import transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.local")

app = Celery("kamakura_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)
# What a broker that cannot be reached raises while a task is sent (Redis refusing the
# connection, the file-system broker's folder gone, or its results folder: Celery's
# ImproperlyConfigured).
BROKER_ERRORS = (OperationalError, OSError, ImproperlyConfigured)


def send_after_commit(task_name: str, *args: Any) -> None:
    """Send the task named ``task_name`` once the current transaction commits.

    The task is looked up by name, so a service never imports its own tasks module. When
    the broker cannot take it, the saved change stands and the failure is logged: every
    task sent this way has a periodic sweep that finds the work it would have done.
    """

    def send() -> None:
        try:
            app.tasks[task_name].delay(*args)
        except BROKER_ERRORS as error:
            logger.warning("Task %s not sent, the sweep will pick it up: %s", task_name, error)

    transaction.on_commit(send)
