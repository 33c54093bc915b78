"""Adding and editing a measure: text, tier, category, lead departments, related measures and
planned steps per fiscal year, on one form."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Measure, Plan
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page, field_error

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}


def edit_url(measure: Measure) -> str:
    return reverse("measures:manage_measure_edit", args=[measure.plan.code, measure.pk])


def create_url(plan: Plan) -> str:
    return reverse("measures:manage_measure_create", args=[plan.code])


def form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """What the browser would post back from the page unchanged, with ``changes``."""
    form, steps = response.context["form"], response.context["steps"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("lead_departments", "related"):
            data[name] = [str(v) for v in value or []]
        elif name == "is_priority":
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(getattr(value, "pk", value))
    management = steps.management_form
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[f"steps-{name}"] = (
            management.initial.get(name, 0) if name != "TOTAL_FORMS" else len(steps.forms)
        )
    for index, step in enumerate(steps.forms):
        data[f"steps-{index}-fiscal_year"] = step.initial.get("fiscal_year", "")
        data[f"steps-{index}-text"] = step.initial.get("text", "")
    data.update(changes)
    return data


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_open_a_measure(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    assert role_client.get(edit_url(guideline.measures.get(code="1-a-1"))).status_code == expected


@for_every_role({**roles_except(MANAGERS, yes="直した", no="施策1-a-1"), "anonymous": "施策1-a-1"})
def test_only_the_secretariat_and_administrators_save_a_measure(
    role_client: Any, expected: Any, guideline: Any, secretariat: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    data = form_data(client_for(secretariat).get(edit_url(measure)), title="直した")
    role_client.post(edit_url(measure), data)
    measure.refresh_from_db()
    assert measure.title == expected


def test_a_measure_of_another_plan_is_404(secretariat: Any, guideline: Any) -> None:
    other = Plan.objects.create(code="other", title="別")
    foreign = Measure.objects.create(plan=other, title="別の施策")
    url = reverse("measures:manage_measure_edit", args=[guideline.code, foreign.pk])
    assert client_for(secretariat).get(url).status_code == 404


def test_the_form_offers_only_the_plans_own_tiers_categories_and_measures(
    secretariat: Any, guideline: Any
) -> None:
    Plan.objects.create(code="other", title="別")
    measure = guideline.measures.get(code="1-a-1")
    form = client_for(secretariat).get(edit_url(measure)).context["form"]
    assert set(form.fields["tier"].queryset) == set(guideline.tiers.all())
    assert set(form.fields["category"].queryset) == set(guideline.categories.all())
    assert set(form.fields["related"].queryset) == set(guideline.measures.exclude(pk=measure.pk))
    assert form["related"].value() == [guideline.measures.get(code="1-a-2").pk]


def test_lead_departments_are_grouped_by_division(
    secretariat: Any, guideline: Any, division: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    response = client_for(secretariat).get(edit_url(measure))
    choices = response.context["form"].fields["lead_departments"].widget.choices
    assert (
        division.name,
        [(d.pk, d.name) for d in division.children.order_by("sort_order", "code")],
    ) in choices
    page = Page(response.content.decode())
    own = [e for e in page.find_all("input", name="lead_departments") if "checked" in e.attrs]
    assert len(own) == 1


def test_a_clerk_corrects_the_text_lead_department_and_steps(
    secretariat: Any, guideline: Any, dept_other: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    client = client_for(secretariat)
    data = form_data(
        client.get(edit_url(measure)),
        description="直した説明",
        lead_departments=[str(dept_other.pk)],
        **{"steps-0-text": "検討（見直し）", "steps-1-fiscal_year": "2027", "steps-1-text": "試行"},
    )
    response = client.post(edit_url(measure), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#measure-{measure.pk}")
    measure.refresh_from_db()
    assert measure.description == "直した説明"
    assert list(measure.lead_departments.all()) == [dept_other]
    assert dict(measure.planned_steps.values_list("fiscal_year", "text")) == {
        2026: "検討（見直し）",
        2027: "試行",
    }


def test_clearing_a_step_row_removes_the_step(secretariat: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="1-a-1")
    client = client_for(secretariat)
    data = form_data(
        client.get(edit_url(measure)), **{"steps-0-fiscal_year": "", "steps-0-text": ""}
    )
    assert client.post(edit_url(measure), data).status_code == 302
    assert not measure.planned_steps.exists()


def test_a_taken_code_is_shown_beside_the_field_and_nothing_is_saved(
    secretariat: Any, guideline: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    client = client_for(secretariat)
    data = form_data(client.get(edit_url(measure)), code="2-1", title="保存されない")
    response = client.post(edit_url(measure), data)
    assert response.status_code == 200
    assert "2-1" in field_error(response.content.decode(), "id_code")
    measure.refresh_from_db()
    assert (measure.code, measure.title) == ("1-a-1", "施策1-a-1")
    assert "施策1-a-1" in Page(response.content.decode()).by_id("main").text


def test_a_step_outside_the_period_is_shown_beside_its_year(
    secretariat: Any, guideline: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    client = client_for(secretariat)
    data = form_data(
        client.get(edit_url(measure)),
        title="保存されない",
        **{"steps-1-fiscal_year": "2035", "steps-1-text": "延長"},
    )
    response = client.post(edit_url(measure), data)
    assert response.status_code == 200
    assert "2030" in field_error(response.content.decode(), "id_steps-1-fiscal_year")
    assert Measure.objects.get(pk=measure.pk).title == "施策1-a-1"


def test_two_steps_in_one_year_are_refused(secretariat: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="1-a-1")
    client = client_for(secretariat)
    data = form_data(
        client.get(edit_url(measure)), **{"steps-1-fiscal_year": "2026", "steps-1-text": "重複"}
    )
    response = client.post(edit_url(measure), data)
    assert field_error(response.content.decode(), "id_steps-1-fiscal_year")
    assert measure.planned_steps.get().text == "検討"


def test_a_step_without_a_year_is_refused(secretariat: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="1-a-1")
    client = client_for(secretariat)
    data = form_data(client.get(edit_url(measure)), **{"steps-1-text": "年度なし"})
    response = client.post(edit_url(measure), data)
    assert field_error(response.content.decode(), "id_steps-1-fiscal_year")


def test_a_measure_is_added_to_the_category_it_was_started_from(
    secretariat: Any, guideline: Any
) -> None:
    category = guideline.categories.get(code="1-i")
    client = client_for(secretariat)
    response = client.get(create_url(guideline) + f"?category={category.pk}")
    assert response.context["form"]["category"].value() == str(category.pk)
    data = form_data(response, code="1-i-2", title="新しい施策", category=str(category.pk))
    assert client.post(create_url(guideline), data).status_code == 302
    new = guideline.measures.get(code="1-i-2")
    assert new.category == category
    assert not new.carried_over


def test_a_carried_over_measure_links_to_its_predecessor(secretariat: Any, guideline: Any) -> None:
    later = Plan.objects.create(code="later", title="次の版", previous_edition=guideline)
    old = guideline.measures.get(code="2-1")
    copy = Measure.objects.create(
        plan=later, code="2-1", title="施策2-1", predecessor=old, carried_over=True
    )
    html = client_for(secretariat).get(edit_url(copy)).content.decode()
    assert edit_url(old) in Page(html).hrefs()


def test_categories_are_offered_in_print_order_named_with_their_parents(
    secretariat: Any, guideline: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    form = client_for(secretariat).get(edit_url(measure)).context["form"]
    labels = [label for _value, label in form.fields["category"].choices][1:]
    assert labels == ["(1) 場", "(1) ア 場の提供", "(1) イ 場の活用", "(2) 資金"]


def test_an_existing_measure_links_to_its_public_page(secretariat: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="1-a-1")
    html = client_for(secretariat).get(edit_url(measure)).content.decode()
    public = reverse("measures:measure", kwargs={"code": guideline.code, "pk": measure.pk})
    assert public in Page(html).hrefs()
