"""Every page read once in Japanese, as each demo role sees it (issue 13, item 14).

The demo data is loaded as ``setup_portal --demo`` loads it, plus a few objects in states the
demo has none in (``extra_states``). Each role starts from the home page, マイページ and the
pages of those objects, and follows the portal's links, opening each route of the URL conf
once: a page that differs by role is read once per role, one that does not
(``SAME_FOR_EVERY_ROLE``) once. A page fails on what reads as a translation left undone
(tests/visible_text.py), and the crawl must read every page of the URL conf but those in
``NOT_OPENED``.
"""

from __future__ import annotations

import datetime
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from accounts.models import User
from collaboration.models import Proposal
from groups import comanagers
from groups import services as registry
from groups.models import CitizenGroup, GroupMembership
from surveys.answering import AnswerValue, Respondent, save_answers
from surveys.models import Question, Survey
from surveys.services import copy_survey
from tests.factories import CitizenGroupFactory
from tests.visible_text import leftovers, read_page

# The demo account of each role (None: not signed in).
ROLES = {
    "anonymous": None,
    "citizen": "citizen",
    "group_manager": "manager",
    "centre_staff": "centre",
    "city_staff": "city",
    "secretariat": "secretariat",
    "committee_member": "committee",
    "administrator": "admin",
}
# Routes not read here, and why. Routes that take only POST are left out by themselves.
NOT_OPENED = {
    "groups:export_csv": "a CSV file (tests/kamakura_portal/test_export_dates.py)",
    "groups:export_xlsx": "an XLSX file (the same)",
    "surveys:export_csv": "a CSV file (the same)",
    "surveys:export_xlsx": "an XLSX file (the same)",
    "groups:logo": "an image",
    "collaboration:attachment": "a file",
    "reports:download": "a PDF file",
    "reports:row": "a row of the staff's report list, for htmx (read in the list)",
    "mfa_download_recovery_codes": "a text file",
    "healthz": "for the load balancer, not a reader",
    "set_language": "the language switch's target, never a page",
    "account_confirm_login_code": "signing in by a mailed code is off in the portal",
    "account_set_password": "only for an account without a password; the portal makes none",
    "mfa_authenticate": "a step of signing in with a second factor",
    "mfa_reauthenticate": "a step of confirming a second factor again",
    "groups:suggest_kana": "a fragment for the form's field, in reply to typing",
    "groups:suggest_address": "a fragment for the form's field, in reply to typing",
    "collaboration:committee_evaluation": "no demo proposal waits for the committee's evaluation",
}
# Django's admin is the administrator's tool, in Django's words (its permission names are
# stored in English): not read here.
NOT_OPENED_NAMESPACES = ("admin:",)
# Public pages that show every reader the same (but the menu, read on every other page).
SAME_FOR_EVERY_ROLE = {
    "groups:directory",
    "collaboration:projects",
    "collaboration:project",
    "measures:plans",
    "measures:plan",
    "measures:measure_list",
    "measures:measure",
    "measures:progress",
    "surveys:compare",
    "surveys:public_results",
}
# Demo data written in Latin letters: what people typed, and the city's plan as printed.
DEMO_WORDS = frozenset({"LINE", "web", "ICT"})
REFUSED = {403, 404}


@dataclass
class Starts:
    """Where the crawl starts: a visitor's pages, a signed-in person's, and data values that
    are identifiers (question keys), never words."""

    visitor: list[str]
    signed_in: list[str]
    identifiers: frozenset[str]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Starts]:
    """The demo data, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PORTAL_DEMO_MODE=True):
            call_command("setup_portal", "--demo", stdout=StringIO())
        yield extra_states()
        transaction.set_rollback(True)


def account(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def extra_states() -> Starts:
    """Objects in the states the demo has none in, made as the portal makes them, and the
    pages to start from (the crawl opens each route once: an object in another state would
    hide these pages' words)."""
    citizen, manager, other = account("citizen"), account("manager"), account("manager-other")
    draft = registry.start_registration(citizen, name="材木座ヨットの会", name_kana="ザイモクザ")
    submitted = CitizenGroupFactory.create(name="腰越の会", status=CitizenGroup.Status.SUBMITTED)
    own = manager.group_memberships.get().group
    CitizenGroup.objects.filter(pk=own.pk).update(valid_until=datetime.date(2020, 3, 31))
    _invitation, token = comanagers.invite_manager(own, f"citizen@{DEMO_DOMAIN}", manager)
    # Two groups to answer for: the survey asks for which one.
    neighbour = other.group_memberships.get().group
    GroupMembership.objects.create(user=manager, group=neighbour, role="editor")
    survey = Survey.objects.get(status=Survey.Status.OPEN)
    # One answer saved, so a question's wording can only be fixed, no longer edited.
    text = survey.questions.filter(kind=Question.Kind.TEXT).first()
    assert text is not None
    values = {text.pk: AnswerValue(text="海辺の清掃を続けます。")}
    save_answers(survey, Respondent(group=neighbour), values, actor=other, version=0, submit=False)
    today = timezone.localdate()
    dates = {"opens_on": today, "closes_on": today + datetime.timedelta(days=30)}
    copy = copy_survey(survey, account("centre"), {"title": "来年度の調査（下書き）", **dates})
    TOTP.activate(account("admin"), generate_totp_secret())
    RecoveryCodes.activate(account("admin"))
    address = EmailAddress.objects.get(email=citizen.email)
    reset = f"{user_pk_to_url_str(citizen)}-{default_token_generator.make_token(citizen)}"
    visitor = [
        "/",
        reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]),
        f"/accounts/password/reset/key/{reset}/",
        reverse("account_email_verification_sent"),
        reverse("account_reset_password_done"),
        reverse("account_reset_password_from_key_done"),
        reverse("account_inactive"),
    ]
    proposals = Proposal.objects.filter(is_imported=False).order_by("pk")
    signed_in = [
        "/",
        "/mypage/",
        *[reverse("collaboration:proposal", args=[p.pk]) for p in proposals],
        *[reverse("surveys:builder", args=[s.pk]) for s in (copy, survey)],
        reverse("surveys:answer_start", args=[survey.pk]),
        reverse("groups:edit", args=[draft.pk, "basic"]),
        reverse("groups:staff_detail", args=[submitted.pk]),
        reverse("groups:renew", args=[own.pk]),
        reverse("groups:accept_invitation", args=[token]),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
    ]
    keys = frozenset(Question.objects.values_list("key", flat=True))
    return Starts(visitor, signed_in, keys)


@dataclass
class Crawl:
    """One role's reading of the portal."""

    client: Client
    read_before: set[str]  # routes other roles have read
    identifiers: frozenset[str]
    read: set[str] = field(default_factory=set)  # routes answered with a page
    refused: set[str] = field(default_factory=set)
    requested: set[str] = field(default_factory=set)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # route, URL, problem

    def run(self, starts: list[str]) -> None:
        # A start is opened even when its route was read (its object is in another state);
        # a link only when its route was not.
        queue = deque((url, True) for url in starts)
        while queue:
            url, start = queue.popleft()
            route = route_of(url)
            if route is None or url in self.requested or not opened_here(route):
                continue
            if route in self.refused or (
                route in SAME_FOR_EVERY_ROLE and route in self.read_before
            ):
                continue
            if route in self.read and not start:
                continue
            self.requested.add(url)
            queue.extend(self.open(route, url))

    def open(self, route: str, url: str) -> list[tuple[str, bool]]:
        response = self.client.get(url)
        if response.status_code in (301, 302):
            # Sent on to the same page (a reset key moved to the session): read it there.
            location = response["Location"]
            return [(location, route_of(location) == route)]
        if response.status_code in REFUSED:
            self.refused.add(route)
        if response.status_code >= 500:
            self.problems.append((route, url, f"answered {response.status_code}"))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return []
        self.read.add(route)
        if response.get("Content-Language") != "ja":
            self.problems.append((route, url, "not served in Japanese"))
        page = read_page(response.content.decode())
        found = leftovers(page.parts, DEMO_WORDS, self.identifiers)
        self.problems += [(route, url, problem) for problem in found]
        return [(href.split("#")[0], False) for href in page.links]


def route_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        return resolve(parts.path).view_name
    except Resolver404:
        return None


def opened_here(route: str) -> bool:
    return route not in NOT_OPENED and not route.startswith(NOT_OPENED_NAMESPACES)


def pages(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    """Every named route of the URL conf that answers GET, with its namespace."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from pages(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", None)
            if view is None or ("get" in view.http_method_names and hasattr(view, "get")):
                yield f"{namespace}{pattern.name}"


def signed_in_client(name: str | None) -> Client:
    """A client in Japanese, signed in as the demo account ``name`` a moment ago (pages such as
    two-factor set-up ask for a recent sign-in)."""
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="ja")
    if name:
        client.force_login(account(name))
        client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    return client


def report(problems: dict[tuple[str, str], tuple[str, list[str]]], missed: list[str]) -> str:
    lines = [
        f"{route} ({url}) for {', '.join(dict.fromkeys(roles))}: {what}"
        for (route, what), (url, roles) in sorted(problems.items())
    ]
    if missed:
        lines.append(f"Never read (link them, start from them, or say why in NOT_OPENED): {missed}")
    return "\n".join(lines)


@pytest.mark.django_db
def test_every_page_reads_in_japanese_for_every_role(demo: Starts) -> None:
    read: set[str] = set()
    problems: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for role, name in ROLES.items():
        crawl = Crawl(signed_in_client(name), read, demo.identifiers)
        crawl.run(demo.signed_in if name else demo.visitor)
        read |= crawl.read
        for route, url, what in crawl.problems:
            problems.setdefault((route, what), (url, []))[1].append(role)
    missed = sorted(route for route in pages() if opened_here(route) and route not in read)
    assert not problems and not missed, report(problems, missed)
