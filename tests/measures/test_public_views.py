"""Public pages of plans and measures: everyone reads them; reports only as far as allowed."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from measures.models import Measure, Plan, ProgressReport
from tests.conftest import ROLES, client_for, for_every_role, roles_except
from tests.measures.conftest import make_report

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status
Progress = ProgressReport.Progress
EVERYONE = dict.fromkeys(ROLES, 200)
# Who sees dept_own's unpublished report on 1-a-1: its department and the secretariat.
SEES_UNPUBLISHED = {"city_staff", "secretariat", "administrator"}


@pytest.fixture
def reports(guideline: Plan, reporting_round: Any) -> dict[str, ProgressReport]:
    return {
        "published": make_report(
            guideline, "1-a-2", status=Status.PUBLISHED, achievements="公開された実績"
        ),
        "draft": make_report(guideline, "1-a-1", achievements="まだ下書きの実績"),
    }


def measure(plan: Plan, code: str) -> Measure:
    return plan.measures.get(code=code)


@for_every_role(EVERYONE)
def test_everyone_reads_the_plans_a_plan_its_measures_and_its_progress(
    role_client: Any, expected: Any, guideline: Any
) -> None:
    one = measure(guideline, "1-a-1")
    for url in (
        reverse("measures:plans"),
        reverse("measures:plan", args=[guideline.code]),
        reverse("measures:measure_list", args=[guideline.code]),
        reverse("measures:measure", args=[guideline.code, one.pk]),
        reverse("measures:progress", args=[guideline.code]),
    ):
        assert role_client.get(url).status_code == expected, url


def test_unknown_plans_and_measures_of_another_plan_are_not_found(
    client: Any, guideline: Any
) -> None:
    other = Plan.objects.create(code="other", title="別の計画")
    stray = Measure.objects.create(plan=other, title="別の施策")
    assert client.get("/measures/plans/no-such-plan/").status_code == 404
    assert (
        client.get(reverse("measures:measure", args=[guideline.code, stray.pk])).status_code == 404
    )


def test_the_plan_page_shows_its_narrative_and_the_counts_of_its_outline(
    client: Any, guideline: Any
) -> None:
    html = client.get(reverse("measures:plan", args=[guideline.code])).content.decode()
    assert "本文一" in html and "本文二" in html
    assert "4 measures" in html or "4件" in html
    tiers = client.get(reverse("measures:plan", args=[guideline.code])).context["tiers"]
    assert [(tier.label, count) for tier, count in tiers] == [("Ⅰ", 2), ("Ⅱ", 2)]


def test_the_list_groups_measures_by_category_in_order(
    client: Any, guideline: Any, django_assert_num_queries: Any
) -> None:
    url = reverse("measures:measure_list", args=[guideline.code])
    client.get(url)  # fills the cache of the plan's tiers (kamakura_portal.cached)
    # 1 the plan; 2 the fiscal years with rounds, 3 with reports; 4 the newest year with a
    # published report (no year asked for); 5 the number of measures (nothing filtered out:
    # also the plan's total); 6 the page of measures with tier, category and the year's
    # report; 7 their lead departments; 8 the departments offered by the filter.
    with django_assert_num_queries(8):
        response = client.get(url)
    groups = [(c.code, [m.code for m in ms]) for c, ms in response.context["groups"]]
    assert groups == [("1-a", ["1-a-1", "1-a-2"]), ("1-i", ["1-i-1"]), ("2", ["2-1"])]


def test_the_list_costs_the_same_queries_with_many_more_measures(
    client: Any, guideline: Any, dept_own: Any, reporting_round: Any, django_assert_num_queries: Any
) -> None:
    category = guideline.categories.get(code="2")
    for n in range(30):
        extra = Measure.objects.create(
            plan=guideline, category=category, code=f"x{n}", title="追加", sort_order=100 + n
        )
        extra.lead_departments.add(dept_own)
        make_report(guideline, f"x{n}", status=Status.PUBLISHED)
    client.get(reverse("measures:measure_list", args=[guideline.code]))  # fills the cache
    with django_assert_num_queries(8):
        client.get(reverse("measures:measure_list", args=[guideline.code]))


def test_filters_narrow_by_tier_department_and_published_progress(
    client: Any, guideline: Any, reports: Any, dept_own: Any
) -> None:
    url = reverse("measures:measure_list", args=[guideline.code])
    tier_one = guideline.tiers.get(code="I")

    def codes(query: str) -> list[str]:
        response = client.get(f"{url}?{query}")
        return [m.code for _, ms in response.context["groups"] for m in ms]

    page = client.get(f"{url}?year=2025").content.decode()
    assert str(Progress.IN_PROGRESS.label) in page  # 1-a-2's published progress, by its label
    assert codes(f"tier={tier_one.pk}") == ["1-a-1", "2-1"]
    assert codes(f"department={dept_own.pk}") == ["1-a-1"]
    assert codes(f"progress={Progress.IN_PROGRESS}&year=2025") == [
        "1-a-2"
    ]  # the draft is not public
    assert codes("progress=not_reported&year=2025") == ["1-a-1", "1-i-1", "2-1"]


@for_every_role(roles_except(SEES_UNPUBLISHED, yes=True, no=False))
def test_an_unpublished_report_shows_only_to_its_department_and_the_secretariat(
    role_client: Any, expected: Any, guideline: Any, reports: Any
) -> None:
    one = measure(guideline, "1-a-1")
    html = role_client.get(
        reverse("measures:measure", args=[guideline.code, one.pk])
    ).content.decode()
    assert ("まだ下書きの実績" in html) is expected
    listing = role_client.get(
        reverse("measures:measure_list", args=[guideline.code]) + "?year=2025"
    )
    rows = {m.code: m.report_progress for _, ms in listing.context["groups"] for m in ms}
    assert (rows["1-a-1"] == Progress.IN_PROGRESS) is expected


@for_every_role(EVERYONE)
def test_a_published_report_shows_to_everyone(
    role_client: Any, expected: Any, guideline: Any, reports: Any
) -> None:
    two = measure(guideline, "1-a-2")
    response = role_client.get(reverse("measures:measure", args=[guideline.code, two.pk]))
    assert "公開された実績" in response.content.decode()


def test_the_measure_page_follows_history_into_the_previous_edition(
    client: Any, guideline: Any, reporting_round: Any
) -> None:
    old = measure(guideline, "1-a-2")
    make_report(guideline, "1-a-2", status=Status.PUBLISHED, year=2024, achievements="旧版での実績")
    newer = Plan.objects.create(
        code="newer", title="テスト指針", edition="次期", previous_edition=guideline
    )
    successor = Measure.objects.create(
        plan=newer, code="1-a-2", title="施策1-a-2", predecessor=old, carried_over=True
    )
    html = client.get(reverse("measures:measure", args=[newer.code, successor.pk])).content.decode()
    assert "旧版での実績" in html
    old_page = client.get(
        reverse("measures:measure", args=[guideline.code, old.pk])
    ).content.decode()
    assert reverse("measures:measure", args=[newer.code, successor.pk]) in old_page


def test_the_measure_page_lists_related_measures_and_planned_steps(
    client: Any, guideline: Any
) -> None:
    one = measure(guideline, "1-a-1")
    html = client.get(reverse("measures:measure", args=[guideline.code, one.pk])).content.decode()
    assert (
        reverse("measures:measure", args=[guideline.code, measure(guideline, "1-a-2").pk]) in html
    )
    assert "検討" in html  # the FY2026 planned step
    assert "自分の課" in html


def test_the_progress_table_counts_published_reports_only_whoever_reads(
    guideline: Any, reports: Any, secretariat: Any, city_staff: Any
) -> None:
    url = reverse("measures:progress", args=[guideline.code]) + "?year=2025"
    for user in (secretariat, city_staff):
        context = client_for(user).get(url).context
        rows = {row.label: row.cells for row in context["rows"]}
        in_progress = list(Progress.values).index(Progress.IN_PROGRESS)
        assert rows["Ⅱ"][in_progress] == 1  # 1-a-2, published
        assert rows["Ⅰ"][in_progress] == 0  # 1-a-1's draft does not count
        assert context["grand_total"] == 4


def test_the_progress_page_draws_the_chart_with_its_table(
    client: Any, guideline: Any, reports: Any
) -> None:
    html = client.get(
        reverse("measures:progress", args=[guideline.code]) + "?year=2025"
    ).content.decode()
    assert 'class="chart chart--stacked"' in html
    assert "<details" in html  # the chart's table alternative
    assert "summary-caption" in html


def test_an_unknown_year_falls_back_to_the_newest(
    client: Any, guideline: Any, reports: Any
) -> None:
    response = client.get(reverse("measures:progress", args=[guideline.code]) + "?year=1999")
    assert response.context["year"] == 2025


def test_without_a_year_the_newest_published_year_is_shown(
    client: Any, guideline: Any, reports: Any
) -> None:
    from measures.models import ReportingRound

    ReportingRound.objects.create(plan=guideline, fiscal_year=2026, deadline="2030-06-30")
    for name in ("measures:progress", "measures:measure_list"):
        response = client.get(reverse(name, args=[guideline.code]))
        assert response.context["year"] == 2025  # 2026 has a round but nothing published


def test_the_list_shows_a_hundred_measures_to_a_page(client: Any, guideline: Any) -> None:
    category = guideline.categories.get(code="2")
    Measure.objects.bulk_create(
        Measure(
            plan=guideline, category=category, code=f"x{n:03d}", title="追加", sort_order=100 + n
        )
        for n in range(100)
    )
    url = reverse("measures:measure_list", args=[guideline.code])
    first = client.get(url)
    assert sum(len(measures) for _c, measures in first.context["groups"]) == 100
    assert (first.context["result_count"], first.context["total_count"]) == (104, 104)
    assert 'rel="next"' in first.content.decode()
    last = client.get(url, {"page": 2})
    assert [m.code for _c, ms in last.context["groups"] for m in ms] == [
        "x096",
        "x097",
        "x098",
        "x099",
    ]
    narrowed = client.get(url, {"page": 1, "progress": "not_reported"})
    assert narrowed.context["total_count"] == 104


def test_the_plans_page_costs_one_query_whatever_the_plans(
    client: Any, guideline: Any, django_assert_num_queries: Any
) -> None:
    for n in range(5):
        Plan.objects.create(code=f"extra-{n}", title=f"計画{n}", municipality="鎌倉市")
    with django_assert_num_queries(1):  # the plans with their numbers of measures
        response = client.get(reverse("measures:plans"))
    assert len(response.context["municipalities"]["鎌倉市"]) == 6


def test_the_progress_page_costs_the_same_queries_whatever_the_reports(
    client: Any, guideline: Any, reports: Any, dept_own: Any, django_assert_num_queries: Any
) -> None:
    url = reverse("measures:progress", args=[guideline.code]) + "?year=2025"
    # 1 the plan; 2 the fiscal years with rounds, 3 with reports; 4 measures by tier and
    # progress; 5 the grade distribution.
    with django_assert_num_queries(5):
        client.get(url)
    category = guideline.categories.get(code="2")
    for n in range(20):
        Measure.objects.create(plan=guideline, category=category, code=f"y{n}", title="追加")
        make_report(guideline, f"y{n}", status=Status.PUBLISHED)
    with django_assert_num_queries(5):
        client.get(url)
