"""Celery: tasks leave after commit (kamakura_portal.celery.send_after_commit), a broker that
cannot be reached never breaks the saved change, and a real worker runs tasks over Redis."""

from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import transaction

from kamakura_portal.celery import app, send_after_commit
from kamakura_portal.tasks import ping
from tests.conftest import broker_at, broker_unreachable, real_worker


@pytest.fixture
def sent() -> Iterator[Any]:
    """Records what the ping task would put on the broker."""
    with mock.patch.object(app.tasks["portal.ping"], "apply_async") as apply_async:
        yield apply_async


@pytest.mark.django_db(transaction=True)
def test_a_task_sent_on_commit_leaves_only_after_the_commit(sent: Any) -> None:
    with transaction.atomic():
        send_after_commit("portal.ping")
        sent.assert_not_called()
    sent.assert_called_once()


@pytest.mark.django_db(transaction=True)
def test_a_task_sent_on_commit_never_leaves_when_the_transaction_rolls_back(sent: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        send_after_commit("portal.ping")
        raise RuntimeError("roll back")
    sent.assert_not_called()


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_refuses_the_connection_leaves_the_commit_standing(caplog: Any) -> None:
    with broker_unreachable(), transaction.atomic():
        send_after_commit("portal.ping")
    assert "Task portal.ping not sent" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_file_system_broker_without_its_folder_leaves_the_commit_standing(
    tmp_path: Any, caplog: Any
) -> None:
    """The embedded broker of `make run` with its folder gone (seen as a 500 before)."""
    missing = str(tmp_path / "gone")
    with (
        broker_at("filesystem://", data_folder_in=missing, data_folder_out=missing),
        transaction.atomic(),
    ):
        send_after_commit("portal.ping")
    assert "Task portal.ping not sent" in caplog.text


def test_tasks_are_serialised_as_json_only() -> None:
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.broker_url.startswith("redis://")


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_answers_ping_over_the_redis_broker() -> None:
    with real_worker():  # the suite runs tasks in process; not here
        assert ping.delay().get(timeout=10) == "pong"
