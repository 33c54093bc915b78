"""The plans shipped in measures/data, checked against the seeds they were transcribed from."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from accounts.services import load_departments
from measures.models import Category, Measure, Plan, PlannedStep, PlanSection, Tier
from measures.reference import load_plans

pytestmark = pytest.mark.django_db

GUIDELINE_2020 = "kamakura-guideline-2020"
GUIDELINE_2026 = "kamakura-guideline-2026"
KAMAGAYA = "kamagaya-action-plan-22"
IMPLEMENTATION = "kamakura-implementation-plan-2014"
FIVE_POLICIES = "collaboration-guideline-five-policies"


@pytest.fixture
def plans() -> None:
    load_departments()
    load_plans()


def measures_of(code: str) -> Any:
    return Measure.objects.filter(plan__code=code)


def test_it_loads_the_five_plans(plans: None) -> None:
    assert set(Plan.objects.values_list("code", flat=True)) == {
        GUIDELINE_2020,
        GUIDELINE_2026,
        KAMAGAYA,
        IMPLEMENTATION,
        FIVE_POLICIES,
    }


# Counted by hand in seed 000, section 6: every line that starts with 「・」 and ends with a
# tier mark 【Ⅰ】, 【Ⅱ-ア】, 【Ⅱ-イ】 or 【Ⅲ】 is one measure, filed under the last (n) heading.
# (1) 民間施設等の活用 Ⅰ, 公共施設の有効利用 Ⅰ                                   → 2
# (2) 基金の設置 Ⅰ, ふるさと寄附金… Ⅱ-ア, 市民活動補償制度 Ⅱ-イ                   → 3
# (3) 情報の集約と提供 Ⅱ-ア, 事業に関する情報提供 Ⅱ-ア, アンケート調査等 Ⅱ-イ,
#     団体の活動内容に関する情報の提供 Ⅱ-イ, 民間の基金や助成金… Ⅱ-イ,
#     会議室や設備、貸出備品… Ⅱ-イ, ホームページやSNS… Ⅱ-イ                        → 7
# (4) ワークショップ…仕組みの構築 Ⅱ-ア, 講座や専門相談 Ⅱ-イ                         → 2
# (5) 参画が施策につながる仕組みづくり Ⅲ, 市の事業を実施する仕組み Ⅱ-ア            → 2
# (6) 中間支援組織同士が交流する… Ⅲ                                               → 1
# (7) 手引き(職員向け) Ⅰ, 協働研修 Ⅱ-イ, 手引き(市民向け) Ⅰ, コーディネーター Ⅱ-ア,
#     制度の見直し Ⅰ, 評価・検証の仕組みづくり Ⅱ-イ                                 → 6
# Total 23: Ⅰ 6, Ⅱ-ア 6, Ⅱ-イ 9, Ⅲ 2. The six Ⅰ are exactly the six marked <重点施策>.
TIERS_2020 = {"Ⅰ": 6, "Ⅱ-ア": 6, "Ⅱ-イ": 9, "Ⅲ": 2}
CATEGORIES_2020 = {"(1)": 2, "(2)": 3, "(3)": 7, "(4)": 2, "(5)": 2, "(6)": 1, "(7)": 6}
SUBCATEGORIES_2020 = {
    ("(1)", ""): 2,
    ("(2)", "ア"): 2,
    ("(2)", "イ"): 1,
    ("(3)", "ア"): 2,
    ("(3)", "イ"): 2,
    ("(3)", "ウ"): 1,
    ("(3)", "エ"): 1,
    ("(3)", "オ"): 1,
    ("(4)", "ア"): 1,
    ("(4)", "イ"): 1,
    ("(5)", "ア"): 1,
    ("(5)", "イ"): 1,
    ("(6)", ""): 1,
    ("(7)", "ア"): 2,
    ("(7)", "イ"): 2,
    ("(7)", "ウ"): 1,
    ("(7)", "エ"): 1,
}


def test_the_2020_measures_per_tier_match_seed_000(plans: None) -> None:
    counts = Counter(measures_of(GUIDELINE_2020).values_list("tier__label", flat=True))
    assert counts == TIERS_2020
    assert list(Tier.objects.filter(plan__code=GUIDELINE_2020).values_list("label", flat=True)) == [
        "Ⅰ",
        "Ⅱ-ア",
        "Ⅱ-イ",
        "Ⅲ",
    ]


def test_the_2020_measures_per_category_match_seed_000(plans: None) -> None:
    measures = measures_of(GUIDELINE_2020)
    assert Counter(measures.values_list("category__parent__label", flat=True)) == CATEGORIES_2020
    assert (
        Counter(measures.values_list("category__parent__label", "category__label"))
        == SUBCATEGORIES_2020
    )


def test_the_priority_measures_of_2020_are_the_tier_one_measures(plans: None) -> None:
    measures = measures_of(GUIDELINE_2020)
    assert set(measures.filter(is_priority=True)) == set(measures.filter(tier__code="I"))


def test_a_2020_measure_keeps_the_seed_wording(plans: None) -> None:
    measure = measures_of(GUIDELINE_2020).get(title="市民活動補償制度")
    assert measure.tier is not None and measure.tier.label == "Ⅱ-イ"
    assert measure.category is not None
    assert str(measure.category) == "イ 活動に伴うリスクの負担に対する支援"
    assert measure.description.startswith("市民活動団体等が安心して活動を行うために、")
    assert measure.description.endswith("既に運用しており、制度の周知と充実を図ります。")


def test_the_2020_edition_holds_the_narrative_sections(plans: None) -> None:
    sections = PlanSection.objects.filter(plan__code=GUIDELINE_2020)
    # Sections 1–5 and 7 of the guideline, and the introduction of section 6 (tier legend).
    assert list(sections.values_list("number", "title")) == [
        ("1", "指針策定の目的"),
        ("2", "基礎的な用語の説明"),
        ("3", "市の市民活動を取り巻く現状と課題"),
        ("4", "役割"),
        ("5", "市民活動の推進に向けた考え方と協働の原則"),
        ("6", "具体的な施策"),
        ("7", "指針の実効性を高めるために"),
    ]
    assert "相互提案協働事業を開始しました" in sections.get(number="3").body


def test_the_2026_edition_carries_over_every_2020_measure(plans: None) -> None:
    old = measures_of(GUIDELINE_2020)
    new = measures_of(GUIDELINE_2026).select_related("predecessor", "tier", "category")
    assert new.count() == old.count() == 23
    assert all(m.carried_over for m in new)
    assert {m.predecessor for m in new} == set(old)
    for measure in new:
        assert measure.predecessor is not None
        assert measure.title == measure.predecessor.title
        assert measure.tier is not None and measure.tier.plan.code == GUIDELINE_2026
        assert measure.category is not None and measure.category.plan.code == GUIDELINE_2026
    assert Counter(new.values_list("tier__label", flat=True)) == TIERS_2020
    plan = Plan.objects.get(code=GUIDELINE_2026)
    assert plan.previous_edition == Plan.objects.get(code=GUIDELINE_2020)


def test_the_2026_edition_holds_its_own_narrative(plans: None) -> None:
    sections = PlanSection.objects.filter(plan__code=GUIDELINE_2026)
    assert list(sections.values_list("number", flat=True)) == ["1", "2", "3", "4", "5", "7"]
    assert "令和7年度から市民活動コーディネーターを配置し" in sections.get(number="3").body


def test_kamagaya_has_four_visions_and_22_actions(plans: None) -> None:
    assert Category.objects.filter(plan__code=KAMAGAYA, parent=None).count() == 4
    actions = measures_of(KAMAGAYA)
    assert actions.count() == 22
    assert not actions.exclude(tier=None).exists()
    action = actions.get(code="9")
    assert action.title == "市民公益活動スタートアップ講座の開催"
    assert action.need == "活動を始める市民向けの講座を開催する"
    assert action.category is not None
    assert action.category.title == "市民が地域の活動を知り、誰でも気軽に参加できる"


def related_codes(code: str) -> set[str]:
    measure = measures_of(KAMAGAYA).get(code=code)
    return set(measure.related.values_list("code", flat=True))


def test_kamagaya_related_actions_match_seed_002(plans: None) -> None:
    assert related_codes("1") == {"2"}
    assert related_codes("6") == {"3", "4", "8", "12", "21"}
    assert related_codes("10") == {"5", "22"}
    assert related_codes("17") == set()
    assert related_codes("21") == {"4", "6", "8", "19"}
    # The 「関連するアクション」 column of seed 002 lists 46 references in all.
    assert Measure.related.through.objects.filter(from_measure__plan__code=KAMAGAYA).count() == 46


def test_the_implementation_plan_projects_match_seed_004(plans: None) -> None:
    projects = measures_of(IMPLEMENTATION)
    assert projects.count() == 12
    assert set(projects.filter(is_priority=True).values_list("code", "title")) == {
        ("0-1-1-1", "地域コミュニティー推進事業"),
        ("0-1-1-2", "社会福祉啓発事業"),
    }
    community = projects.get(code="0-1-1-1")
    assert list(community.lead_departments.values_list("name", flat=True)) == [
        "地域のつながり推進課"
    ]
    assert community.estimated_cost == Decimal("1300000")
    assert community.estimated_cost_text == "1.3百万円"
    assert community.description.startswith("事業目標\n地域の住民や団体で構成する「地域会議」")
    steps = PlannedStep.objects.filter(measure=community)
    assert list(steps.values_list("fiscal_year", flat=True)) == [2014, 2015, 2016]
    assert steps.get(fiscal_year=2016).text == "小学校区での地域会議の設立"
    welfare = projects.get(code="0-1-1-2")
    assert welfare.estimated_cost == Decimal("29000000")
    assert welfare.planned_steps.count() == 3


def test_every_department_of_seed_004_is_found(plans: None) -> None:
    projects = measures_of(IMPLEMENTATION)
    assert not projects.filter(lead_departments=None).exists()
    council = projects.get(title="議会事務").lead_departments.get()
    assert council.kind == "section"


def test_the_five_policies_are_categories_with_their_initiatives(plans: None) -> None:
    policies = Category.objects.filter(plan__code=FIVE_POLICIES)
    assert list(policies.values_list("title", flat=True)) == [
        "情報の提供・共有",
        "活動環境の整備",
        "参加機会の提供",
        "協働意識の醸成と人材育成",
        "協働の検証、評価",
    ]
    counts = Counter(measures_of(FIVE_POLICIES).values_list("category__label", flat=True))
    assert counts == {"1": 2, "2": 3, "3": 3, "4": 3, "5": 3}
    assert not Tier.objects.filter(plan__code=FIVE_POLICIES).exists()
    pillars = PlanSection.objects.get(plan__code=FIVE_POLICIES, number="1").body
    assert all(p in pillars for p in ("1 理念の共有", "2 行動・取り組み", "3 評価・検証・改善"))


def test_loading_twice_creates_nothing(plans: None) -> None:
    models = (Plan, PlanSection, Tier, Category, Measure, PlannedStep, Measure.related.through)
    before = [m.objects.count() for m in models]
    load_plans()
    assert [m.objects.count() for m in models] == before


def test_reloading_keeps_staff_edits(plans: None) -> None:
    measure = measures_of(GUIDELINE_2020).get(code="2-i-1")
    measure.title = "市民活動補償制度（改称）"
    measure.save()
    retired = measures_of(GUIDELINE_2026).get(code="6-0-1")
    retired.delete()
    load_plans()
    assert measures_of(GUIDELINE_2020).get(code="2-i-1").title == "市民活動補償制度（改称）"
    assert not measures_of(GUIDELINE_2026).filter(code="6-0-1").exists()


def test_the_plans_list_opens_with_kamakuras_own_plans_each_named_and_titled(
    plans: None, client: Any
) -> None:
    # Issue 13, item 16: it opened with another city's plans and an unnamed 「第3章」, and the
    # 2020 title's 〜 was an ASCII ~ that prints as ˜.
    from django.urls import reverse

    response = client.get(reverse("measures:plans"))
    municipalities = list(response.context["municipalities"])
    assert municipalities[0] == "鎌倉市"
    assert all(municipalities), "every plan names its municipality"
    titles = [plan.title for plans in response.context["municipalities"].values() for plan in plans]
    assert not any(title.startswith("第3章") for title in titles)
    assert all("~" not in title for title in titles)
    guideline = Plan.objects.get(code="kamakura-guideline-2020")
    assert (
        guideline.title
        == "市民活動と協働を推進するための指針 ～つながる鎌倉条例の目的の実現に向けて～"
    )
    html = response.content.decode()
    assert html.index("鎌倉市") < html.index("鎌ヶ谷市")


def test_the_migration_mends_plans_loaded_before_the_fix(db: None) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("measures.migrations.0004_plan_titles")
    old = Plan.objects.create(
        code="kamakura-guideline-2020",
        municipality="鎌倉市",
        title="市民活動と協働を推進するための指針~つながる鎌倉条例の目的の実現に向けて~",
    )
    chapter = Plan.objects.create(
        code="collaboration-guideline-five-policies", title="第3章 協働の推進に向けて"
    )
    PlanSection.objects.create(plan=old, title="優先度", body="短期的(1~2年)に実施")
    migration.forwards(apps, None)
    old.refresh_from_db()
    chapter.refresh_from_db()
    assert (
        old.title == "市民活動と協働を推進するための指針 ～つながる鎌倉条例の目的の実現に向けて～"
    )
    assert old.sections.get().body == "短期的(1～2年)に実施"
    assert (chapter.municipality, chapter.title) == (
        "ある市（資料に市名の記載なし）",
        "協働の指針 第3章「協働の推進に向けて」",
    )
