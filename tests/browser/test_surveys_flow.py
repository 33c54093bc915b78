"""Issue #6 done-when: staff build and open a survey, two managers of one group answer it
together, staff watch the results live, close and publish them, and compare 2019 with 2025."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from accounts.services import load_departments
from surveys.demo import load_demo_survey_answers
from surveys.models import Response, Survey
from tests.factories import (
    PASSWORD,
    CitizenGroupFactory,
    GroupMembershipFactory,
    OrganizationTypeFactory,
    UserFactory,
)

from .conftest import assert_axe_clean, has_horizontal_scroll, ja, login


def build_survey(page: Page) -> Survey:
    page.goto("/surveys/staff/")
    assert_axe_clean(page)
    page.get_by_role("link", name=ja("Create a survey")).click()
    today = timezone.localdate()
    page.locator("#id_title").fill("2026年度 団体の活動状況アンケート")
    page.locator("#id_fiscal_year").fill("2026")
    page.locator("#id_audience_0").check()
    page.locator("#id_opens_on").fill(today.isoformat())
    page.locator("#id_closes_on").fill((today + datetime.timedelta(days=14)).isoformat())
    assert_axe_clean(page)
    page.get_by_role("button", name=ja("Create the survey")).click()
    expect(page).to_have_url(re.compile(r"/surveys/staff/\d+/$"))
    survey = Survey.objects.get(title="2026年度 団体の活動状況アンケート")

    # A multiple-choice question with a limit and 「その他」, then a required single choice.
    page.get_by_role("link", name=ja("Add a question")).click()
    page.locator("#id_text").fill("活動を続ける上での課題は何ですか。")
    page.locator("#id_key").fill("activity_challenges")
    page.locator("#id_kind_1").check()
    page.locator("#id_max_choices").fill("2")
    page.locator("#id_options_text").fill(
        "活動の担い手不足\n活動資金・資器材の調達\n活動場所・拠点の確保"
    )
    page.locator("#id_has_other").check()
    assert_axe_clean(page)
    page.get_by_role("button", name=ja("Save the question")).click()
    page.get_by_role("link", name=ja("Add a question")).click()
    page.locator("#id_text").fill("市との協働について、どのようにお考えですか。")
    page.locator("#id_key").fill("collaboration_willingness")
    page.locator("#id_kind_0").check()
    page.locator("#id_options_text").fill(
        "積極的に取り組みたい\n内容によっては取り組みたい\n今は考えていない"
    )
    page.get_by_role("button", name=ja("Save the question")).click()
    expect(page.locator(".question-card")).to_have_count(2)
    assert_axe_clean(page)

    page.get_by_role("link", name=ja("Preview")).click()
    expect(page.locator(".answer-item")).to_have_count(2)
    assert_axe_clean(page)
    page.go_back()
    page.get_by_role("button", name=ja("Open the survey and mail the invitations")).click()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    return survey


def test_a_survey_is_built_answered_together_watched_published_and_compared(
    page: Page, new_page: Callable[..., Page], registry: None
) -> None:
    # The seeded 2019 and 2025 surveys with their demo answers, for the comparison.
    load_departments()
    CitizenGroupFactory.create_batch(140)
    load_demo_survey_answers()

    centre = UserFactory.create(display_name="センター 職員", roles=[Role.CENTRE_STAFF])
    secretariat = UserFactory.create(display_name="つながり 事務局", roles=[Role.SECRETARIAT])
    group = CitizenGroupFactory.create(
        name="七里ガ浜みどりの会", organization_type=OrganizationTypeFactory.create(name="任意団体")
    )
    hana = UserFactory.create(display_name="七里 はな")
    taro = UserFactory.create(display_name="七里 太郎")
    for manager in (hana, taro):
        GroupMembershipFactory.create(user=manager, group=group)

    login(page, centre.email, PASSWORD)
    survey = build_survey(page)
    answer_url = f"/surveys/{survey.pk}/answer/group-{group.pk}/"

    # The first manager finds the survey and saves a draft; too many choices are refused.
    first = new_page()
    login(first, hana.email, PASSWORD)
    first.goto("/surveys/mine/")
    assert_axe_clean(first)
    first.locator(f"main a[href='{answer_url}']").click()
    expect(first).to_have_url(re.compile(f"{answer_url}$"))
    for label in ("活動の担い手不足", "活動資金・資器材の調達", "活動場所・拠点の確保"):
        first.get_by_label(label).check()
    first.get_by_role("button", name=ja("Save as draft")).click()
    expect(first.locator(".error-summary")).to_be_visible()
    assert_axe_clean(first)
    assert not Response.objects.filter(survey=survey).exists()
    first.get_by_label("活動場所・拠点の確保").uncheck()
    first.get_by_role("button", name=ja("Save as draft")).click()
    expect(first.locator(".messages [role=status]")).to_be_visible()

    # The second manager opens the draft; the first saves again meanwhile.
    second = new_page()
    login(second, taro.email, PASSWORD)
    second.goto(answer_url)
    expect(second.get_by_label("活動の担い手不足")).to_be_checked()
    first.get_by_label("今は考えていない").check()
    first.get_by_role("button", name=ja("Save as draft")).click()
    expect(first.locator(".messages [role=status]")).to_be_visible()

    # The second manager's save is stopped with who saved and when; nothing is overwritten.
    second.get_by_label("内容によっては取り組みたい").check()
    second.get_by_role("button", name=ja("Submit the answers")).click()
    expect(second.locator(".conflict")).to_contain_text("七里 はな")
    assert_axe_clean(second)
    assert Response.objects.get(survey=survey).status == Response.Status.DRAFT
    # Having read the other answers, they submit on purpose.
    second.get_by_role("button", name=ja("Submit the answers")).click()
    expect(second.locator(".messages [role=status]")).to_be_visible()
    assert Response.objects.get(survey=survey).status == Response.Status.SUBMITTED

    # Staff watch the results live.
    page.goto(f"/surveys/staff/{survey.pk}/results/")
    expect(page.locator("main")).to_contain_text("内容によっては取り組みたい")
    assert_axe_clean(page)
    page.set_viewport_size({"width": 375, "height": 812})
    assert not has_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Close; the secretariat publishes; the public reads the results.
    page.goto(f"/surveys/staff/{survey.pk}/")
    page.get_by_role("button", name=ja("Close the survey")).click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    second.goto(answer_url)
    expect(second.locator("main [role=status]").first).to_be_visible()
    expect(second.get_by_role("button", name=ja("Submit the answers"))).to_have_count(0)

    office = new_page()
    login(office, secretariat.email, PASSWORD)
    office.goto(f"/surveys/staff/{survey.pk}/")
    office.get_by_role("button", name=ja("Publish the results")).click()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.PUBLISHED

    public = new_page()
    public.goto("/surveys/")
    public.get_by_role("link", name=survey.title).click()
    expect(public.locator("main")).to_contain_text("内容によっては取り組みたい")
    expect(public.locator("main")).not_to_contain_text(group.name)
    assert_axe_clean(public)

    # 2019 against 2025, side by side.
    public.goto("/surveys/compare/?key=activity_challenges")
    expect(public.locator("main")).to_contain_text("2019年度")
    expect(public.locator("main")).to_contain_text("2025年度")
    expect(public.locator("main")).to_contain_text("活動資金・資器材の調達")
    assert_axe_clean(public)
    public.set_viewport_size({"width": 375, "height": 812})
    assert not has_horizontal_scroll(public)
