"""The load benchmark's floor view is routed only when PORTAL_BENCH_FLOOR is on."""

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from kamakura_portal import urls

pytestmark = pytest.mark.django_db


def reload_urls() -> None:
    importlib.reload(urls)
    clear_url_caches()


@pytest.fixture
def floor_on() -> Iterator[None]:
    with override_settings(PORTAL_BENCH_FLOOR=True):
        reload_urls()
        yield
    reload_urls()


def test_the_floor_is_not_served_by_default(client: Any) -> None:
    reload_urls()
    assert client.get("/bench/floor").status_code == 404


@pytest.mark.usefixtures("floor_on")
def test_the_floor_answers_with_a_tiny_page_when_turned_on(client: Any) -> None:
    response = client.get("/bench/floor")
    assert response.status_code == 200
    assert response.content == b"ok"
    # The same middleware stack as every page: the security headers are there.
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


@pytest.mark.usefixtures("floor_on")
def test_the_floor_refuses_a_post(client: Any) -> None:
    assert client.post("/bench/floor").status_code == 405


def test_the_setting_is_off_unless_the_environment_turns_it_on() -> None:
    from django.conf import settings

    assert settings.PORTAL_BENCH_FLOOR is False
