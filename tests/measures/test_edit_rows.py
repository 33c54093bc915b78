"""measures.editing: saving plans, sections, tiers, categories and measures.

Each refusal names the field to blame and leaves the database as it was.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from measures.editing import (
    EditingError,
    save_category,
    save_measure,
    save_plan,
    save_section,
    save_tier,
)
from measures.models import Category, Measure, Plan, PlanSection, Tier

pytestmark = pytest.mark.django_db


def refused(call: Any, field: Any) -> Any:
    with pytest.raises(EditingError) as raised:
        call()
    assert raised.value.field == field
    return str(raised.value)


def other_plan() -> Plan:
    plan = Plan.objects.create(code="other-plan", title="別の計画")
    Tier.objects.create(plan=plan, code="I", label="Ⅰ")
    Category.objects.create(plan=plan, code="1", title="別の分野")
    Measure.objects.create(plan=plan, code="1-a-1", title="別の施策")
    return plan


# ---- Plans -------------------------------------------------------------------------------


def test_it_creates_a_plan(db: Any) -> None:
    plan = save_plan(Plan(), {"code": "new-plan", "title": "新しい計画", "start_fiscal_year": 2027})
    assert Plan.objects.get(code="new-plan").start_fiscal_year == 2027
    assert plan.pk


def test_a_plan_code_is_unique(guideline: Any) -> None:
    message = refused(lambda: save_plan(Plan(), {"code": guideline.code, "title": "x"}), "code")
    assert guideline.code in message
    assert Plan.objects.count() == 1


def test_the_period_cannot_end_before_it_starts(guideline: Any) -> None:
    refused(
        lambda: save_plan(guideline, {"start_fiscal_year": 2030, "end_fiscal_year": 2026}),
        "end_fiscal_year",
    )
    guideline.refresh_from_db()
    assert (guideline.start_fiscal_year, guideline.end_fiscal_year) == (2026, 2030)


# ---- Sections and tiers ------------------------------------------------------------------


def test_a_new_section_goes_last(guideline: Any) -> None:
    section = save_section(
        PlanSection(plan=guideline), {"number": "3", "title": "役割", "body": ""}
    )
    assert list(guideline.sections.values_list("number", flat=True)) == ["1", "2", "3"]
    assert section.sort_order == 3


def test_two_sections_of_a_plan_cannot_share_a_number(guideline: Any) -> None:
    section = guideline.sections.get(number="2")
    refused(lambda: save_section(section, {"number": "1", "title": "用語"}), "number")
    assert guideline.sections.filter(number="2").exists()


def test_unnumbered_sections_may_be_several(guideline: Any) -> None:
    for title in ("はじめに", "おわりに"):
        save_section(PlanSection(plan=guideline), {"number": "", "title": title, "body": ""})
    assert guideline.sections.filter(number="").count() == 2


def test_the_narrative_is_saved_as_typed(guideline: Any) -> None:
    section = guideline.sections.get(number="1")
    save_section(section, {"body": "一段落目。\n\n二段落目。"})
    section.refresh_from_db()
    assert section.body == "一段落目。\n\n二段落目。"


def test_a_tier_code_is_unique_within_its_plan(guideline: Any) -> None:
    refused(lambda: save_tier(Tier(plan=guideline), {"code": "I", "label": "Ⅰ"}), "code")
    other = other_plan()
    assert save_tier(Tier(plan=other), {"code": "II", "label": "Ⅱ"}).sort_order == 1


# ---- Categories --------------------------------------------------------------------------


def test_a_category_may_move_under_another_of_its_plan(guideline: Any) -> None:
    category = guideline.categories.get(code="1-i")
    save_category(category, {"parent": guideline.categories.get(code="2")})
    category.refresh_from_db()
    assert category.parent is not None and category.parent.code == "2"


def test_a_category_cannot_be_its_own_parent(guideline: Any) -> None:
    category = guideline.categories.get(code="1")
    refused(lambda: save_category(category, {"parent": category}), "parent")


def test_a_category_cannot_go_under_its_own_descendant(guideline: Any) -> None:
    top = guideline.categories.get(code="1")
    grandchild = Category.objects.create(
        plan=guideline, parent=guideline.categories.get(code="1-a"), code="1-a-x", title="孫"
    )
    refused(lambda: save_category(top, {"parent": grandchild}), "parent")
    top.refresh_from_db()
    assert top.parent is None


def test_a_categorys_parent_must_be_of_the_same_plan(guideline: Any) -> None:
    foreign = other_plan().categories.get()
    category = guideline.categories.get(code="2")
    refused(lambda: save_category(category, {"parent": foreign}), "parent")
    assert Category.objects.get(pk=category.pk).parent is None


def test_a_category_code_is_unique_within_its_plan(guideline: Any) -> None:
    refused(lambda: save_category(Category(plan=guideline), {"code": "1-a", "title": "x"}), "code")


def test_a_new_category_goes_last_among_its_siblings(guideline: Any) -> None:
    parent = guideline.categories.get(code="1")
    new = save_category(Category(plan=guideline), {"parent": parent, "code": "1-u", "title": "ウ"})
    assert list(parent.children.values_list("code", flat=True)) == ["1-a", "1-i", "1-u"]
    assert new.sort_order == 3


# ---- Measures ----------------------------------------------------------------------------


def measure(plan: Plan, code: str = "1-a-1") -> Measure:
    return plan.measures.get(code=code)


def test_a_clerk_corrects_a_measures_text_and_lead_department(
    guideline: Any, dept_other: Any
) -> None:
    m = measure(guideline)
    save_measure(m, {"title": "直した施策", "description": "説明"}, lead_departments=[dept_other])
    m.refresh_from_db()
    assert m.title == "直した施策"
    assert list(m.lead_departments.all()) == [dept_other]
    assert m.related.count() == 1  # untouched when not given


def test_a_measure_code_is_unique_within_its_plan(guideline: Any) -> None:
    refused(lambda: save_measure(measure(guideline), {"code": "2-1"}), "code")
    # Another plan may use the same code.
    save_measure(measure(other_plan()), {"code": "2-1"})


def test_measures_without_a_code_may_be_several(guideline: Any) -> None:
    for title in ("事業甲", "事業乙"):
        save_measure(Measure(plan=guideline), {"code": "", "title": title})
    assert guideline.measures.filter(code="").count() == 2


@pytest.mark.parametrize("field", ["tier", "category"])
def test_a_measures_tier_and_category_must_be_of_its_plan(guideline: Any, field: Any) -> None:
    other = other_plan()
    foreign = other.tiers.get() if field == "tier" else other.categories.get()
    m = measure(guideline)
    refused(lambda: save_measure(m, {field: foreign}), field)
    assert getattr(Measure.objects.get(pk=m.pk), f"{field}_id") != foreign.pk


def test_related_measures_must_be_of_the_same_plan(guideline: Any) -> None:
    m = measure(guideline)
    foreign = measure(other_plan())
    refused(lambda: save_measure(m, {"title": "変更"}, related=[foreign]), "related")
    # Nothing half-saved: the title did not change either.
    assert Measure.objects.get(pk=m.pk).title == "施策1-a-1"


def test_a_measure_is_not_related_to_itself(guideline: Any) -> None:
    m = measure(guideline)
    refused(lambda: save_measure(m, {}, related=[m]), "related")


def test_a_new_measure_is_added_to_a_category_last(guideline: Any, dept_own: Any) -> None:
    category = guideline.categories.get(code="1-a")
    new = save_measure(
        Measure(plan=guideline),
        {"code": "1-a-3", "title": "新施策", "category": category, "estimated_cost": Decimal(5)},
        lead_departments=[dept_own],
        related=[measure(guideline)],
    )
    codes = list(category.measures.order_by("sort_order", "pk").values_list("code", flat=True))
    assert codes == ["1-a-1", "1-a-2", "1-a-3"]
    assert (
        new.sort_order > guideline.measures.exclude(pk=new.pk).order_by("-sort_order")[0].sort_order
    )
    assert list(new.lead_departments.all()) == [dept_own]
    assert new.estimated_cost == 5


def test_planned_steps_are_replaced_year_by_year(guideline: Any) -> None:
    m = measure(guideline)
    save_measure(m, {}, steps={2027: "試行", 2028: "本格実施"})
    assert dict(m.planned_steps.values_list("fiscal_year", "text")) == {
        2027: "試行",
        2028: "本格実施",
    }
    save_measure(m, {}, steps={2027: "試行（拡大）"})
    assert dict(m.planned_steps.values_list("fiscal_year", "text")) == {2027: "試行（拡大）"}


def test_a_step_outside_the_plans_period_is_refused(guideline: Any) -> None:
    m = measure(guideline)
    message = refused(lambda: save_measure(m, {"title": "変更"}, steps={2031: "延長"}), "steps")
    assert "2031" in message
    assert list(m.planned_steps.values_list("fiscal_year", flat=True)) == [2026]
    assert Measure.objects.get(pk=m.pk).title == "施策1-a-1"


def test_a_code_taken_between_the_check_and_the_save_gives_the_same_message(
    guideline: Any, monkeypatch: Any
) -> None:
    from measures import editing

    monkeypatch.setattr(editing, "check_plan_code", lambda code, plan=None: None)
    message = refused(lambda: save_plan(Plan(), {"code": guideline.code, "title": "x"}), "code")
    assert guideline.code in message
    assert Plan.objects.count() == 1
