"""Playwright on the system Chromium against pytest-django's ``live_server``.

One browser for the whole browser package, a fresh context (cookies, storage) per test,
Japanese locale. Playwright's sync API runs an event loop in this thread, so Django's
async-safety guard is lifted while the browser is open (the live server itself runs in its
own thread, as in production).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
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


def _checked_page(browser: Browser, base_url: str, problems: list[str], **options: Any) -> Page:
    """A page in a fresh Japanese context that records its problems in ``problems``."""
    context = browser.new_context(
        base_url=base_url, locale="ja-JP", timezone_id="Asia/Tokyo", **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()

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
    return page


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A page in a fresh Japanese context whose relative URLs go to the live server.

    A script error, a console error (a CSP violation) or a sub-resource that fails to load
    (a missing stylesheet) fails the test.
    """
    problems: list[str] = []
    page = _checked_page(browser, live_server.url, problems)
    yield page
    page.context.close()
    assert problems == [], f"browser problems: {problems}"


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    """Opens more pages, each in its own context (another person), checked like ``page``.

    ``new_page()`` or ``new_page(viewport={"width": 375, "height": 812})``.
    """
    problems: list[str] = []
    pages: list[Page] = []

    def open_page(**options: Any) -> Page:
        pages.append(_checked_page(browser, live_server.url, problems, **options))
        return pages[-1]

    yield open_page
    for opened in pages:
        opened.context.close()
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
    submit_login_form(page, email, password)


def submit_login_form(page: Page, email: str, password: str) -> None:
    """Fill in and send the login form the page shows (e.g. after a redirect with ``next``)."""
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()


def ja(message: str) -> str:
    """The Japanese of an English message id, as the pages show it (before or after translation).

    Tests find buttons and links by role and this name, never by hard-coded visible text.
    """
    with translation.override("ja"):
        return translation.gettext(message)


def has_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.scrollingElement.scrollWidth > window.innerWidth"))


def focus_is_visible(page: Page) -> bool:
    """The focused element draws an outline or a box shadow."""
    return bool(
        page.evaluate(
            """() => {
                const style = getComputedStyle(document.activeElement);
                const outline = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
                return outline || style.boxShadow !== "none";
            }"""
        )
    )


@pytest.fixture
def registry(transactional_db: None) -> None:
    """The registry's reference data: activity fields, organisation types, districts."""
    from groups.reference import load_taxonomies

    load_taxonomies()


def make_group(manager: Any, name: str, name_kana: str, *, activities: str, approve: bool) -> Any:
    """A group registered through the services, as the registration form leaves it.

    Submitted (``approve=False``) or approved; the representative's phone is public, the
    rest of the contact is private.
    """
    from django.utils import timezone

    from groups import services
    from groups.models import ActivityField, Contact, District, OrganizationType

    group = services.start_registration(manager, name=name, name_kana=name_kana)
    services.update_profile(
        group,
        {
            "organization_type": OrganizationType.objects.first(),
            "activities": activities,
            "agreed_to_rules_at": timezone.now(),
        },
        many={
            "activity_fields": [ActivityField.objects.filter(taxonomy="centre").first()],
            "districts": [District.objects.first()],
        },
    )
    representative = services.contacts_of(group)[Contact.Kind.REPRESENTATIVE]
    services.update_contact(
        representative,
        {"name": "材木座 次郎", "phone": "0467-11-2222", "phone_public": True},
    )
    services.submit_registration(group, manager)
    if approve:
        from accounts.models import Role
        from tests.factories import UserFactory

        services.approve_registration(group, UserFactory.create(roles=[Role.CENTRE_STAFF]))
    group.refresh_from_db()
    return group
