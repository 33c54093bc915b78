"""Celery: tasks leave after commit, and a real worker runs them over the real Redis broker."""

from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from kamakura_portal.celery import app
from kamakura_portal.tasks import ping


@pytest.fixture
def sent():
    """Records what the ping task would put on the broker."""
    with mock.patch.object(app.tasks["portal.ping"], "apply_async") as apply_async:
        yield apply_async


@pytest.mark.django_db(transaction=True)
def test_a_task_sent_on_commit_leaves_only_after_the_commit(sent) -> None:
    with transaction.atomic():
        ping.delay_on_commit()  # type: ignore[attr-defined]  # Celery 5.4+, not in celery-types
        sent.assert_not_called()
    sent.assert_called_once()


@pytest.mark.django_db(transaction=True)
def test_a_task_sent_on_commit_never_leaves_when_the_transaction_rolls_back(sent) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        ping.delay_on_commit()  # type: ignore[attr-defined]  # Celery 5.4+, not in celery-types
        raise RuntimeError("roll back")
    sent.assert_not_called()


def test_tasks_are_serialised_as_json_only() -> None:
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.broker_url.startswith("redis://")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_answers_ping_over_the_redis_broker() -> None:
    app.conf.task_always_eager = False  # the suite runs tasks in process; not here
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=20):
        assert ping.delay().get(timeout=10) == "pong"
