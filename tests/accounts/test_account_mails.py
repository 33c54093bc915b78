"""allauth's mails name the portal and link to its public address (SITE_URL), whatever host
and port the request came through (issue 13, item 11)."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://portal.kamakura.example"
PORTAL = "つながる鎌倉 市民活動ポータル"


@pytest.fixture(autouse=True)
def _public_address(settings: Any) -> None:
    settings.SITE_URL = f"{PUBLIC}/"


def dev_server() -> Client:
    return Client(HTTP_HOST="127.0.0.1:18200")


def test_the_signup_confirmation_names_the_portal_and_links_to_the_public_address() -> None:
    dev_server().post(
        "/accounts/signup/",
        {
            "display_name": "鎌倉 花子",
            "email": "hanako@example.jp",
            "password1": "yuigahama-beach-2026",
            "password2": "yuigahama-beach-2026",
            "agree_to_terms": "on",
        },
    )
    [message] = mail.outbox
    assert PORTAL in message.body
    assert f"{PUBLIC}/accounts/confirm-email/" in message.body
    assert "127.0.0.1" not in message.body
    assert ":8000" not in message.body


def test_the_password_reset_link_is_on_the_public_address() -> None:
    UserFactory.create(email="taro@example.jp")
    dev_server().post("/accounts/password/reset/", {"email": "taro@example.jp"})
    [message] = mail.outbox
    assert f"{PUBLIC}/accounts/password/reset/key/" in message.body
    assert PORTAL in message.body
    assert "127.0.0.1" not in message.body
