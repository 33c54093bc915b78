"""The guideline booklet's kind without laying out a PDF: the plan editions offered and the
parameter stored (by the command, by every role's request), the outline (the 別紙 in the
place the plan leaves for it), the figures on the demo registry, the queries pinned, the
fingerprint and publication."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from accounts.services import load_departments
from groups.demo import load_demo_registry
from groups.reference import load_taxonomies
from measures.models import Category, Measure, Plan, Tier
from measures.reference import load_plans
from reports.forms import request_form
from reports.generation import render_html
from reports.kinds import kind_of
from reports.kinds.guideline import booklet_plans, build, outline, title_lines
from reports.models import Report
from tests.conftest import acts, for_every_role, roles_except
from tests.factories import CitizenGroupFactory
from tests.reports.test_views import SIGN_IN, STAFF  # staff and the committee ask for it

pytestmark = pytest.mark.django_db
KIND = kind_of("guideline")


@pytest.fixture
def small_plan() -> Plan:
    """A plan with sections 1 and 3 (the measures go in 2), a tier, a category tree and
    measures; section 1 has the register's figure caption."""
    plan = Plan.objects.create(
        municipality="鎌倉市",
        code="small-guideline",
        title="小さな指針 ～試験用～",
        edition_year=2026,
    )
    plan.sections.create(
        number="1",
        title="現状",
        sort_order=1,
        body="(1) 登録団体\n\n【市民活動センター登録団体 活動分野別一覧】\n\n分野\t数\n観光\t14",
    )
    plan.sections.create(number="3", title="推進体制", body="本文です。", sort_order=2)
    tier = Tier.objects.create(plan=plan, code="I", label="Ⅰ", description="重点")
    top = Category.objects.create(plan=plan, code="1", label="(1)", title="場の提供")
    child = Category.objects.create(plan=plan, code="1-a", label="ア", title="拠点", parent=top)
    for n in range(3):
        Measure.objects.create(
            plan=plan, code=f"1-a-{n}", title=f"施策{n}", category=child, tier=tier
        )
    return plan


def test_the_form_offers_editions_with_a_text_and_stores_the_plans_id(small_plan: Plan) -> None:
    Plan.objects.create(code="no-text", title="本文のない計画")
    form = request_form(KIND, {"guideline-plan": "small-guideline"})
    field: Any = form.fields["plan"]
    assert [plan.code for plan in field.queryset] == ["small-guideline"]
    assert form.is_valid(), form.errors
    assert KIND.parameters(form.cleaned_data) == {"plan": small_plan.pk}
    assert 'value="small-guideline"' in str(form)


def test_the_portals_editions_come_first_and_newest_first() -> None:
    load_plans()
    codes = [plan.code for plan in booklet_plans()]
    assert codes[:3] == [
        "kamakura-guideline-2026",
        "kamakura-guideline-2020",
        "kamakura-implementation-plan-2014",
    ]
    assert len(codes) == 5


def test_the_measures_take_the_number_the_plan_leaves_out(small_plan: Plan) -> None:
    rows = list(small_plan.sections.all())
    assert [(s.number, s.has_measures) for s in outline(rows, True)] == [
        ("1", False),
        ("2", True),
        ("3", False),
    ]
    assert [s.number for s in outline(rows, False)] == ["1", "3"]
    unnumbered = [rows[0]]
    unnumbered[0].number = ""
    assert [(s.number, s.has_measures) for s in outline(unnumbered, True)][-1] == ("", True)


def test_a_plan_that_names_its_measures_section_gets_the_list_there() -> None:
    load_plans()
    plan = Plan.objects.get(code="kamakura-guideline-2020")
    sections = outline(list(plan.sections.all()), True)
    assert [s.number for s in sections] == ["1", "2", "3", "4", "5", "6", "7"]
    hosts = [s for s in sections if s.has_measures]
    assert len(hosts) == 1
    assert (hosts[0].number, hosts[0].title) == ("6", "具体的な施策")
    assert hosts[0].body.startswith("市民活動や協働の推進に")


def test_a_title_and_its_subtitle() -> None:
    assert title_lines(
        "市民活動と協働を推進するための指針 ～つながる鎌倉条例の目的の実現に向けて～"
    ) == (
        "市民活動と協働を推進するための指針",
        "～つながる鎌倉条例の目的の実現に向けて～",
    )
    assert title_lines("協働の指針") == ("協働の指針", "")


def test_the_booklet_of_the_demo_registry_prints_the_seeds_figures() -> None:
    load_departments()
    load_taxonomies()
    load_plans()
    assert load_demo_registry() == 351
    plan = Plan.objects.get(code="kamakura-guideline-2026")
    html = render_html(KIND, {"plan": plan.pk})
    with translation.override("ja"):
        unit = pgettext("unit after a number of groups", " groups")
    for name, count in (
        ("まちづくり・暮らし", 112),
        ("文化・芸術・スポーツ", 98),
        ("子ども・子育て", 93),
        ("自然・環境・安全・災害", 92),
    ):
        row = f'<tr><th scope="row">{name}</th><td class="number">{count}{unit}</td></tr>'
        assert row in html, name
    assert "<td>112</td>" not in html  # the 2025 table of the text is replaced


def test_every_edition_with_a_text_renders() -> None:
    load_plans()
    for plan in booklet_plans():
        html = render_html(KIND, {"plan": plan.pk})
        assert plan.sections.first().title in html  # type: ignore[union-attr]


def test_the_booklets_queries_do_not_grow_with_its_measures(
    small_plan: Plan, django_assert_num_queries: Any
) -> None:
    params = {"plan": small_plan.pk}
    # The plan, its sections, whether it has measures; the register's figure: the groups per
    # field and the register's total; the measures with their tier and category, their lead
    # departments, the category tree; the tiers; whether any measure has a lead department.
    with django_assert_num_queries(10):
        build(params)
    child = Category.objects.get(plan=small_plan, code="1-a")
    for n in range(3, 30):
        Measure.objects.create(plan=small_plan, code=f"1-a-{n}", title=f"施策{n}", category=child)
    with django_assert_num_queries(10):
        context = build(params)
    measures = context["sections"][1].measures
    assert [len(m) for _c, m in measures[0].children] == [30]


def test_the_fingerprint_follows_the_plan_and_the_register(small_plan: Plan) -> None:
    params = {"plan": small_plan.pk}
    first = KIND.fingerprint(params)
    assert KIND.fingerprint(params) == first
    measure = small_plan.measures.first()
    assert measure is not None
    measure.tier = None
    measure.save()
    second = KIND.fingerprint(params)
    assert second != first
    CitizenGroupFactory.create()
    assert KIND.fingerprint(params) != second


def test_a_plan_without_a_text_is_not_published(small_plan: Plan) -> None:
    assert KIND.publishable
    assert KIND.publish_problem is not None
    assert KIND.publish_problem({"plan": small_plan.pk}) == ""
    empty = Plan.objects.create(code="empty", title="空の計画")
    assert KIND.publish_problem({"plan": empty.pk}) != ""


def test_an_unknown_plan_code_stops_the_command_with_a_message(tmp_path: Path) -> None:
    Plan.objects.create(code="no-text-yet", title="本文のない計画")  # not offered either
    for code in ("no-such-plan", "no-text-yet"):
        with pytest.raises(CommandError, match="--plan"):
            call_command(
                "generate_report", "guideline", "--plan", code, "--output", str(tmp_path / "x")
            )
    assert not (tmp_path / "x").exists()


@for_every_role({**roles_except(STAFF, 302, 403), "anonymous": SIGN_IN})
def test_staff_and_the_committee_ask_for_a_booklet_by_its_code(
    role_client: Any, role: str, expected: int, not_eager: None
) -> None:
    plan = Plan.objects.create(code="test-guideline", title="指針", edition="令和8年（2026年）8月")
    plan.sections.create(number="1", title="目的", body="本文です。")
    response = role_client.post(
        reverse("reports:request", args=["guideline"]), {"guideline-plan": plan.code}
    )
    assert response.status_code == expected
    if acts(role, expected):
        assert Report.objects.get().parameters == {"plan": plan.pk}
    else:
        assert not Report.objects.exists()
