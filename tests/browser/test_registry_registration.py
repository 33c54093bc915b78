"""A new user registers a group in the browser; the centre approves or returns it (issue #3).

Buttons and links are found by role and the Japanese of their English message id (``ja``),
or by ids, names and addresses: never by hard-coded visible text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core import mail
from playwright.sync_api import Locator, Page, expect

from accounts.models import Role
from groups.models import CitizenGroup
from tests.factories import PASSWORD, UserFactory

from .conftest import (
    assert_axe_clean,
    focus_is_visible,
    has_horizontal_scroll,
    ja,
    login,
    make_group,
    submit_login_form,
)

NAME = "腰越おさんぽの会"
KANA = "コシゴエオサンポノカイ"
PUBLIC_PHONE = "0467-31-4159"
PRIVATE = {
    "name": "腰越 一郎",
    "email": "ichiro.private@example.jp",
    "street": "2-7-18",
}


def continue_button(page: Page) -> Locator:
    return page.get_by_role("button", name=ja("Save and continue"), exact=True)


def test_a_new_user_registers_a_group_the_centre_approves_it_and_the_public_finds_it(
    page: Page, new_page: Callable[..., Page], registry: None
) -> None:
    UserFactory.create(email="ichiro@example.jp", display_name="腰越 一郎")
    centre = UserFactory.create(email="centre@example.jp", roles=[Role.CENTRE_STAFF])

    # From the home page, signed out: the registration asks to sign in first, then opens.
    page.goto("/")
    page.locator("main a[href='/groups/register/']").first.click()
    submit_login_form(page, "ichiro@example.jp", PASSWORD)
    expect(page).to_have_url(re.compile(r"/groups/register/$"))
    assert_axe_clean(page)

    # Step 1: the name, and the フリガナ typed in hiragana.
    page.locator("#id_name").fill(NAME)
    page.locator("#id_name_kana").fill("こしごえおさんぽのかい")
    page.get_by_role("button", name=ja("Start the registration")).click()
    expect(page).to_have_url(re.compile(r"/edit/basic/$"))
    expect(page.locator("#id_name_kana")).to_have_value(KANA)  # converted to katakana
    assert_axe_clean(page)
    group = CitizenGroup.objects.get()

    # A フリガナ with kanji: the error is beside the field, and nothing is saved.
    page.locator("#id_name_kana").fill("腰越オサンポノカイ")
    page.locator("#id_organization_type").select_option(index=1)
    page.locator("#id_founded_year").fill("1998")
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/edit/basic/$"))
    kana = page.locator("#id_name_kana")
    expect(kana).to_have_attribute("aria-invalid", "true")
    expect(kana).to_have_attribute("aria-describedby", re.compile(r"\bid_name_kana_error\b"))
    expect(page.locator("#id_name_kana_error")).to_be_visible()
    expect(page.locator(".error-summary a[href='#id_name_kana']")).to_be_visible()
    assert_axe_clean(page)
    group.refresh_from_db()
    assert (group.name_kana, group.organization_type_id, group.founded_year) == (KANA, None, None)

    kana.fill(KANA)
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/edit/activities/$"))
    assert_axe_clean(page)

    # Step 3: activities (the words the public will search for).
    page.locator("input[name=activity_fields]").first.check()
    page.locator("input[name=districts]").first.check()
    page.locator("#id_activities").fill("毎月第二土曜日に腰越の海岸でゴミ拾いをしています。")
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/edit/contacts/$"))

    # Step 4: contacts. The address comes from the postal code; only the phone is public.
    page.locator("#id_representative-name").fill(PRIVATE["name"])
    page.locator("#id_representative-postal_code").fill("2480005")
    page.locator("button[name=lookup_address][value=representative]").click()
    page.locator("#representative-address-suggestion").get_by_role(
        "button", name=ja("Use this address")
    ).click()
    address = page.locator("#id_representative-address")
    expect(address).to_have_value("神奈川県鎌倉市雪ノ下")
    address.press("End")
    address.type(PRIVATE["street"])
    page.locator("#id_representative-phone").fill(PUBLIC_PHONE)
    page.locator("#id_representative-phone_public").check()
    page.locator("#id_representative-email").fill(PRIVATE["email"])
    assert_axe_clean(page)
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/edit/links/$"))
    assert_axe_clean(page)
    continue_button(page).click()

    # Step 5: check, consent and send.
    expect(page).to_have_url(re.compile(r"/edit/confirm/$"))
    expect(page.locator("main")).to_contain_text("神奈川県鎌倉市雪ノ下2-7-18")
    assert_axe_clean(page)
    page.locator("#id_agree").check()
    page.get_by_role("button", name=ja("Send the registration")).click()
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/manage/$"))
    assert_axe_clean(page)
    group.refresh_from_db()
    assert group.status == CitizenGroup.Status.SUBMITTED

    # The centre opens the queue, then the group, and approves it.
    staff = new_page()
    login(staff, centre.email, PASSWORD)
    staff.goto("/groups/staff/queue/")
    assert_axe_clean(staff)
    staff.locator(f"main a[href='/groups/staff/{group.pk}/']").click()
    expect(staff.locator("main")).to_contain_text(PRIVATE["email"])  # staff see private items
    assert_axe_clean(staff)
    staff.locator("input[name=decision][value=approve]").check()
    staff.get_by_role("button", name=ja("Record the decision")).click()
    expect(staff).to_have_url(re.compile(r"/groups/staff/queue/$"))
    expect(staff.locator(f"main a[href='/groups/staff/{group.pk}/']")).to_have_count(0)
    group.refresh_from_db()
    assert group.status == CitizenGroup.Status.REGISTERED
    assert any("ichiro@example.jp" in message.to for message in mail.outbox)  # approved

    # Anyone finds it in the directory with a Japanese keyword, written differently.
    public = new_page()
    public.goto("/groups/")
    assert_axe_clean(public)
    public.locator("#id_q").fill("ごみひろい")
    public.locator("#id_q").press("Enter")
    expect(public).to_have_url(re.compile(r"[?&]q="))
    public.get_by_role("link", name=NAME).click()
    expect(public).to_have_url(re.compile(rf"/groups/{group.pk}/$"))
    expect(public.locator("h1")).to_have_text(NAME)
    expect(public.locator("main")).to_contain_text(PUBLIC_PHONE)
    html = public.content()
    for value in (*PRIVATE.values(), "248-0005", "雪ノ下"):
        assert value not in html, f"private value {value!r} on the public page"
    assert_axe_clean(public)


def test_a_returned_registration_is_corrected_and_sent_again(
    page: Page, new_page: Callable[..., Page], registry: None
) -> None:
    manager = UserFactory.create(email="jiro@example.jp")
    centre = UserFactory.create(email="centre@example.jp", roles=[Role.CENTRE_STAFF])
    group = make_group(
        manager,
        "材木座ビーチクリーン",
        "ザイモクザビーチクリーン",
        activities="海岸清掃",
        approve=False,
    )
    reason = "代表者の郵便番号と住所を記入してください。"

    # The centre returns it; a decision to return needs a reason.
    staff = new_page()
    login(staff, centre.email, PASSWORD)
    staff.goto(f"/groups/staff/{group.pk}/")
    staff.locator("input[name=decision][value=return]").check()
    staff.get_by_role("button", name=ja("Record the decision")).click()
    expect(staff.locator("#review_reason")).to_have_attribute("aria-invalid", "true")
    expect(staff.locator("#review_reason_error")).to_be_visible()
    assert_axe_clean(staff)
    staff.locator("#review_reason").fill(reason)
    staff.get_by_role("button", name=ja("Record the decision")).click()
    expect(staff).to_have_url(re.compile(r"/groups/staff/queue/$"))
    assert any(reason in message.body for message in mail.outbox if manager.email in message.to)

    # The manager sees the reason from "My groups" and corrects the contacts section.
    login(page, manager.email, PASSWORD)
    page.goto("/groups/mine/")
    page.locator(f"main a[href='/groups/{group.pk}/manage/']").last.click()
    expect(page.locator("#returned-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text(reason)
    page.locator(f"main a[href='/groups/{group.pk}/edit/contacts/']").first.click()
    expect(page.locator("main")).to_contain_text(reason)
    postal = page.locator("#id_representative-postal_code")
    postal.fill("12-34")
    continue_button(page).click()
    expect(postal).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_representative-postal_code_error")).to_be_visible()
    assert_axe_clean(page)
    postal.fill("248-0014")
    page.locator("#id_representative-address").fill("神奈川県鎌倉市由比ガ浜1-1")
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/edit/links/$"))
    continue_button(page).click()
    expect(page).to_have_url(re.compile(r"/edit/confirm/$"))
    page.get_by_role("button", name=ja("Send the registration")).click()  # agreed before
    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/manage/$"))
    group.refresh_from_db()
    assert group.status == CitizenGroup.Status.SUBMITTED

    # Back in the centre's queue.
    staff.goto("/groups/staff/queue/")
    expect(staff.locator(f"main a[href='/groups/staff/{group.pk}/']")).to_be_visible()


def active_id(page: Page) -> str:
    return str(page.evaluate("document.activeElement.id"))


def tab_to(page: Page, is_target: Callable[[], bool], limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_target():
            return
    raise AssertionError(f"Tab never reached the element; focus is on #{active_id(page)}")


def test_the_first_step_can_be_done_with_the_keyboard_alone_and_focus_is_always_visible(
    page: Page, registry: None
) -> None:
    UserFactory.create(email="ichiro@example.jp")
    login(page, "ichiro@example.jp", PASSWORD)
    page.goto("/groups/register/")

    tab_to(page, lambda: active_id(page) == "id_name")
    assert focus_is_visible(page)
    page.keyboard.type(NAME)
    suggestion = page.locator("#kana-suggestion button")
    expect(suggestion).to_be_visible()  # the reading suggested from the name

    page.keyboard.press("Tab")
    assert active_id(page) == "id_name_kana"
    assert focus_is_visible(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#kana-suggestion') !== null")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")  # use the suggested reading
    expect(page.locator("#id_name_kana")).to_have_value(KANA)
    expect(page.locator("#id_name_kana")).to_be_focused()  # focus follows the filled field

    tab_to(page, lambda: page.evaluate("document.activeElement.type") == "submit", limit=5)
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/edit/basic/$"))
    assert CitizenGroup.objects.get().name_kana == KANA


def test_on_a_phone_the_directory_profile_and_registration_never_scroll_sideways(
    page: Page, registry: None
) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    manager = UserFactory.create(email="jiro@example.jp")
    group = make_group(
        manager,
        "材木座ビーチクリーン",
        "ザイモクザビーチクリーン",
        activities="海岸清掃",
        approve=True,
    )

    page.goto("/groups/")
    assert not has_horizontal_scroll(page)
    page.locator(f"main a[href='/groups/{group.pk}/']").click()
    expect(page.locator("h1")).to_have_text(group.name)
    assert not has_horizontal_scroll(page)

    login(page, manager.email, PASSWORD)
    page.goto("/groups/register/")
    assert not has_horizontal_scroll(page)
    page.locator("#id_name").fill(NAME)
    page.get_by_role("button", name=ja("Start the registration")).click()
    expect(page).to_have_url(re.compile(r"/edit/basic/$"))
    assert not has_horizontal_scroll(page)
    draft = CitizenGroup.objects.get(name=NAME)
    for path in (
        f"/groups/{draft.pk}/edit/contacts/",
        f"/groups/{draft.pk}/manage/",
        "/groups/mine/",
    ):
        page.goto(path)
        assert not has_horizontal_scroll(page), path
