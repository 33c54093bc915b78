"""measures.editing.move: one place up or down among siblings, the rest of the plan still."""

from __future__ import annotations

from typing import Any

import pytest

from measures.editing import move
from measures.models import Category, Measure, Plan

pytestmark = pytest.mark.django_db


def codes(rows: Any) -> list[str]:
    return list(rows.order_by("sort_order", "pk").values_list("code", flat=True))


def test_a_category_moves_up_among_its_siblings(guideline: Any) -> None:
    assert move(guideline.categories.get(code="1-i"), -1)
    parent = guideline.categories.get(code="1")
    assert codes(parent.children.all()) == ["1-i", "1-a"]
    assert codes(guideline.categories.filter(parent=None)) == ["1", "2"]


def test_a_top_level_category_moves_down(guideline: Any) -> None:
    assert move(guideline.categories.get(code="1"), 1)
    assert codes(guideline.categories.filter(parent=None)) == ["2", "1"]


def test_the_first_row_cannot_move_up_and_nothing_changes(guideline: Any) -> None:
    before = dict(guideline.categories.values_list("code", "sort_order"))
    assert not move(guideline.categories.get(code="1"), -1)
    assert not move(guideline.categories.get(code="2"), 1)
    assert dict(guideline.categories.values_list("code", "sort_order")) == before


def test_a_measure_moves_within_its_category_only(guideline: Any) -> None:
    others = dict(
        guideline.measures.exclude(category__code="1-a").values_list("code", "sort_order")
    )
    assert move(guideline.measures.get(code="1-a-2"), -1)
    assert codes(guideline.measures.filter(category__code="1-a")) == ["1-a-2", "1-a-1"]
    # The orders the two had are swapped, so a plan-wide listing keeps the other measures.
    assert (
        dict(guideline.measures.exclude(category__code="1-a").values_list("code", "sort_order"))
        == others
    )
    assert not move(guideline.measures.get(code="2-1"), 1)


def test_sections_and_tiers_move_within_their_plan(guideline: Any) -> None:
    move(guideline.sections.get(number="2"), -1)
    assert list(guideline.sections.values_list("number", flat=True)) == ["2", "1"]
    move(guideline.tiers.get(code="I"), 1)
    assert codes(guideline.tiers.all()) == ["II", "I"]


def test_rows_sharing_an_order_are_numbered_afresh(db: Any) -> None:
    plan = Plan.objects.create(code="flat", title="順序なし")
    for code in "abc":
        Category.objects.create(plan=plan, code=code, title=code)  # all sort_order 0
    assert move(plan.categories.get(code="c"), -1)
    assert codes(plan.categories.all()) == ["a", "c", "b"]
    assert list(plan.categories.order_by("sort_order").values_list("sort_order", flat=True)) == [
        1,
        2,
        3,
    ]


def test_measures_without_a_category_are_siblings(guideline: Any) -> None:
    for code in ("x", "y"):
        Measure.objects.create(plan=guideline, code=code, title=code, sort_order=20)
    move(guideline.measures.get(code="y"), -1)
    assert codes(guideline.measures.filter(category=None)) == ["y", "x"]
