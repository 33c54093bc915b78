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
import datetime
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, note, settings

from collaboration.models import PanelMember, Program, Proposal, ReviewPanel
from collaboration.reference import load_programs
from groups import comanagers
from groups import services as registry
from groups.models import CitizenGroup, GroupMembership
from groups.reference import load_taxonomies
from measures.models import Category, Measure, ProgressReport, Tier
from surveys.models import Survey
from tests.collaboration.conftest import (
    concluded_agreement,
    fill_sections,
    make_need,
    put_in,
)
from tests.conftest import ROLES
from tests.factories import PASSWORD, CitizenGroupFactory, UserFactory, make_notice
from tests.formfuzz import MARKER, PostForm, examples, forms_on, submission, writes_so_far
from tests.measures.conftest import guideline, make_report, reporting_round  # noqa: F401
from tests.surveys.conftest import make_survey

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


@pytest.fixture
def world(
    group_a: CitizenGroup,
    group_manager: Any,
    citizen: Any,
    dept_own: Any,
    city_staff: Any,
    committee_member: Any,
    administrator: Any,
    guideline: Any,  # noqa: F811
    reporting_round: Any,  # noqa: F811
) -> dict[str, Any]:
    """Objects in the states where each form is offered."""
    load_taxonomies()
    load_programs()
    program = Program.objects.get(code="agreement")
    draft = registry.start_registration(citizen, name="下書きの会", name_kana="シタガキノカイ")
    submitted = CitizenGroupFactory.create(status=CitizenGroup.Status.SUBMITTED)
    co = UserFactory.create(email="co@example.jp")
    membership = GroupMembership.objects.create(user=co, group=group_a, role="editor")
    invitation, token = comanagers.invite_manager(group_a, "new@example.jp", group_manager)

    def proposal(status: str, *, city: bool = False) -> Proposal:
        made = Proposal.objects.create(
            title=f"提案（{status}）",
            proposer_side=Proposal.ProposerSide.CITY if city else Proposal.ProposerSide.GROUP,
            proposing_group=None if city else group_a,
            proposing_department=dept_own if city else None,
        )
        made.counterpart_departments.add(dept_own)
        made.counterpart_groups.add(group_a)
        return put_in(fill_sections(made, program), status)

    Status = Proposal.Status
    proposals = {status: proposal(status) for status in Status.values}
    proposals["city_consultation"] = proposal(Status.CONSULTATION, city=True)
    concluded_agreement(proposals[Status.IN_PROGRESS])
    review = proposals[Status.REVIEW]
    PanelMember.objects.create(
        panel=ReviewPanel.objects.create(proposal=review), reviewer=committee_member
    )
    need = make_need(dept_own)
    group_a.valid_until = datetime.date(2020, 3, 31)  # its renewal is due
    group_a.save()
    for user in (group_manager, citizen, city_staff, committee_member):
        make_notice(user, group_a, "お知らせ")
        make_notice(user, proposals[Status.DRAFT], "提案のお知らせ")
    guideline.measures.get(code="1-i-1").lead_departments.add(dept_own)  # no report yet
    own_report = make_report(guideline, "1-a-1")
    make_report(guideline, "2-1", status=ProgressReport.Status.APPROVED)
    submitted_report = make_report(guideline, "1-a-2", status=ProgressReport.Status.SUBMITTED)
    drafts = make_survey(title="下書きの調査")
    open_groups = make_survey(status=Survey.Status.OPEN, title="団体の調査")
    closed = make_survey(status=Survey.Status.CLOSED, title="締め切った調査")
    unconfirmed = EmailAddress.objects.create(user=citizen, email="second@example.jp")
    confirm_key = EmailConfirmationHMAC(unconfirmed).key
    TOTP.activate(administrator, generate_totp_secret())
    # Rows nothing refers to, so their delete pages offer the form.
    Tier.objects.create(plan=guideline, code="X", label="X", sort_order=99)
    Category.objects.create(plan=guideline, code="9", label="(9)", title="空", sort_order=99)
    Measure.objects.create(plan=guideline, code="9-9", title="空の施策", sort_order=99)
    reset_key = f"{user_pk_to_url_str(citizen)}-{default_token_generator.make_token(citizen)}"
    return {
        "confirm_key": confirm_key,
        "reset_key": reset_key,
        "draft": draft,
        "submitted": submitted,
        "membership": membership,
        "invitation": invitation,
        "token": token,
        "proposals": proposals,
        "program": program,
        "need": need,
        "plan": guideline,
        "own_report": own_report,
        "submitted_report": submitted_report,
        "surveys": (drafts, open_groups, closed),
    }


def pages(role: str, world: dict[str, Any], group_a: CitizenGroup) -> list[str]:
    """The pages where ``role`` works (each offers some of the portal's POST forms)."""
    p = world["proposals"]
    Status = Proposal.Status
    plan = world["plan"]
    drafts, open_groups, closed = world["surveys"]
    question = drafts.questions.first()
    account = [
        "/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
        "/accounts/2fa/totp/activate/",
        "/inbox/",
    ]
    proposal_pages = [
        f"/collaboration/proposals/{p[status].pk}/{tail}"
        for status in Status.values
        for tail in ("", "discussion/", "agreement/", "implementation/", "evaluation/")
    ]
    by_role: dict[str, list[str]] = {
        "anonymous": [
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            f"/accounts/confirm-email/{world['confirm_key']}/",
            f"/accounts/password/reset/key/{world['reset_key']}/",
        ],
        "citizen": [
            *account,
            reverse("groups:register"),
            reverse("groups:accept_invitation", args=[world["token"]]),
            "/collaboration/mine/",
            *[reverse("groups:edit", args=[world["draft"].pk, s]) for s in SECTIONS],
            f"/surveys/{open_groups.pk}/answer/",
        ],
        "group_manager": [
            *account,
            reverse("groups:manage", args=[group_a.pk]),
            reverse("groups:renew", args=[group_a.pk]),
            *[reverse("groups:edit", args=[group_a.pk, s]) for s in SECTIONS],
            reverse("collaboration:start"),
            *[reverse("collaboration:edit", args=[p[Status.DRAFT].pk, s]) for s in PROPOSAL],
            *proposal_pages,
            f"/collaboration/proposals/{p[Status.IN_PROGRESS].pk}/evaluation/mid/group/",
            f"/collaboration/proposals/{p[Status.IN_PROGRESS].pk}/evaluation/mid/",
            f"/collaboration/proposals/{p['city_consultation'].pk}/",
            "/collaboration/mine/",
            f"/surveys/{open_groups.pk}/answer/group-{group_a.pk}/",
        ],
        "city_staff": [
            *account,
            reverse("collaboration:new_need"),
            reverse("collaboration:edit_need", args=[world["need"].pk]),
            reverse("collaboration:need", args=[world["need"].pk]),
            *[reverse("collaboration:edit", args=[p["city_consultation"].pk, s]) for s in PROPOSAL],
            *proposal_pages,
            f"/collaboration/proposals/{p[Status.IN_PROGRESS].pk}/evaluation/final/city/",
            reverse("measures:my_progress_reports"),
            reverse("measures:progress_report_edit", args=[world["own_report"].pk]),
        ],
        "centre_staff": [
            *account,
            reverse("groups:staff_detail", args=[world["submitted"].pk]),
            reverse("groups:staff_detail", args=[group_a.pk]),
            reverse("groups:manage", args=[group_a.pk]),
            reverse("groups:import"),
            reverse("collaboration:need", args=[world["need"].pk]),
            reverse("surveys:create"),
            reverse("surveys:builder", args=[drafts.pk]),
            reverse("surveys:edit", args=[drafts.pk]),
            reverse("surveys:copy", args=[closed.pk]),
            reverse("surveys:add_question", args=[drafts.pk]),
            reverse("surveys:edit_question", args=[drafts.pk, question.pk]),
            reverse("surveys:fix_wording", args=[drafts.pk, question.pk]),
            reverse("surveys:builder", args=[open_groups.pk]),
        ],
        "secretariat": [
            *account,
            *proposal_pages,
            f"/collaboration/proposals/{p[Status.REVIEW].pk}/panel/",
            f"/collaboration/proposals/{p[Status.CONSULTATION].pk}/panel/",
            reverse("collaboration:import"),
            reverse("collaboration:program_edit", args=[world["program"].pk]),
            reverse("measures:review_progress_reports"),
            reverse("measures:review_progress_report", args=[world["submitted_report"].pk]),
            reverse("measures:manage_plan_create"),
            reverse("measures:manage_plan", args=[plan.code]),
            reverse("measures:manage_plan_edit", args=[plan.code]),
            reverse("measures:manage_copy_edition", args=[plan.code]),
            *[reverse(f"measures:manage_{kind}_create", args=[plan.code]) for kind in ROWS],
            reverse("measures:manage_section_edit", args=[plan.code, plan.sections.first().pk]),
            reverse("measures:manage_tier_edit", args=[plan.code, plan.tiers.first().pk]),
            reverse("measures:manage_category_edit", args=[plan.code, plan.categories.first().pk]),
            reverse("measures:manage_measure_edit", args=[plan.code, plan.measures.first().pk]),
            *[
                reverse(f"measures:manage_{kind}_delete", args=[plan.code, rows.last().pk])
                for kind, rows in (
                    ("section", plan.sections),
                    ("tier", plan.tiers),
                    ("category", plan.categories),
                    ("measure", plan.measures),
                )
            ],
            reverse("surveys:builder", args=[closed.pk]),
        ],
        "administrator": [
            *account,
            "/accounts/2fa/totp/deactivate/",
            "/accounts/2fa/recovery-codes/generate/",
        ],
        "committee_member": [
            *account,
            f"/collaboration/proposals/{p[Status.REVIEW].pk}/score/",
            f"/collaboration/proposals/{p[Status.REPORTED].pk}/committee-evaluation/",
        ],
    }
    return by_role.get(role, account)


SECTIONS = ("basic", "activities", "contacts", "links", "confirm")
PROPOSAL = ("basic", "budget", "mutual", "roles", "purpose", "evaluation")
ROWS = ("section", "tier", "category", "measure")


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
    request: pytest.FixtureRequest, role: str, world: dict[str, Any], group_a: CitizenGroup
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
    request: pytest.FixtureRequest, world: dict[str, Any], group_a: CitizenGroup
) -> None:
    found: set[str] = set()
    for role in ROLES:
        if role.startswith("other_"):
            continue
        client = signed_in(request.getfixturevalue(role))
        found |= {form.route for form in discover(client, pages(role, world, group_a))}
    missing = post_routes() - found - set(NOT_TRIED)
    assert sorted(missing) == [], "\n".join(sorted(missing))
