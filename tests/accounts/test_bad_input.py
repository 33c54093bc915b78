"""allauth's forms never see an address longer than the column keeps (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress

from tests.conftest import client_for, ja

pytestmark = pytest.mark.django_db
LONG = "a" * 250 + "@example.jp"


def test_adding_an_overlong_address_to_the_account_is_refused_beside_the_field(
    citizen: Any,
) -> None:
    response = client_for(citizen).post("/accounts/email/", {"action_add": "", "email": LONG})
    assert response.status_code == 200
    assert ja("Enter an email address of at most %(count)d characters.") % {"count": 254} in (
        response.content.decode()
    )
    assert not EmailAddress.objects.filter(email=LONG).exists()


def test_signing_up_with_an_overlong_address_is_refused(client: Any) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "長い 名前",
            "email": LONG,
            "password1": "correct-horse-battery-staple",
            "password2": "correct-horse-battery-staple",
        },
    )
    assert response.status_code == 200
    assert ja("Enter an email address of at most %(count)d characters.") % {"count": 254} in (
        response.content.decode()
    )
