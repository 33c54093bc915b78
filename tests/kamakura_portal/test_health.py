"""``/healthz`` against the real PostgreSQL and Redis, and with each dependency broken."""

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


def test_it_reports_database_cache_and_broker_ok(client: Any) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    for name, result in body["checks"].items():
        assert result["ok"] is True, (name, result)
        assert isinstance(result["ms"], float | int)


def test_it_is_never_cached(client: Any) -> None:
    response = client.get(reverse("healthz"))
    assert "no-cache" in response["Cache-Control"]


def test_it_only_answers_get(client: Any) -> None:
    assert client.post(reverse("healthz")).status_code == 405


def test_it_answers_503_naming_the_broker_when_the_broker_is_down(
    client: Any, settings: Any
) -> None:
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["error"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True


def test_it_answers_503_naming_the_cache_when_the_cache_is_down(client: Any, settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CLOSED_PORT_REDIS,
        }
    }
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cache"]["ok"] is False
    assert "Connection" in body["checks"]["cache"]["error"]
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


def test_it_checks_the_file_system_broker_of_a_bare_machine(
    client: Any, settings: Any, tmp_path: Any
) -> None:
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"data_folder_in": str(tmp_path / "queue")}
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert (tmp_path / "queue").is_dir()
    assert list((tmp_path / "queue").iterdir()) == []
