"""measures.editing.delete_row: only what nothing refers to, with a message saying why not."""

from __future__ import annotations

from typing import Any

import pytest

from measures.editing import EditingError, delete_blockers, delete_row
from measures.models import Category, Measure, Plan, PlannedStep, ProgressReport, Tier

pytestmark = pytest.mark.django_db


def refused(row: Any) -> str:
    with pytest.raises(EditingError) as raised:
        delete_row(row)
    assert type(row).objects.filter(pk=row.pk).exists()
    return str(raised.value)


def test_a_tier_used_by_measures_is_kept(guideline: Any) -> None:
    message = refused(guideline.tiers.get(code="I"))
    assert "施策1-a-1" in message and "施策2-1" in message


def test_an_unused_tier_is_deleted(guideline: Any) -> None:
    tier = Tier.objects.create(plan=guideline, code="III", label="Ⅲ")
    assert not delete_blockers(tier)
    delete_row(tier)
    assert not Tier.objects.filter(pk=tier.pk).exists()


def test_a_category_with_sub_categories_is_kept(guideline: Any) -> None:
    top = guideline.categories.get(code="1")
    assert not top.measures.exists()
    message = refused(top)
    assert "ア 場の提供" in message
    assert guideline.categories.count() == 4


def test_a_category_with_measures_is_kept(guideline: Any) -> None:
    refused(guideline.categories.get(code="2"))


def test_an_empty_category_is_deleted(guideline: Any) -> None:
    empty = Category.objects.create(plan=guideline, code="3", title="空")
    delete_row(empty)
    assert not Category.objects.filter(pk=empty.pk).exists()


def test_a_measure_with_progress_reports_is_kept(guideline: Any) -> None:
    measure = guideline.measures.get(code="2-1")
    ProgressReport.objects.create(measure=measure, fiscal_year=2026)
    assert "2026" in refused(measure)
    assert measure.reports.count() == 1


def test_a_measure_carried_over_into_a_later_edition_is_kept(guideline: Any) -> None:
    measure = guideline.measures.get(code="2-1")
    later = Plan.objects.create(code="later", title="次の版")
    Measure.objects.create(plan=later, title="引き継ぎ", predecessor=measure, carried_over=True)
    assert "次の版" in refused(measure)


def test_a_measure_others_name_as_related_is_kept(guideline: Any) -> None:
    assert "施策1-a-1" in refused(guideline.measures.get(code="1-a-2"))


def test_a_measure_nothing_refers_to_is_deleted_with_its_own_links_and_steps(
    guideline: Any,
) -> None:
    measure = guideline.measures.get(code="1-a-1")  # relates to 1-a-2, has a lead and a step
    delete_row(measure)
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert not PlannedStep.objects.filter(measure_id=measure.pk).exists()
    assert guideline.measures.filter(code="1-a-2").exists()


def test_a_section_is_deleted(guideline: Any) -> None:
    section = guideline.sections.get(number="2")
    delete_row(section)
    assert list(guideline.sections.values_list("number", flat=True)) == ["1"]


def test_many_blockers_are_summarised(guideline: Any) -> None:
    tier = guideline.tiers.get(code="II")
    for n in range(7):
        Measure.objects.create(plan=guideline, code=f"z{n}", title=f"多{n}", tier=tier)
    (reason,) = delete_blockers(tier).reasons
    assert reason.count("、") == 4  # five names, then how many more
    assert "4" in reason
