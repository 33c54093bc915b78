"""Deleting a section, tier, category or measure from its confirmation page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Category, Measure, ProgressReport, Tier
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def url(row: Any) -> str:
    name = {Tier: "tier", Category: "category", Measure: "measure"}.get(type(row), "section")
    return reverse(f"measures:manage_{name}_delete", args=[row.plan.code, row.pk])


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_see_the_confirmation(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    assert role_client.get(url(guideline.measures.get(code="2-1"))).status_code == expected


@for_every_role({**roles_except(MANAGERS, yes=False, no=True), "anonymous": True})
def test_only_the_secretariat_and_administrators_delete(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    measure = guideline.measures.get(code="2-1")
    role_client.post(url(measure))
    assert Measure.objects.filter(pk=measure.pk).exists() == expected


def test_the_confirmation_offers_a_delete_button(secretariat: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="2-1")
    page = Page(client_for(secretariat).get(url(measure)).content.decode())
    assert [
        b.text
        for b in page.find_all("button", type="submit")
        if "button--danger" in b.attrs.get("class", "")
    ]


def test_what_still_refers_to_a_row_is_listed_without_a_button(
    secretariat: Any, guideline: Any
) -> None:
    tier = guideline.tiers.get(code="I")
    response = client_for(secretariat).get(url(tier))
    page = Page(response.content.decode())
    assert "施策1-a-1" in page.by_id("main").text
    assert not [b for b in page.find_all("button") if "button--danger" in b.attrs.get("class", "")]


def test_a_refused_delete_says_why_and_keeps_the_row(secretariat: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="2-1")
    ProgressReport.objects.create(measure=measure, fiscal_year=2026)
    response = client_for(secretariat).post(url(measure))
    assert response.status_code == 409
    assert "2026" in response.content.decode()
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_after_deleting_the_clerk_returns_to_the_plan(secretariat: Any, guideline: Any) -> None:
    empty = Category.objects.create(plan=guideline, code="9", title="空の分野")
    response = client_for(secretariat).post(url(empty))
    assert response["Location"] == reverse("measures:manage_plan", args=[guideline.code])
    assert not Category.objects.filter(pk=empty.pk).exists()


def test_a_section_is_deleted(secretariat: Any, guideline: Any) -> None:
    section = guideline.sections.get(number="2")
    client_for(secretariat).post(url(section))
    assert guideline.sections.count() == 1


def test_a_row_of_another_plan_is_404(secretariat: Any, guideline: Any) -> None:
    tier = guideline.tiers.get(code="I")
    address = reverse("measures:manage_tier_delete", args=["no-such-plan", tier.pk])
    assert client_for(secretariat).get(address).status_code == 404
