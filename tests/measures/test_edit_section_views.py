"""Editing a plan's narrative sections (the booklet prints from them) and its tiers."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import PlanSection, Tier
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import field_error

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def section_url(section: PlanSection) -> str:
    return reverse("measures:manage_section_edit", args=[section.plan.code, section.pk])


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_open_a_section(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    section = guideline.sections.get(number="1")
    assert role_client.get(section_url(section)).status_code == expected


@for_every_role({**roles_except(MANAGERS, yes="改訂した本文", no="本文一"), "anonymous": "本文一"})
def test_only_the_secretariat_and_administrators_fix_a_section(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    section = guideline.sections.get(number="1")
    role_client.post(section_url(section), {"number": "1", "title": "目的", "body": "改訂した本文"})
    section.refresh_from_db()
    assert section.body == expected


def test_after_saving_the_clerk_returns_to_the_section_on_the_plan_page(
    secretariat: Any, guideline: Any
) -> None:
    section = guideline.sections.get(number="1")
    response = client_for(secretariat).post(
        section_url(section), {"number": "1", "title": "目的", "body": "本文"}
    )
    plan_url = reverse("measures:manage_plan", args=[guideline.code])
    assert response["Location"] == f"{plan_url}#section-{section.pk}"


def test_a_section_number_used_twice_is_refused_beside_the_field(
    secretariat: Any, guideline: Any
) -> None:
    section = guideline.sections.get(number="2")
    response = client_for(secretariat).post(
        section_url(section), {"number": "1", "title": "用語", "body": "書き換え"}
    )
    assert response.status_code == 200
    assert "1" in field_error(response.content.decode(), "id_number")
    section.refresh_from_db()
    assert section.body == "本文二"


def test_a_title_is_required(secretariat: Any, guideline: Any) -> None:
    section = guideline.sections.get(number="2")
    response = client_for(secretariat).post(section_url(section), {"number": "2", "title": ""})
    assert field_error(response.content.decode(), "id_title")


def test_a_new_section_is_added_last(secretariat: Any, guideline: Any) -> None:
    url = reverse("measures:manage_section_create", args=[guideline.code])
    response = client_for(secretariat).post(
        url, {"number": "", "title": "おわりに", "body": "結び"}
    )
    assert response.status_code == 302
    assert list(guideline.sections.values_list("title", flat=True)) == ["目的", "用語", "おわりに"]


# ---- Tiers ------------------------------------------------------------------------------


@for_every_role({**roles_except(MANAGERS, yes=302, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_add_a_tier(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    url = reverse("measures:manage_tier_create", args=[guideline.code])
    response = role_client.post(url, {"code": "III", "label": "Ⅲ", "description": "段階的に実施"})
    assert response.status_code == expected
    assert Tier.objects.filter(plan=guideline, code="III").exists() == (
        expected == 302 and response["Location"].startswith("/measures/manage/")
    )


def test_a_tier_code_used_twice_is_refused_beside_the_field(
    secretariat: Any, guideline: Any
) -> None:
    tier = guideline.tiers.get(code="II")
    url = reverse("measures:manage_tier_edit", args=[guideline.code, tier.pk])
    response = client_for(secretariat).post(url, {"code": "I", "label": "変更"})
    assert field_error(response.content.decode(), "id_code")
    tier.refresh_from_db()
    assert (tier.code, tier.label) == ("II", "Ⅱ")
