"""The secretariat's list of plans, and the forms for a plan's own details."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Measure, Plan
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page, field_error

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}
URL = "/measures/manage/"


def test_the_list_lives_under_measures_manage() -> None:
    assert reverse("measures:manage_plans") == URL


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_see_the_list(
    role_client: Any, expected: Any
) -> None:
    assert role_client.get(URL).status_code == expected


def test_it_lists_each_plan_with_its_counts_and_a_link(secretariat: Any, guideline: Any) -> None:
    response = client_for(secretariat).get(URL)
    (plan,) = response.context["plans"]
    assert (plan.measure_count, plan.section_count) == (4, 2)
    assert (
        reverse("measures:manage_plan", args=[guideline.code])
        in Page(response.content.decode()).hrefs()
    )


def make_plans(n: int) -> None:
    for k in range(n):
        previous = Plan.objects.order_by("-pk").first()
        plan = Plan.objects.create(code=f"p{k}", title=f"計画{k}", previous_edition=previous)
        Measure.objects.create(plan=plan, code="1", title="施策")


def test_the_list_is_pinned_to_its_queries(
    secretariat: Any, guideline: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(secretariat)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. the plans with their previous editions and counts (one JOINed, grouped query)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
    make_plans(15)
    with django_assert_num_queries(3):
        assert len(client.get(URL).context["plans"]) == 16


# ---- A plan's details ------------------------------------------------------------------

DATA = {
    "title": "新しい指針",
    "code": "new-guideline",
    "municipality": "鎌倉市",
    "edition": "",
    "edition_year": "2027",
    "start_fiscal_year": "2027",
    "end_fiscal_year": "2031",
    "source_note": "",
}


@for_every_role({**roles_except(MANAGERS, yes=302, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_add_a_plan(
    role_client: Any, expected: Any
) -> None:
    response = role_client.post(reverse("measures:manage_plan_create"), DATA)
    assert response.status_code == expected
    assert Plan.objects.filter(code="new-guideline").exists() == (
        expected == 302 and response["Location"].startswith("/measures/manage/")
    )


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_see_a_plans_form(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    url = reverse("measures:manage_plan_edit", args=[guideline.code])
    assert role_client.get(url).status_code == expected


def test_a_new_plan_opens_on_its_management_page(secretariat: Any) -> None:
    response = client_for(secretariat).post(reverse("measures:manage_plan_create"), DATA)
    assert response["Location"] == reverse("measures:manage_plan", args=["new-guideline"])


def test_a_clerk_corrects_a_plans_edition(secretariat: Any, guideline: Any) -> None:
    url = reverse("measures:manage_plan_edit", args=[guideline.code])
    form = client_for(secretariat).get(url).context["form"]
    data = {**{k: v if v is not None else "" for k, v in form.initial.items() if k in DATA}}
    data["edition"] = "令和8年（2026年）8月 更新"
    response = client_for(secretariat).post(url, data)
    assert response.status_code == 302
    guideline.refresh_from_db()
    assert guideline.edition == "令和8年（2026年）8月 更新"
    assert guideline.title == "テスト指針"


def test_a_taken_code_is_shown_beside_the_field_and_nothing_is_saved(
    secretariat: Any, guideline: Any
) -> None:
    Plan.objects.create(code="taken", title="別")
    url = reverse("measures:manage_plan_edit", args=[guideline.code])
    response = client_for(secretariat).post(url, {**DATA, "code": "taken"})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_code")
    guideline.refresh_from_db()
    assert (guideline.code, guideline.title) == ("test-guideline", "テスト指針")
    # The page around the form still links to the plan as saved.
    assert (
        reverse("measures:manage_plan", args=["test-guideline"])
        in Page(response.content.decode()).hrefs()
    )


def test_a_period_ending_before_it_starts_is_refused_beside_the_field(
    secretariat: Any, guideline: Any
) -> None:
    url = reverse("measures:manage_plan_edit", args=[guideline.code])
    data = {**DATA, "code": guideline.code, "start_fiscal_year": "2030", "end_fiscal_year": "2026"}
    response = client_for(secretariat).post(url, data)
    assert field_error(response.content.decode(), "id_end_fiscal_year")
    guideline.refresh_from_db()
    assert guideline.start_fiscal_year == 2026
