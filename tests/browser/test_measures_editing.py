"""The secretariat corrects a measure of the shipped 2026 guideline and starts its next edition
(issue #4, item 5), axe-clean on the plan page and the measure form, errors included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.services import load_departments
from measures.models import Measure, Plan
from measures.reference import load_plans
from tests.factories import PASSWORD, UserFactory

from .conftest import assert_axe_clean, has_horizontal_scroll, ja, login

GUIDELINE = "kamakura-guideline-2026"


@pytest.fixture
def plans(transactional_db: None) -> None:
    load_departments()
    load_plans()


def test_the_secretariat_fixes_a_measure_and_copies_the_edition(page: Page, plans: None) -> None:
    clerk = UserFactory.create(email="tsunagari@example.jp", roles=[Role.SECRETARIAT])
    measure = Measure.objects.get(plan__code=GUIDELINE, code="1-0-1")
    taken = Measure.objects.get(plan__code=GUIDELINE, code="1-0-2")
    edit_url = f"/measures/manage/{GUIDELINE}/measures/{measure.pk}/"

    login(page, clerk.email, PASSWORD)
    page.goto("/measures/manage/")
    page.locator(f"main a[href='/measures/manage/{GUIDELINE}/']").click()
    expect(page.locator("h1")).to_contain_text("令和8年")
    expect(page.locator(f"#measure-{measure.pk}")).to_contain_text(measure.title)
    assert_axe_clean(page)
    page.set_viewport_size({"width": 375, "height": 812})
    assert not has_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.locator(f"main a[href='{edit_url}']").click()
    expect(page).to_have_url(re.compile(f"{edit_url}$"))
    assert_axe_clean(page)

    # A code another measure uses: the error is beside the field, nothing is saved.
    code = page.locator("#id_code")
    code.fill(taken.code)
    page.get_by_role("button", name=ja("Save"), exact=True).click()
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_code_error")).to_contain_text(taken.code)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_axe_clean(page)
    assert Measure.objects.get(pk=measure.pk).code == "1-0-1"

    code.fill("1-0-1")
    page.locator("#id_title").fill("民間施設等の活用に向けた協力体制の構築（改）")
    page.get_by_role("button", name=ja("Save"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/measures/manage/{GUIDELINE}/#measure-{measure.pk}$"))
    expect(page.locator(".messages")).to_contain_text("（改）")

    # The next edition: copied, linked, and the old one left as it was.
    page.locator(f"main a[href='/measures/manage/{GUIDELINE}/copy/']").click()
    page.locator("#id_code").fill("kamakura-guideline-2031")
    page.locator("#id_edition").fill("令和13年版")
    page.locator("#id_edition_year").fill("2031")
    page.get_by_role("button", name=ja("Create the new edition")).click()
    expect(page).to_have_url(re.compile(r"/measures/manage/kamakura-guideline-2031/$"))
    new = Plan.objects.get(code="kamakura-guideline-2031")
    assert new.previous_edition is not None and new.previous_edition.code == GUIDELINE
    assert new.measures.filter(carried_over=True).count() == 23
    copy = new.measures.get(code="1-0-1")
    assert copy.predecessor_id == measure.pk
    expect(page.locator(f"#measure-{copy.pk}")).to_contain_text("（改）")
    page.goto(f"/measures/manage/{GUIDELINE}/")
    expect(page.locator("main .alert--warning")).to_contain_text("令和13年版")
