"""A group proposal and a city proposal, each through its whole life in Chromium (issue #5).

draft → consultation (both sides confirm sections 1–3) → review (a committee member scores)
→ adoption → agreement (both confirm) → implementation (milestone, report) → evaluations by
both sides and the committee → closed. Every page on the way is checked with axe. Buttons
are found by the workflow's own values (``to``, ``side``) or the Japanese of their msgid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from collaboration.models import Proposal
from collaboration.reference import load_programs
from tests.factories import (
    PASSWORD,
    CitizenGroupFactory,
    DepartmentFactory,
    GroupMembershipFactory,
    UserFactory,
)

from .conftest import assert_axe_clean, ja, login

Status = Proposal.Status


@pytest.fixture
def people(transactional_db: None) -> dict[str, Any]:
    load_programs()
    department = DepartmentFactory.create(code="kankyo-seisaku", name="環境政策課")
    group = CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")
    manager = UserFactory.create(email="hanako@example.jp", display_name="由比 花子")
    GroupMembershipFactory.create(user=manager, group=group)
    return {
        "group": group,
        "department": department,
        "manager": manager,
        "city": UserFactory.create(
            email="city@example.jp", display_name="環境 職員", roles=[(Role.CITY_STAFF, department)]
        ),
        "secretariat": UserFactory.create(
            email="jimukyoku@example.jp", display_name="つながり 事務局", roles=[Role.SECRETARIAT]
        ),
        "committee": UserFactory.create(
            email="iin@example.jp", display_name="推進 委員", roles=[Role.COMMITTEE]
        ),
    }


def signed_in(new_page: Callable[..., Page], user: Any) -> Page:
    page = new_page()
    login(page, user.email, PASSWORD)
    return page


def move(page: Page, proposal: Proposal, to: str, **fields: str) -> None:
    page.goto(f"/collaboration/proposals/{proposal.pk}/")
    assert_axe_clean(page)
    form = page.locator("form[action$='/move/']").filter(
        has=page.locator(f"input[name=to][value={to}]")
    )
    for name, value in fields.items():
        if name == "outcome":
            form.locator("select[name=outcome]").select_option(value)
        else:
            form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == to, page.locator(".messages").inner_text()


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name=ja("Save and continue"), exact=True).click()


def write_proposal(page: Page, proposer_value: str, partner: Callable[[Page], None]) -> Proposal:
    """Start a proposal and fill in every section through the pages."""
    page.goto("/collaboration/mine/")
    assert_axe_clean(page)
    page.locator("main a[href='/collaboration/proposals/new/']").click()
    assert_axe_clean(page)
    page.locator("#id_title").fill("由比ガ浜クリーンアップ")
    page.locator("#id_proposer").select_option(proposer_value)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/edit/basic/$"))
    proposal = Proposal.objects.get()

    page.locator("#id_program").select_option(label="協定による協働")
    partner(page)
    page.locator("#id_first_fiscal_year").fill("2026")
    assert_axe_clean(page)
    save_and_continue(page)

    expect(page).to_have_url(re.compile(r"/edit/budget/$"))
    page.locator("#id_requested_amount").fill("80000")
    page.locator("#id_cost_lines-0-item").fill("軍手とごみ袋")
    page.locator("#id_cost_lines-0-amount").fill("80000")
    page.locator("#id_cost_lines-0-bearer").select_option("city")
    assert_axe_clean(page)
    save_and_continue(page)

    expect(page).to_have_url(re.compile(r"/edit/mutual/$"))
    page.locator("#id_group_strengths").fill("20年続く清掃活動と地域の人のつながり。")
    page.locator("#id_city_strengths").fill("海岸管理者との調整と広報。")
    page.locator("#id_why_collaboration").fill("市民の参加そのものが目的だから。")
    save_and_continue(page)

    expect(page).to_have_url(re.compile(r"/edit/roles/$"))
    for index, (task, side) in enumerate((("清掃の運営", "group"), ("広報と調整", "city"))):
        page.locator(f"#id_roles-{index}-task").fill(task)
        for name in ("responsible", "cost_bearer", "risk_bearer"):
            page.locator(f"#id_roles-{index}-{name}").select_option(side)
    assert_axe_clean(page)
    save_and_continue(page)

    expect(page).to_have_url(re.compile(r"/edit/purpose/$"))
    page.locator("#id_shared_purpose").fill("由比ガ浜を市民の手できれいに保つ。")
    page.locator("#id_goals-0-goal").fill("参加者を増やす")
    page.locator("#id_goals-0-indicator").fill("参加者数")
    page.locator("#id_goals-0-baseline").fill("40人")
    page.locator("#id_goals-0-target").fill("100人")
    page.locator("#id_milestones-0-title").fill("第1回清掃")
    page.locator("#id_milestones-0-due_on").fill("2026-06-01")
    assert_axe_clean(page)
    save_and_continue(page)

    expect(page).to_have_url(re.compile(r"/edit/evaluation/$"))
    page.locator("#id_evaluation_what").fill("参加者数とごみの量。")
    page.locator("#id_evaluation_when").fill("9月と3月。")
    page.locator("#id_evaluation_how").fill("記録表を双方で確認する。")
    page.get_by_role("button", name=ja("Save and finish"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/collaboration/proposals/{proposal.pk}/$"))
    expect(page.locator("#problems-heading")).to_have_count(0)  # nothing is missing
    return proposal


def confirm_sections(page: Page, proposal: Proposal, side: str) -> None:
    page.goto(f"/collaboration/proposals/{proposal.pk}/")
    page.locator("form[action$='/confirm/']").filter(
        has=page.locator(f"input[name=side][value={side}]")
    ).locator("button").click()
    expect(page.locator(".messages [role=status]")).to_be_visible()


def live_the_rest(proposal: Proposal, people: dict[str, Any], pages: dict[str, Page]) -> None:
    """From submission to closed, each person on their own page."""
    group_page, city_page = pages["manager"], pages["city"]
    secretariat, committee = pages["secretariat"], pages["committee"]
    move(secretariat, proposal, Status.CONSULTATION)

    # Both sides confirm sections 1–3, then the secretariat starts the review.
    confirm_sections(group_page, proposal, "group")
    confirm_sections(city_page, proposal, "city")
    expect(city_page.locator("#confirm-heading + p + dl")).to_contain_text("由比 花子")
    assert_axe_clean(city_page)
    move(secretariat, proposal, Status.REVIEW)

    # The panel: a committee member scores; the secretariat adopts.
    secretariat.goto(f"/collaboration/proposals/{proposal.pk}/panel/")
    assert_axe_clean(secretariat)
    secretariat.locator("#id_reviewer").select_option(label=str(people["committee"]))
    secretariat.get_by_role("button", name=ja("Add to the panel")).click()
    committee.goto("/collaboration/review/")
    assert_axe_clean(committee)
    committee.locator(f"main a[href='/collaboration/proposals/{proposal.pk}/score/']").click()
    for criterion in ("public_benefit", "need", "roles", "feasibility", "budget", "effect"):
        committee.locator(f"input[name={criterion}_points][value='4']").check()
    assert_axe_clean(committee)
    committee.get_by_role("button", name=ja("Save the scores")).click()
    expect(committee.locator(".messages [role=status]")).to_be_visible()
    move(secretariat, proposal, Status.ADOPTED)

    # The agreement: drafted from the proposal, confirmed by both: 協定締結.
    agreement_url = f"/collaboration/proposals/{proposal.pk}/agreement/"
    group_page.goto(agreement_url)
    expect(group_page.locator("#id_purpose")).to_have_value("由比ガ浜を市民の手できれいに保つ。")
    group_page.locator("#id_responsibilities").fill("事故は直ちに市へ連絡する。")
    assert_axe_clean(group_page)
    group_page.get_by_role("button", name=ja("Save the draft")).click()
    for page, side in ((group_page, "group"), (city_page, "city")):
        page.goto(agreement_url)
        page.locator(f"form:has(input[name=side][value={side}]) button").click()
        expect(page.locator(".messages [role=status]")).to_be_visible()
    assert_axe_clean(city_page)
    proposal.refresh_from_db()
    assert proposal.status == Status.AGREED

    # Implementation: a milestone done, the report filed.
    move(group_page, proposal, Status.IN_PROGRESS)
    group_page.goto(f"/collaboration/proposals/{proposal.pk}/implementation/")
    group_page.locator("#id_milestones-0-done_on").fill("2026-06-01")
    group_page.locator("#id_milestones-0-progress_note").fill("45人が参加")
    group_page.locator("#id_report_summary").fill("4回の清掃に延べ320人が参加した。")
    assert_axe_clean(group_page)
    group_page.get_by_role("button", name=ja("Save the progress")).click()
    move(city_page, proposal, Status.REPORTED)

    # Evaluations: each side, the mutual review, the committee; then compared side by side.
    for page, side, differing in ((group_page, "group", "A"), (city_page, "city", "B")):
        page.goto(f"/collaboration/proposals/{proposal.pk}/evaluation/final/{side}/")
        for item in ("achievement", "roles", "information", "equality"):
            page.locator(f"input[name={item}_grade][value=A]").check()
        page.locator(f"input[name=synergy_grade][value={differing}]").check()
        assert_axe_clean(page)
        page.get_by_role("button", name=ja("Save"), exact=True).click()
        expect(page.locator(".messages [role=status]")).to_be_visible()
    city_page.goto(f"/collaboration/proposals/{proposal.pk}/evaluation/final/")
    city_page.locator("#id_shared").fill("海岸をきれいに保つという目的。")
    city_page.locator("#id_differed").fill("清掃の頻度。")
    city_page.locator("#id_to_improve").fill("若い世代への広報。")
    city_page.get_by_role("button", name=ja("Save"), exact=True).click()
    committee.goto(f"/collaboration/proposals/{proposal.pk}/committee-evaluation/")
    committee.locator("input[name=grade][value=A]").check()
    committee.locator("#id_comment").fill("対等な関係で役割を分担できた好例。")
    assert_axe_clean(committee)
    committee.get_by_role("button", name=ja("Save"), exact=True).click()
    group_page.goto(f"/collaboration/proposals/{proposal.pk}/evaluation/")
    expect(group_page.locator(".evaluation-compare__differs")).to_have_count(1)
    assert_axe_clean(group_page)

    move(secretariat, proposal, Status.EVALUATED)
    move(secretariat, proposal, Status.CLOSED, outcome=Proposal.Outcome.INDEPENDENT)


def check_public_page(page: Page, proposal: Proposal) -> None:
    page.goto("/collaboration/projects/")
    assert_axe_clean(page)
    page.locator(f"main a[href='/collaboration/projects/{proposal.pk}/']").click()
    main = page.locator("main")
    expect(main).to_contain_text("由比ガ浜を市民の手できれいに保つ。")
    expect(main).to_contain_text("対等な関係で役割を分担できた好例。")
    expect(main).not_to_contain_text("軍手とごみ袋")  # the budget lines stay private
    assert_axe_clean(page)


def test_a_group_proposal_goes_through_its_whole_life(
    page: Page, new_page: Callable[..., Page], people: dict[str, Any]
) -> None:
    login(page, people["manager"].email, PASSWORD)

    def to_the_department(form_page: Page) -> None:
        form_page.locator(
            f"input[name=counterpart_departments][value='{people['department'].pk}']"
        ).check()

    proposal = write_proposal(page, f"group:{people['group'].pk}", to_the_department)
    move(page, proposal, Status.SUBMITTED)
    pages = {"manager": page} | {
        who: signed_in(new_page, people[who]) for who in ("city", "secretariat", "committee")
    }
    pages["city"].goto("/collaboration/mine/")
    expect(pages["city"].locator("main")).to_contain_text("由比ガ浜クリーンアップ")  # inbox
    live_the_rest(proposal, people, pages)
    check_public_page(new_page(), proposal)


def test_a_city_proposal_goes_through_its_whole_life(
    page: Page, new_page: Callable[..., Page], people: dict[str, Any]
) -> None:
    login(page, people["city"].email, PASSWORD)

    def with_the_group(form_page: Page) -> None:
        form_page.locator("#id_counterpart_groups").select_option(str(people["group"].pk))

    proposal = write_proposal(page, f"department:{people['department'].pk}", with_the_group)
    move(page, proposal, Status.SUBMITTED)
    pages = {"city": page} | {
        who: signed_in(new_page, people[who]) for who in ("manager", "secretariat", "committee")
    }
    live_the_rest(proposal, people, pages)
    check_public_page(new_page(), proposal)
