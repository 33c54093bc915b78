from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import ROLES, for_every_role

pytestmark = pytest.mark.django_db


@for_every_role({role: 200 for role in ROLES})
def test_the_home_page_is_open_to_everyone(role_client: Any, expected: Any) -> None:
    assert role_client.get(reverse("home")).status_code == expected


def test_the_home_page_is_served_in_japanese_by_default(client: Any) -> None:
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="")
    assert response["Content-Language"] == "ja"
    assert '<html lang="ja"' in response.content.decode()


def test_the_home_page_sends_a_content_security_policy(client: Any) -> None:
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
