"""The directory on a phone (issue 13, item 12): results first, the search form behind one
button; one search is one history entry; Back shows the results of the address with its
keyword in the box."""

from __future__ import annotations

import re

from playwright.sync_api import Page, ViewportSize, expect

from tests.factories import UserFactory

from .conftest import assert_axe_clean, make_group

PHONE: ViewportSize = {"width": 375, "height": 812}


def search(page: Page, keyword: str) -> None:
    page.locator("#id_q").fill(keyword)
    page.locator("#id_q").press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q="))


def test_on_a_phone_the_results_come_first_and_history_follows_the_searches(
    page: Page, registry: None
) -> None:
    manager = UserFactory.create(email="jiro@example.jp")
    make_group(
        manager,
        "材木座ビーチクリーン",
        "ザイモクザビーチクリーン",
        activities="海岸清掃",
        approve=True,
    )
    make_group(
        manager, "ひよこ子育てひろば", "ヒヨココソダテヒロバ", activities="子育て支援", approve=True
    )
    page.set_viewport_size(PHONE)
    page.goto("/groups/")

    # The results are on the first screen; the form waits behind its button.
    toggle = page.locator("summary.directory__toggle")
    expect(toggle).to_be_visible()
    expect(page.locator("#id_q")).to_be_hidden()
    first_card = page.locator("main .group-list li").first
    assert first_card.bounding_box()["y"] < PHONE["height"]  # type: ignore[index]
    assert_axe_clean(page)

    toggle.click()
    expect(page.locator("#id_q")).to_be_visible()
    before = page.evaluate("history.length")
    search(page, "かいがん")
    expect(page.locator("main .group-list")).to_contain_text("材木座ビーチクリーン")
    assert page.evaluate("history.length") == before + 1, "one search, one history entry"

    search(page, "こそだて")
    expect(page.locator("main .group-list")).to_contain_text("ひよこ子育てひろば")
    expect(page.locator("main .group-list")).not_to_contain_text("材木座ビーチクリーン")

    page.go_back()
    expect(page).to_have_url(re.compile(r"q=%E3%81%8B"))
    expect(page.locator("main .group-list")).to_contain_text("材木座ビーチクリーン")
    expect(page.locator("main .group-list")).not_to_contain_text("ひよこ子育てひろば")
    # The button says a condition is set; the box shows the keyword of that address.
    expect(page.locator("summary.directory__toggle")).to_contain_text("条件1件")
    page.locator("summary.directory__toggle").click()
    expect(page.locator("#id_q")).to_have_value("かいがん")
