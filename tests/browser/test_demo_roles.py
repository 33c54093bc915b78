"""Each demo role signs in through the real form, sees its own menu, and every page is axe-clean."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from accounts.demo import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD, load_demo_accounts
from accounts.services import load_departments

from .conftest import assert_axe_clean, login

HISTORY, MY_GROUPS, ADMIN, MYPAGE = "/staff/history/", "/groups/mine/", "/admin/", "/mypage/"

# For each demo account: the work pages its menu must link to, and those it must not.
MENUS = {
    "admin": ({HISTORY, ADMIN}, {MY_GROUPS}),
    "centre": ({HISTORY}, {MY_GROUPS, ADMIN}),
    "secretariat": ({HISTORY}, {MY_GROUPS, ADMIN}),
    "city": (set(), {HISTORY, MY_GROUPS, ADMIN}),
    "city-other": (set(), {HISTORY, MY_GROUPS, ADMIN}),
    "committee": (set(), {HISTORY, MY_GROUPS, ADMIN}),
    "manager": ({MY_GROUPS}, {HISTORY, ADMIN}),
    "manager-other": ({MY_GROUPS}, {HISTORY, ADMIN}),
    "citizen": (set(), {HISTORY, MY_GROUPS, ADMIN}),
}
# The work pages each account opens from its menu (each checked with axe).
WORK_PAGES = {"centre": [HISTORY], "secretariat": [HISTORY], "manager": [MY_GROUPS]}


@pytest.fixture
def demo(transactional_db: None) -> None:
    load_departments()
    load_demo_accounts()


def test_the_menus_cover_every_demo_account() -> None:
    assert {spec.email.split("@")[0] for spec in DEMO_ACCOUNTS} == set(MENUS)


def nav_link(page: Page, href: str) -> Any:
    return page.locator(f"nav a[href='{href}']")


@pytest.mark.parametrize("name", MENUS)
def test_a_demo_user_signs_in_and_sees_their_own_menu(page: Page, demo: None, name: str) -> None:
    login(page, f"{name}@{DEMO_DOMAIN}", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(f"{MYPAGE}$"))
    shown, hidden = MENUS[name]
    expect(nav_link(page, MYPAGE).first).to_be_visible()
    for href in shown:
        expect(nav_link(page, href).first).to_be_visible()
    for href in hidden:
        expect(nav_link(page, href)).to_have_count(0)
    assert_axe_clean(page)

    for href in WORK_PAGES.get(name, []):
        nav_link(page, href).first.click()
        expect(page).to_have_url(re.compile(f"{href}$"))
        expect(nav_link(page, href).first).to_have_attribute("aria-current", "page")
        assert_axe_clean(page)


def test_the_manager_sees_their_group_and_not_the_other(page: Page, demo: None) -> None:
    login(page, f"manager@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto(MY_GROUPS)
    expect(page.locator("main")).to_contain_text("由比ガ浜ビーチクリーンの会")
    expect(page.locator("main")).not_to_contain_text("大船子育てネットワーク")


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_the_public_pages_are_accessible(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h1")).to_have_count(1)
    assert_axe_clean(page)


def test_a_wrong_password_is_refused_with_an_accessible_message(page: Page, demo: None) -> None:
    login(page, f"citizen@{DEMO_DOMAIN}", "not-the-password")
    expect(page).to_have_url(re.compile("/accounts/login/$"))
    expect(page.locator("[role=alert]").first).to_be_visible()
    assert_axe_clean(page)


def test_signing_out_returns_to_the_public_menu(page: Page, demo: None) -> None:
    login(page, f"centre@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.locator("form[action='/accounts/logout/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/accounts/logout/" in page.url:  # allauth asks to confirm on GET-less sign-out
        page.locator("main form button[type=submit]").click()
    page.goto("/")
    expect(nav_link(page, HISTORY)).to_have_count(0)
    expect(nav_link(page, "/accounts/login/").first).to_be_visible()
