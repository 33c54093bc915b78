"""The accessibility helper itself: it must catch what it claims to catch."""

import pytest
from playwright.sync_api import Browser

from .conftest import assert_axe_clean


def test_assert_axe_clean_fails_and_names_a_serious_violation(browser: Browser) -> None:
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.set_content(
        '<html lang="ja"><head><title>t</title></head><body><main><h1>見出し</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<form><input type="text" name="q"></form></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_axe_clean(page)
    context.close()
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)


def test_assert_axe_clean_passes_a_clean_page(browser: Browser) -> None:
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.set_content(
        '<html lang="ja"><head><title>t</title></head><body><main><h1>見出し</h1>'
        '<form><label for="q">検索</label><input id="q" type="text" name="q"></form>'
        "</main></body></html>"
    )
    assert_axe_clean(page)
    context.close()
