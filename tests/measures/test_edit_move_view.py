"""Reordering rows of a plan with the Up / Down buttons of its page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Category
from tests.conftest import client_for, for_every_role, roles_except

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def url(category: Category) -> str:
    return reverse("measures:manage_category_move", args=[category.plan.code, category.pk])


def children(guideline: Any) -> list[str]:
    parent = guideline.categories.get(code="1")
    return list(parent.children.order_by("sort_order").values_list("code", flat=True))


@for_every_role(
    {**roles_except(MANAGERS, yes=["1-i", "1-a"], no=["1-a", "1-i"]), "anonymous": ["1-a", "1-i"]}
)
def test_only_the_secretariat_and_administrators_reorder(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    role_client.post(url(guideline.categories.get(code="1-i")), {"direction": "up"})
    assert children(guideline) == expected


def test_the_clerk_returns_to_the_row_moved(secretariat: Any, guideline: Any) -> None:
    category = guideline.categories.get(code="1-a")
    response = client_for(secretariat).post(url(category), {"direction": "down"})
    plan_url = reverse("measures:manage_plan", args=[guideline.code])
    assert response["Location"] == f"{plan_url}#category-{category.pk}"
    assert children(guideline) == ["1-i", "1-a"]


def test_a_row_that_cannot_move_further_is_left_with_a_message(
    secretariat: Any, guideline: Any
) -> None:
    client = client_for(secretariat)
    response = client.post(
        url(guideline.categories.get(code="1-a")), {"direction": "up"}, follow=True
    )
    assert children(guideline) == ["1-a", "1-i"]
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_a_get_does_not_move_anything(secretariat: Any, guideline: Any) -> None:
    assert client_for(secretariat).get(url(guideline.categories.get(code="1-i"))).status_code == 405
    assert children(guideline) == ["1-a", "1-i"]


@pytest.mark.parametrize("kind", ["section", "tier", "measure"])
def test_each_kind_of_row_moves(secretariat: Any, guideline: Any, kind: Any) -> None:
    rows = {
        "section": guideline.sections.all(),
        "tier": guideline.tiers.all(),
        "measure": guideline.measures.filter(category__code="1-a"),
    }[kind]
    first, second = rows.order_by("sort_order")[:2]
    address = reverse(f"measures:manage_{kind}_move", args=[guideline.code, second.pk])
    client_for(secretariat).post(address, {"direction": "up"})
    assert list(rows.order_by("sort_order", "pk")[:2]) == [second, first]
