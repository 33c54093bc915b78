"""The secretariat's page of one plan: sections, tiers, the category tree and its measures."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Category, Measure, Plan
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def url(plan: Plan) -> str:
    return reverse("measures:manage_plan", kwargs={"code": plan.code})


def test_it_lives_under_measures_manage_code(guideline: Any) -> None:
    assert url(guideline) == "/measures/manage/test-guideline/"


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_manage_a_plan(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    assert role_client.get(url(guideline)).status_code == expected


@for_every_role({**roles_except(MANAGERS, yes=404, no=403), "anonymous": 302})
def test_a_missing_plan_is_404_only_for_those_allowed_to_look(
    role_client: Any, expected: Any
) -> None:
    assert role_client.get("/measures/manage/no-such-plan/").status_code == expected


def test_it_shows_the_category_tree_in_print_order_with_its_measures(
    secretariat: Any, guideline: Any
) -> None:
    response = client_for(secretariat).get(url(guideline))
    rows = [
        (c.code, depth, [m.code for m in ms]) for c, depth, ms in response.context["category_rows"]
    ]
    assert rows == [
        ("1", 0, []),
        ("1-a", 1, ["1-a-1", "1-a-2"]),
        ("1-i", 1, ["1-i-1"]),
        ("2", 0, ["2-1"]),
    ]
    html = response.content.decode()
    assert "自分の課" in html  # the lead department of 1-a-1


def test_it_links_every_row_to_its_edit_page(secretariat: Any, guideline: Any) -> None:
    page = Page(client_for(secretariat).get(url(guideline)).content.decode())
    hrefs = page.hrefs()
    for measure in guideline.measures.all():
        assert reverse("measures:manage_measure_edit", args=[guideline.code, measure.pk]) in hrefs
    for category in guideline.categories.all():
        assert reverse("measures:manage_category_edit", args=[guideline.code, category.pk]) in hrefs
    for section in guideline.sections.all():
        assert reverse("measures:manage_section_edit", args=[guideline.code, section.pk]) in hrefs
    for tier in guideline.tiers.all():
        assert reverse("measures:manage_tier_edit", args=[guideline.code, tier.pk]) in hrefs
    assert reverse("measures:manage_copy_edition", args=[guideline.code]) in hrefs
    assert reverse("measures:manage_plan_edit", args=[guideline.code]) in hrefs


def test_each_move_button_names_its_row_for_screen_readers(
    secretariat: Any, guideline: Any
) -> None:
    page = Page(client_for(secretariat).get(url(guideline)).content.decode())
    measure = guideline.measures.get(code="1-a-1")
    move = reverse("measures:manage_measure_move", args=[guideline.code, measure.pk])
    form = page.find_all("form", action=move)
    assert form
    buttons = [b.text for b in page.find_all("button") if b.attrs.get("value") in ("up", "down")]
    assert "上へ: 施策1-a-1" in buttons or "Up: 施策1-a-1" in buttons


def test_measures_without_a_category_are_listed_apart(secretariat: Any, guideline: Any) -> None:
    Measure.objects.create(plan=guideline, code="x", title="分類なしの施策", sort_order=9)
    response = client_for(secretariat).get(url(guideline))
    assert [m.code for m in response.context["uncategorised"]] == ["x"]
    assert "分類なしの施策" in response.content.decode()


def test_a_superseded_edition_says_a_newer_one_exists(secretariat: Any, guideline: Any) -> None:
    Plan.objects.create(code="test-guideline-next", title="次の指針", previous_edition=guideline)
    html = client_for(secretariat).get(url(guideline)).content.decode()
    assert reverse("measures:manage_plan", args=["test-guideline-next"]) in Page(html).hrefs()


def grow(plan: Plan, n: int) -> None:
    """Add ``n`` categories, each with a sub-category holding two measures with a lead."""
    department = plan.measures.get(code="1-a-1").lead_departments.get()
    for k in range(n):
        top = Category.objects.create(plan=plan, code=f"g{k}", title=f"分野{k}", sort_order=10 + k)
        sub = Category.objects.create(plan=plan, parent=top, code=f"g{k}-a", title="小分野")
        for j in range(2):
            measure = Measure.objects.create(
                plan=plan, category=sub, code=f"g{k}-{j}", title=f"追加{k}-{j}"
            )
            measure.lead_departments.add(department)


def test_the_plan_page_is_pinned_to_its_queries(
    secretariat: Any, guideline: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(secretariat)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. the plan with its previous edition
    # 4. the measures with their tiers
    # 5. prefetch: the lead departments of those measures
    # 6. the categories
    # 7. the sections
    # 8. the tiers
    # 9. the later editions
    with django_assert_num_queries(9):
        assert client.get(url(guideline)).status_code == 200


def test_the_plan_page_does_not_grow_queries_with_rows(
    secretariat: Any, guideline: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(secretariat)
    client.get(url(guideline))
    grow(guideline, 10)
    with django_assert_max_num_queries(11):
        response = client.get(url(guideline))
    assert response.context["measure_count"] == 24
