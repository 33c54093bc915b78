"""Department needs in Chromium: a clerk posts one, the public finds it on a phone, a group
proposes on it, a coordinator marks it matched. Every page axe-clean, errors included."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from accounts.models import Role
from collaboration.models import DepartmentNeed, Proposal
from collaboration.reference import load_programs
from tests.factories import (
    PASSWORD,
    ActivityFieldFactory,
    CitizenGroupFactory,
    DepartmentFactory,
    DistrictFactory,
    GroupMembershipFactory,
    UserFactory,
)

from .conftest import assert_axe_clean, has_horizontal_scroll, ja, login

PHONE = {"width": 375, "height": 812}


def test_a_need_goes_from_a_department_to_a_groups_proposal(
    page: Page, new_page: Callable[..., Page], transactional_db: None
) -> None:
    load_programs()
    welfare = DepartmentFactory.create(code="fukushi-somu", name="福祉総務課")
    field = ActivityFieldFactory.create(name="保健・医療・福祉")
    DistrictFactory.create(name="大船")
    clerk = UserFactory.create(email="clerk@example.jp", roles=[(Role.CITY_STAFF, welfare)])
    group = CitizenGroupFactory.create(name="大船見守りの会", name_kana="オオフナミマモリノカイ")
    manager = UserFactory.create(email="manager@example.jp", display_name="大船 花子")
    GroupMembershipFactory.create(user=manager, group=group)
    coordinator = UserFactory.create(email="centre@example.jp", roles=[Role.CENTRE_STAFF])

    # The clerk posts a need; a period in the wrong order is refused beside the field.
    login(page, clerk.email, PASSWORD)
    page.goto("/collaboration/staff/needs/")
    page.get_by_role("link", name=ja("Post a need")).click()
    page.get_by_label(ja("subject")).fill("一人暮らし高齢者の見守り")
    page.get_by_label(ja("background")).fill(
        "一人暮らしの高齢者が増え、見守りの担い手が足りません。"
    )
    page.get_by_label(ja("what is wanted")).fill("月に一度の訪問と声かけを一緒に担ってください。")
    page.get_by_label(field.name).check()
    page.get_by_label(ja("period from")).fill("2027-04-01")
    page.get_by_label(ja("period until")).fill("2026-04-01")
    page.locator("#id_contact_name").fill("福祉 一郎")
    page.locator("#id_contact_phone").fill("０４６７－２３－３０００")
    page.get_by_role("button", name=ja("Save")).click()
    error = page.locator("#id_ends_on_error")
    expect(error).to_contain_text(ja("The end of the period cannot be before its start."))
    assert not DepartmentNeed.objects.exists()
    assert_axe_clean(page)
    page.get_by_label(ja("period until")).fill("2028-03-31")
    page.get_by_role("button", name=ja("Save")).click()
    expect(page.locator("h1")).to_have_text("一人暮らし高齢者の見守り")
    assert_axe_clean(page)
    need = DepartmentNeed.objects.get()
    assert need.department == welfare and need.is_public

    # Anyone finds it on a phone, filtered by field.
    public = new_page(viewport=PHONE)
    public.goto("/collaboration/needs/")
    public.get_by_text(ja("Narrow down")).click()
    public.get_by_label(field.name).check()
    public.get_by_role("button", name=ja("Filter")).click()
    public.get_by_role("link", name="一人暮らし高齢者の見守り").click()
    expect(public.locator("main")).to_contain_text("月に一度の訪問")
    assert not has_horizontal_scroll(public)
    assert_axe_clean(public)

    # The group's manager proposes on it; the draft is addressed to the department.
    phone = new_page(viewport=PHONE)
    login(phone, manager.email, PASSWORD)
    phone.goto(f"/collaboration/needs/{need.pk}/")
    phone.get_by_role("link", name=ja("Propose a collaboration on this need")).click()
    expect(phone.locator("main")).to_contain_text("一人暮らし高齢者の見守り")
    assert_axe_clean(phone)
    phone.get_by_label(ja("Project title")).fill("大船の見守り訪問")
    phone.get_by_role("button", name=ja("Create the draft")).click()
    proposal = Proposal.objects.get()
    assert proposal.related_need == need
    assert list(proposal.counterpart_departments.all()) == [welfare]
    expect(phone.get_by_label(ja("Related department need"))).to_have_value(str(need.pk))
    assert not has_horizontal_scroll(phone)
    assert_axe_clean(phone)

    # The coordinator marks it matched; it stays public, marked so.
    centre = new_page()
    login(centre, coordinator.email, PASSWORD)
    centre.goto(f"/collaboration/needs/{need.pk}/")
    centre.get_by_label(ja("Status")).select_option("matched")
    centre.get_by_role("button", name=ja("Change the status")).click()
    expect(centre.locator(".messages")).to_contain_text(
        ja("The need is now “%(status)s”.") % {"status": "マッチング済み"}
    )
    assert_axe_clean(centre)
    need.refresh_from_db()
    assert need.status == DepartmentNeed.Status.MATCHED
