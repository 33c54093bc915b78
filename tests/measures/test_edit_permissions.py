"""Every address of plan editing, for every role: only the secretariat and administrators
(with two-factor authentication where required) get in; nobody else learns what exists."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Plan
from tests.conftest import acts, client_for, for_every_role, roles_except

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def addresses(plan: Plan) -> list[str]:
    """Every page of plan editing a GET may open, for one row of each kind."""
    code = plan.code
    rows = {
        "section": plan.sections.first(),
        "tier": plan.tiers.first(),
        "category": plan.categories.filter(children=None).exclude(measures=None).first(),
        "measure": plan.measures.first(),
    }
    urls = [
        reverse("measures:manage_plans"),
        reverse("measures:manage_plan_create"),
        reverse("measures:manage_plan", args=[code]),
        reverse("measures:manage_plan_edit", args=[code]),
        reverse("measures:manage_copy_edition", args=[code]),
    ]
    for kind, row in rows.items():
        assert row is not None
        urls.append(reverse(f"measures:manage_{kind}_create", args=[code]))
        urls.append(reverse(f"measures:manage_{kind}_edit", args=[code, row.pk]))
        urls.append(reverse(f"measures:manage_{kind}_delete", args=[code, row.pk]))
    return urls


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_every_editing_page_is_for_the_secretariat_and_administrators(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    statuses = {url: role_client.get(url).status_code for url in addresses(guideline)}
    assert statuses == dict.fromkeys(statuses, expected)


@for_every_role({**roles_except(MANAGERS, yes=302, no=403), "anonymous": 302})
def test_every_move_is_for_the_secretariat_and_administrators(
    role: Any, role_client: Any, expected: Any, guideline: Any
) -> None:
    code = guideline.code
    rows: dict[str, Any] = {
        "section": guideline.sections.last(),
        "tier": guideline.tiers.last(),
        "category": guideline.categories.last(),
        "measure": guideline.measures.last(),
    }
    for kind, row in rows.items():
        url = reverse(f"measures:manage_{kind}_move", args=[code, row.pk])
        response = role_client.post(url, {"direction": "up"})
        assert response.status_code == expected
        if acts(role, expected):
            assert response["Location"].startswith(f"/measures/manage/{code}/#{kind}-")


def test_without_two_factor_authentication_the_secretariat_is_sent_to_set_it_up(
    secretariat: Any, guideline: Any, settings: Any
) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    response = client_for(secretariat).get(reverse("measures:manage_plan", args=[guideline.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
