"""A new user on a phone (375 px): signs up accepting the terms, is led to register a group,
gets a receipt, and the centre sees the waiting registration on its dashboard (issue 13)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import Role
from groups.models import CitizenGroup
from tests.factories import PASSWORD, UserFactory

from .conftest import assert_axe_clean, has_horizontal_scroll, ja, login
from .test_signup_flow import confirmation_path

PHONE = {"width": 375, "height": 812}
EMAIL = "sachiko@example.jp"


def continue_to(page: Page, step: str) -> None:
    page.get_by_role("button", name=ja("Save and continue"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/edit/{step}/$"))
    assert not has_horizontal_scroll(page), page.url


def test_a_new_user_on_a_phone_signs_up_registers_a_group_and_the_centre_is_told(
    new_page: Callable[..., Page], registry: None
) -> None:
    centre = UserFactory.create(email="centre@example.jp", roles=[Role.CENTRE_STAFF])
    phone = new_page(viewport=PHONE)

    # Sign-up asks agreement to the terms, with both pages a tap away.
    phone.goto("/accounts/signup/")
    assert not has_horizontal_scroll(phone)
    help_text = phone.locator("#id_agree_to_terms_help")
    expect(help_text.locator("a[href='/about/terms/']")).to_be_visible()
    expect(help_text.locator("a[href='/about/privacy/']")).to_be_visible()
    assert_axe_clean(phone)
    phone.locator("input[name=display_name]").fill("大町 幸子")
    phone.locator("input[name=email]").fill(EMAIL)
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    submit = phone.locator("form").filter(has=phone.locator("input[name=password1]"))
    submit = submit.locator("button[type=submit]")
    submit.click()  # the box left unticked: the form says why, nobody is signed up
    expect(phone.locator("#id_agree_to_terms_error")).to_be_visible()
    assert mail.outbox == []
    phone.locator("input[name=password1]").fill(PASSWORD)
    phone.locator("input[name=password2]").fill(PASSWORD)
    phone.locator("input[name=agree_to_terms]").check()
    submit.click()
    expect(phone).to_have_url(re.compile("/accounts/confirm-email/$"))

    # The mail's link confirms the address; マイページ leads to registering a group.
    phone.goto(confirmation_path(mail.outbox[0].body))
    phone.locator("main form button[type=submit]").click()
    expect(phone).to_have_url(re.compile("/mypage/$"))
    assert not has_horizontal_scroll(phone)
    assert_axe_clean(phone)
    phone.locator("main a[href='/groups/register/']").first.click()
    expect(phone).to_have_url(re.compile("/groups/register/$"))

    phone.locator("#id_name").fill("大町ひだまり食堂")
    phone.locator("#id_name_kana").fill("おおまちひだまりしょくどう")
    phone.get_by_role("button", name=ja("Start the registration")).click()
    expect(phone).to_have_url(re.compile(r"/edit/basic/$"))
    phone.locator("#id_organization_type").select_option(index=1)
    phone.locator("#id_founded_year").fill("2024")
    continue_to(phone, "activities")
    phone.locator("input[name=activity_fields]").first.check()
    phone.locator("input[name=districts]").first.check()
    phone.locator("#id_activities").fill("月に二回、大町で子ども食堂を開いています。")
    continue_to(phone, "contacts")
    phone.locator("#id_representative-name").fill("大町 幸子")
    phone.locator("#id_representative-postal_code").fill("248-0007")
    phone.locator("#id_representative-address").fill("神奈川県鎌倉市大町1-2-3")
    phone.locator("#id_representative-phone").fill("0467-22-0000")
    phone.locator("#id_representative-email").fill(EMAIL)
    continue_to(phone, "links")
    continue_to(phone, "confirm")

    # The rules the consent is about are on the page, and on their own page.
    rules = phone.locator("details.rules-text")
    rules.locator("summary").click()
    expect(rules).to_contain_text("第1条（登録できる団体）")
    expect(phone.locator("#id_agree_help a[href='/about/group-rules/']")).to_be_visible()
    assert_axe_clean(phone)
    phone.locator("#id_agree").check()
    phone.get_by_role("button", name=ja("Send the registration")).click()
    group = CitizenGroup.objects.get()
    expect(phone).to_have_url(re.compile(rf"/groups/{group.pk}/manage/$"))
    assert group.status == CitizenGroup.Status.SUBMITTED

    # A receipt by mail and in the inbox.
    receipt = ja("We have received the registration of %(name)s") % {"name": group.name}
    assert any(EMAIL in sent.to and sent.subject.endswith(receipt) for sent in mail.outbox)
    phone.goto("/inbox/")
    expect(phone.locator("main")).to_contain_text(group.name)
    assert not has_horizontal_scroll(phone)

    # The centre's dashboard counts the registration that waits, linked to the queue.
    staff = new_page(viewport=PHONE)
    login(staff, centre.email, PASSWORD)
    staff.goto("/mypage/")
    waiting = staff.locator("#waiting-heading + ul li").filter(
        has=staff.locator("a[href='/groups/staff/queue/']")
    )
    expect(waiting).to_contain_text(ja("Group registrations waiting for approval"))
    expect(waiting.locator(".badge")).to_have_text(re.compile(r"^\s*1\D"))
    assert_axe_clean(staff)
    waiting.locator("a").click()
    expect(staff.locator(f"main a[href='/groups/staff/{group.pk}/']")).to_be_visible()
