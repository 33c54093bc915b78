"""Every POST form of the portal, tried with bad values by a role that may use it (issue 17).

For each role, the pages it works on are read and every POST form on them (once per named
submit button) is sent with generated values: the page's own or bad ones of the field's kind
(empty, 10,000 characters, NUL bytes, odd Unicode, markup, huge and negative numbers,
impossible dates, unknown choices, other objects' ids, tampered formset counts, odd files).
Whatever is sent: no server error, no markup of ours comes back unescaped (on the answer or
the page it redirects to), and a form error writes nothing to the database.

``PORTAL_FUZZ_EXAMPLES`` sets the examples per form (a few here; many in ``make fuzz``).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, note, settings

from groups.models import CitizenGroup
from tests.conftest import ROLES
from tests.factories import PASSWORD
from tests.formfuzz import MARKER, PostForm, examples, forms_on, submission, writes_so_far
from tests.measures.conftest import guideline, reporting_round  # noqa: F401  (world's fixtures)

from .form_pages import pages, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db

# Routes with POST that no role's pages offer here, and why.
NOT_TRIED = {
    "account_logout": "logging out ends the session the other forms are tried in",
    "account_confirm_login_code": "signing in by a mailed code is off in the portal",
    "account_set_password": "only for an account without a password; the portal makes none",
    "mfa_authenticate": "a step of signing in with a second factor; the client is signed in",
    "mfa_reauthenticate": "a step of confirming a second factor again, like mfa_authenticate",
}
# Routes whose form error may write, on purpose.
WRITES_ON_ERROR = {
    # A department's draft is saved even when its submission lacks a field: work is not lost.
    "measures:progress_report_edit",
}


def signed_in(user: Any) -> Client:
    """A signed-in client that has just confirmed its password again, so the pages that ask
    for it (the two-factor ones) open as they would for the person."""
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
        response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302, user
    return client


def discover(client: Client, urls: list[str]) -> list[PostForm]:
    found: dict[Any, PostForm] = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = response.redirect_chain[-1][0] if response.redirect_chain else url
        for form in forms_on(response.content.decode(), page):
            found.setdefault(form.key, form)
    return list(found.values())


def is_form_error(content: str) -> bool:
    return 'aria-invalid="true"' in content or "error-summary" in content


def check(client: Client, form: PostForm, data: dict[str, Any]) -> None:
    """Send one example; what it wrote is undone after, so every example of every form meets
    the world as it was built (a move made by one example does not close the next page)."""
    note(f"{form.route} {form.action} from {form.page}: {data!r}"[:3000])
    cookies = copy.deepcopy(client.cookies)  # a new session (a password change) is undone too
    with transaction.atomic():
        before = writes_so_far()
        response = client.post(form.action, data)
        assert response.status_code < 500
        content = response.content.decode(errors="replace")
        assert MARKER not in content
        if response.status_code == 200 and is_form_error(content):
            if form.route not in WRITES_ON_ERROR:
                assert writes_so_far() == before, "a form error wrote to the database"
        elif response.status_code in (301, 302, 303) and response["Location"].startswith("/"):
            follow = client.get(response["Location"])
            assert follow.status_code < 500
            assert MARKER not in follow.content.decode(errors="replace")
        transaction.set_rollback(True)
    client.cookies = cookies


def fuzz(client: Client, form: PostForm) -> None:
    """Send ``form`` with generated values, as many times as examples() says."""

    @settings(
        max_examples=examples(),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=submission(form))
    def send(data: dict[str, Any]) -> None:
        check(client, form, data)

    send()
    # Still the person it was tried as, on a page that still offers the form.
    assert client.get(form.page).status_code == 200, form.page


TRIED: dict[str, set[str]] = {}


@pytest.mark.parametrize("role", [r for r in ROLES if not r.startswith("other_")])
def test_every_form_of_the_role_survives_bad_input(
    request: pytest.FixtureRequest,
    role: str,
    world: dict[str, Any],  # noqa: F811
    group_a: CitizenGroup,
) -> None:
    client = signed_in(request.getfixturevalue(role))
    forms = discover(client, pages(role, world, group_a))
    assert forms, role
    for form in forms:
        fuzz(client, form)
        TRIED.setdefault(form.route, set()).add(role)


def post_routes() -> set[str]:
    """Every named route whose view takes POST (the admin's and the language switch aside)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: list[Any], namespace: str = "") -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if pattern.namespace != "admin":
                    names |= walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and "post" in view.http_method_names and hasattr(view, "post"):
                    names.add(namespace + pattern.name)
        return names

    return walk(get_resolver().url_patterns)


def test_every_post_route_is_tried_or_said_why_not(
    request: pytest.FixtureRequest,
    world: dict[str, Any],  # noqa: F811
    group_a: CitizenGroup,
) -> None:
    found: set[str] = set()
    for role in ROLES:
        if role.startswith("other_"):
            continue
        client = signed_in(request.getfixturevalue(role))
        found |= {form.route for form in discover(client, pages(role, world, group_a))}
    missing = post_routes() - found - set(NOT_TRIED)
    assert sorted(missing) == [], "\n".join(sorted(missing))
