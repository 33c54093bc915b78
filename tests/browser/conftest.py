"""Playwright on the system Chromium against pytest-django's ``live_server``.

One browser for the whole browser package, a fresh context (cookies, storage) per test,
Japanese locale. Playwright's sync API runs an event loop in this thread, so Django's
async-safety guard is lifted while the browser is open (the live server itself runs in its
own thread, as in production).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A page in a fresh Japanese context whose relative URLs go to the live server.

    A script error, a console error (a CSP violation) or a sub-resource that fails to load
    (a missing stylesheet) fails the test.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="ja-JP", timezone_id="Asia/Tokyo"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: Any) -> None:
        # Failed loads are reported below with their URL.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text}")

    def on_response(response: Any) -> None:
        request = response.request
        if (
            response.status >= 400
            and not request.is_navigation_request()
            and not request.url.endswith("/favicon.ico")
        ):
            problems.append(f"{response.status} {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"script: {exc}"))
    page.on("response", on_response)
    yield page
    context.close()
    assert problems == [], f"browser problems: {problems}"


_axe = Axe()


def assert_axe_clean(page: Page) -> None:
    """Fail, listing each one, on every serious or critical axe-core violation."""
    results = _axe.run(page)
    violations = [
        violation
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING_IMPACTS
    ]
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(
            f"    {node['target']}: {node.get('failureSummary', '')}" for node in violation["nodes"]
        )
    report = "\n".join(lines)
    assert not violations, f"axe violations on {page.url}:\n{report}"


def login(page: Page, email: str, password: str) -> None:
    """Sign in through allauth's real login form."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
