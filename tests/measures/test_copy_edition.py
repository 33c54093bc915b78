"""Starting a new edition: measures.editions.copy_edition and the page that calls it."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from measures.editing import EditingError
from measures.editions import copy_edition
from measures.models import Measure, Plan, ProgressReport
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import field_error

pytestmark = pytest.mark.django_db

MANAGERS = {"secretariat", "administrator"}
NEW: dict[str, Any] = {
    "code": "test-guideline-2031",
    "title": "テスト指針",
    "edition": "令和13年版",
    "edition_year": 2031,
    "start_fiscal_year": 2031,
    "end_fiscal_year": 2035,
}


def snapshot(plan: Plan) -> dict[str, object]:
    """Everything of ``plan`` a copy could disturb."""
    return {
        "plan": Plan.objects.filter(pk=plan.pk).values().get(),
        "sections": list(plan.sections.values()),
        "tiers": list(plan.tiers.values()),
        "categories": list(plan.categories.values()),
        "measures": list(plan.measures.values()),
        "departments": list(plan.measures.values_list("pk", "lead_departments")),
        "related": list(plan.measures.values_list("pk", "related")),
        "steps": list(plan.measures.values_list("pk", "planned_steps__text")),
    }


def test_the_copy_holds_the_sections_tiers_and_category_tree(
    guideline: Any, secretariat: Any
) -> None:
    new = copy_edition(guideline, **NEW, by=secretariat)
    assert new.previous_edition == guideline
    assert new.municipality == "鎌倉市"
    assert list(new.sections.values_list("number", "title", "body")) == list(
        guideline.sections.values_list("number", "title", "body")
    )
    assert list(new.tiers.values_list("code", "label")) == [("I", "Ⅰ"), ("II", "Ⅱ")]
    tree = {c.code: c.parent.code if c.parent else None for c in new.categories.all()}
    assert tree == {"1": None, "1-a": "1", "1-i": "1", "2": None}
    assert all(c.parent is None or c.parent.plan == new for c in new.categories.all())


def test_every_measure_is_carried_over_and_linked_to_its_predecessor(
    guideline: Any, secretariat: Any, dept_own: Any
) -> None:
    new = copy_edition(guideline, **NEW, by=secretariat)
    copies = {m.code: m for m in new.measures.select_related("tier", "category", "predecessor")}
    assert set(copies) == {"1-a-1", "1-a-2", "1-i-1", "2-1"}
    for code, copy in copies.items():
        assert copy.carried_over
        assert copy.predecessor == guideline.measures.get(code=code)
        assert copy.tier is not None and copy.tier.plan == new
        assert copy.category is not None and copy.category.plan == new
        assert copy.title == copy.predecessor.title
    first = copies["1-a-1"]
    assert first.is_priority
    assert list(first.lead_departments.all()) == [dept_own]
    assert list(first.related.all()) == [copies["1-a-2"]]  # the copy, not the old measure
    assert not first.planned_steps.exists()  # steps belong to the old period


def test_the_old_edition_is_left_untouched(guideline: Any, secretariat: Any) -> None:
    ProgressReport.objects.create(measure=guideline.measures.get(code="2-1"), fiscal_year=2026)
    before = snapshot(guideline)
    new = copy_edition(guideline, **NEW, by=secretariat)
    copy = new.measures.get(code="1-a-1")
    copy.title = "新版で直した"
    copy.save()
    copy.related.clear()
    assert snapshot(guideline) == before
    assert not ProgressReport.objects.filter(measure__plan=new).exists()


def test_a_taken_code_creates_nothing(guideline: Any, secretariat: Any) -> None:
    Plan.objects.create(code=NEW["code"], title="既存")
    with pytest.raises(EditingError) as raised:
        copy_edition(guideline, **NEW, by=secretariat)
    assert raised.value.field == "code"
    assert Plan.objects.count() == 2
    assert Measure.objects.count() == 4


def test_a_failure_halfway_leaves_no_half_copied_edition(
    guideline: Any, secretariat: Any, monkeypatch: Any
) -> None:
    from measures import editions

    def broken(previous: Plan, plan: Plan) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(editions, "copy_measures", broken)
    with pytest.raises(RuntimeError):
        copy_edition(guideline, **NEW, by=secretariat)
    assert not Plan.objects.filter(code=NEW["code"]).exists()


def test_the_audit_trail_names_who_copied(guideline: Any, secretariat: Any) -> None:
    new = copy_edition(guideline, **NEW, by=secretariat)
    entry = LogEntry.objects.get_for_object(new).get()
    assert entry.actor == secretariat


# ---- The page ---------------------------------------------------------------------------


def url(plan: Plan) -> str:
    return reverse("measures:manage_copy_edition", kwargs={"code": plan.code})


@for_every_role({**roles_except(MANAGERS, yes=200, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_see_the_copy_form(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    assert role_client.get(url(guideline)).status_code == expected


@for_every_role({**roles_except(MANAGERS, yes=302, no=403), "anonymous": 302})
def test_only_the_secretariat_and_administrators_copy_an_edition(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    response = role_client.post(url(guideline), NEW)
    assert response.status_code == expected
    created = Plan.objects.filter(code=NEW["code"]).exists()
    assert created == (expected == 302 and response["Location"].startswith("/measures/manage/"))


def test_the_form_starts_from_the_old_title_and_says_what_is_copied(
    secretariat: Any, guideline: Any
) -> None:
    response = client_for(secretariat).get(url(guideline))
    assert response.context["form"].initial["title"] == "テスト指針"
    assert response.context["measure_count"] == 4


def test_after_the_copy_the_clerk_lands_on_the_new_edition(
    secretariat: Any, guideline: Any
) -> None:
    response = client_for(secretariat).post(url(guideline), NEW)
    assert response["Location"] == reverse("measures:manage_plan", kwargs={"code": NEW["code"]})
    assert Plan.objects.get(code=NEW["code"]).measures.count() == 4


def test_a_taken_code_is_shown_beside_the_field(secretariat: Any, guideline: Any) -> None:
    response = client_for(secretariat).post(url(guideline), {**NEW, "code": guideline.code})
    assert response.status_code == 200
    assert guideline.code in field_error(response.content.decode(), "id_code")
    assert Plan.objects.count() == 1


def test_a_period_ending_before_it_starts_is_shown_beside_the_field(
    secretariat: Any, guideline: Any
) -> None:
    data = {**NEW, "end_fiscal_year": 2030}
    response = client_for(secretariat).post(url(guideline), data)
    assert field_error(response.content.decode(), "id_end_fiscal_year")
    assert Plan.objects.count() == 1


def test_a_code_taken_by_a_concurrent_copy_creates_nothing(
    guideline: Any, secretariat: Any, monkeypatch: Any
) -> None:
    from measures import editions

    Plan.objects.create(code=NEW["code"], title="同時に作られた版")
    monkeypatch.setattr(editions, "check_plan_code", lambda code, plan=None: None)
    with pytest.raises(EditingError):
        copy_edition(guideline, **NEW, by=secretariat)
    assert Measure.objects.count() == 4
