"""A year's progress report from call to publication: report → return → fix → approve →
publish, then the public reads it (issue #4)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from accounts.models import Role
from kamakura_portal.dates import fiscal_year
from kamakura_portal.workflow import history_of
from measures.models import Category, Measure, Plan, ProgressReport, Tier
from tests.factories import PASSWORD, DepartmentFactory, DivisionFactory, UserFactory

from .conftest import assert_axe_clean, ja, login

Status = ProgressReport.Status


def make_plan() -> tuple[Plan, Measure]:
    division = DivisionFactory.create(code="shimin-bosai", name="市民防災部")
    lead = DepartmentFactory.create(code="tsunagari", name="地域のつながり課", parent=division)
    plan = Plan.objects.create(
        code="guideline",
        municipality="鎌倉市",
        title="市民活動と協働を推進するための指針",
        edition="令和8年版",
    )
    tier = Tier.objects.create(plan=plan, code="I", label="Ⅰ", description="重点施策 短期1〜2年")
    category = Category.objects.create(plan=plan, code="1", label="(1)", title="活動の場の提供")
    measure = Measure.objects.create(
        plan=plan,
        category=category,
        tier=tier,
        code="1-1",
        title="活動拠点の確保",
        is_priority=True,
    )
    measure.lead_departments.add(lead)
    Measure.objects.create(plan=plan, category=category, code="1-2", title="情報発信の充実")
    return plan, measure


def test_a_report_is_returned_fixed_approved_and_published(
    page: Page, new_page: Callable[..., Page], transactional_db: None
) -> None:
    plan, measure = make_plan()
    lead = measure.lead_departments.get()
    secretariat = UserFactory.create(email="jimukyoku@example.jp", roles=[Role.SECRETARIAT])
    clerk = UserFactory.create(email="tsunagari@example.jp", roles=[(Role.CITY_STAFF, lead)])
    year = fiscal_year(timezone.localdate()) - 1
    deadline = timezone.localdate() + datetime.timedelta(days=21)

    # The secretariat asks for the year's reports.
    login(page, secretariat.email, PASSWORD)
    page.goto("/measures/review/")
    assert_axe_clean(page)
    page.locator("#id_plan").select_option(str(plan.pk))
    page.locator("#id_fiscal_year").select_option(str(year))
    page.locator("#id_deadline").fill(deadline.isoformat())
    page.get_by_role("button", name=ja("Save the round")).click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("活動拠点の確保")
    assert_axe_clean(page)

    # The lead department starts its report; submitting it empty marks each field.
    staff = new_page()
    login(staff, clerk.email, PASSWORD)
    staff.goto("/measures/reports/")
    expect(staff.locator("main")).to_contain_text("活動拠点の確保")
    expect(staff.locator("main")).not_to_contain_text("情報発信の充実")  # not its measure
    assert_axe_clean(staff)
    staff.get_by_role("button", name=re.compile(ja("Write the report"))).click()
    expect(staff).to_have_url(re.compile(r"/measures/reports/\d+/edit/$"))
    assert_axe_clean(staff)
    staff.get_by_role("button", name=ja("Submit to the secretariat")).click()
    expect(staff.locator("#id_achievements")).to_have_attribute("aria-invalid", "true")
    expect(staff.locator("#id_grade_error")).to_be_visible()
    assert_axe_clean(staff)

    staff.get_by_label(ja("In progress"), exact=True).check()
    staff.get_by_label(ja("A — on target")).check()
    staff.locator("#id_achievements").fill("市民活動センターの夜間利用を試行した。")
    staff.locator("#id_next_steps").fill("夜間利用を本格実施する。")
    staff.locator("#id_indicators-0-name").fill("夜間の利用団体数")
    staff.locator("#id_indicators-0-unit").fill("団体")
    staff.locator("#id_indicators-0-target").fill("20")
    staff.locator("#id_indicators-0-actual").fill("12")
    staff.get_by_role("button", name=ja("Submit to the secretariat")).click()
    expect(staff).to_have_url(re.compile(r"/measures/reports/\d+/$"))
    with translation.override("ja"):
        submitted = str(Status.SUBMITTED.label)
    expect(staff.locator("main")).to_contain_text(submitted)
    assert_axe_clean(staff)
    report = ProgressReport.objects.get()
    assert report.status == Status.SUBMITTED

    # The secretariat returns it with a comment.
    page.goto("/measures/review/")
    page.get_by_role("link", name=re.compile("活動拠点の確保")).click()
    expect(page).to_have_url(re.compile(rf"/measures/review/{report.pk}/$"))
    assert_axe_clean(page)
    page.get_by_role("button", name=ja("Return with this comment")).click()
    expect(page.locator("#id_comment")).to_have_attribute("aria-invalid", "true")
    page.locator("#id_comment").fill("利用団体数の目標に届かなかった理由を課題欄に書いてください。")
    page.get_by_role("button", name=ja("Return with this comment")).click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Status.RETURNED

    # The department reads the comment, fixes the report and submits it again.
    staff.goto("/measures/reports/")
    staff.get_by_role("link", name=re.compile(ja("Correct"))).click()
    expect(staff.locator("main")).to_contain_text("理由を課題欄に書いてください")
    staff.locator("#id_issues").fill("周知が遅れ、利用団体が目標に届かなかった。")
    staff.get_by_role("button", name=ja("Submit to the secretariat")).click()
    expect(staff).to_have_url(re.compile(rf"/measures/reports/{report.pk}/$"))

    # The secretariat approves and publishes.
    page.reload()
    page.get_by_role("button", name=ja("Approve")).click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    page.get_by_role("button", name=ja("Publish")).click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    assert_axe_clean(page)
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert list(history_of(report, oldest_first=True).values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "approved",
        "published",
    ]

    # Anyone reads it: the measure's page, the list and the year's progress.
    public = new_page()
    public.goto("/measures/")
    assert_axe_clean(public)
    public.get_by_role("link", name=plan.title).click()
    assert_axe_clean(public)
    public.goto(f"/measures/plans/{plan.code}/measures/?year={year}")
    expect(public.locator("main")).to_contain_text(ja("In progress"))
    assert_axe_clean(public)
    public.get_by_role("link", name="活動拠点の確保").click()
    expect(public.locator("main")).to_contain_text("夜間利用を試行した")
    expect(public.locator("main")).to_contain_text("周知が遅れ")
    assert_axe_clean(public)
    public.goto(f"/measures/plans/{plan.code}/progress/?year={year}")
    expect(public.locator("main table").first).to_contain_text("Ⅰ")
    public.get_by_text(ja("Show as a table")).first.click()
    assert_axe_clean(public)


def test_the_measures_pages_fit_a_phone(page: Page, transactional_db: None) -> None:
    from .conftest import has_horizontal_scroll

    plan, measure = make_plan()
    page.set_viewport_size({"width": 375, "height": 800})
    for url in (
        "/measures/",
        f"/measures/plans/{plan.code}/",
        f"/measures/plans/{plan.code}/measures/",
        f"/measures/plans/{plan.code}/measures/{measure.pk}/",
        f"/measures/plans/{plan.code}/progress/",
    ):
        page.goto(url)
        assert not has_horizontal_scroll(page), url
