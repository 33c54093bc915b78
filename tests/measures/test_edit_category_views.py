"""Editing a plan's category tree: titles, labels and where each heading sits."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Category, Plan
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import field_error

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def edit_url(category: Category) -> str:
    return reverse("measures:manage_category_edit", args=[category.plan.code, category.pk])


def data(category: Category, **changes: object) -> dict[str, object]:
    return {
        "parent": category.parent_id or "",
        "label": category.label,
        "title": category.title,
        "code": category.code,
        "description": category.description,
        **changes,
    }


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_open_a_category(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    assert role_client.get(edit_url(guideline.categories.get(code="1"))).status_code == expected


@for_every_role({**roles_except(MANAGERS, yes="活動の場", no="場"), "anonymous": "場"})
def test_only_the_secretariat_and_administrators_rename_a_category(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    category = guideline.categories.get(code="1")
    role_client.post(edit_url(category), data(category, title="活動の場"))
    category.refresh_from_db()
    assert category.title == expected


def test_the_parent_choices_are_the_plans_own_categories(secretariat: Any, guideline: Any) -> None:
    other = Plan.objects.create(code="other", title="別")
    Category.objects.create(plan=other, code="x", title="別の分野")
    form = client_for(secretariat).get(edit_url(guideline.categories.get(code="2"))).context["form"]
    assert set(form.fields["parent"].queryset) == set(guideline.categories.all())


def test_a_category_cannot_go_under_its_own_sub_category(secretariat: Any, guideline: Any) -> None:
    top = guideline.categories.get(code="1")
    child = guideline.categories.get(code="1-a")
    response = client_for(secretariat).post(edit_url(top), data(top, parent=child.pk, title="変更"))
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_parent")
    top.refresh_from_db()
    assert (top.parent, top.title) == (None, "場")


def test_a_category_moved_under_another_goes_last_there(secretariat: Any, guideline: Any) -> None:
    category = guideline.categories.get(code="2")
    parent = guideline.categories.get(code="1")
    response = client_for(secretariat).post(edit_url(category), data(category, parent=parent.pk))
    assert response.status_code == 302
    assert list(parent.children.values_list("code", flat=True)) == ["1-a", "1-i", "2"]


def test_a_sub_category_is_started_under_its_parent(secretariat: Any, guideline: Any) -> None:
    parent = guideline.categories.get(code="2")
    url = reverse("measures:manage_category_create", args=[guideline.code])
    client = client_for(secretariat)
    assert client.get(f"{url}?parent={parent.pk}").context["form"]["parent"].value() == str(
        parent.pk
    )
    response = client.post(
        url, {"parent": parent.pk, "label": "ア", "title": "基金", "code": "2-a"}
    )
    assert response.status_code == 302
    assert guideline.categories.get(code="2-a").parent == parent


def test_a_category_code_used_twice_is_refused_beside_the_field(
    secretariat: Any, guideline: Any
) -> None:
    url = reverse("measures:manage_category_create", args=[guideline.code])
    response = client_for(secretariat).post(url, {"parent": "", "title": "重複", "code": "1-a"})
    assert field_error(response.content.decode(), "id_code")
    assert guideline.categories.count() == 4
