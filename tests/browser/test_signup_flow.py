"""A new visitor signs up in the browser, confirms the address from the mail and is signed in."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User

from .conftest import assert_axe_clean, login

PASSWORD = "yuigahama-beach-2026"
CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/accounts/confirm-email/[^\s/]+/)")


def fill_signup(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/signup/")
    page.locator("input[name=display_name]").fill("鎌倉 花子")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.locator("input[name=agree_to_terms]").check()
    page.locator("form").filter(has=page.locator("input[name=password1]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()


def confirmation_path(body: object) -> str:
    match = CONFIRM_LINK.search(str(body))
    assert match is not None, body
    return match.group(1)


def test_a_visitor_signs_up_confirms_by_mail_and_is_signed_in(page: Page) -> None:
    fill_signup(page, "hanako@example.jp", PASSWORD)
    expect(page).to_have_url(re.compile("/accounts/confirm-email/$"))
    assert_axe_clean(page)

    assert len(mail.outbox) == 1
    path = confirmation_path(mail.outbox[0].body)
    page.goto(path)
    assert_axe_clean(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile("/mypage/$"))
    expect(page.locator("nav a[href='/mypage/']").first).to_be_visible()
    assert_axe_clean(page)
    assert EmailAddress.objects.get(email="hanako@example.jp").verified


def test_a_confirmed_visitor_can_sign_in_later(page: Page) -> None:
    fill_signup(page, "taro@example.jp", PASSWORD)
    path = confirmation_path(mail.outbox[0].body)
    page.goto(path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.context.clear_cookies()

    login(page, "taro@example.jp", PASSWORD)
    expect(page).to_have_url(re.compile("/mypage/$"))


def test_a_weak_password_shows_a_japanese_error_tied_to_the_field(page: Page) -> None:
    fill_signup(page, "weak@example.jp", "12345678")
    password = page.locator("input[name=password1]")
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-describedby", re.compile(r"\bid_password1_error\b"))
    expect(page.locator("#id_password1_error")).to_be_visible()
    expect(page.locator("#id_password1_error")).to_contain_text("このパスワードは短すぎます")
    assert_axe_clean(page)
    assert not User.objects.exists()
    assert mail.outbox == []
