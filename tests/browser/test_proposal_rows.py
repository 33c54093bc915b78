"""A proposal's row tables grow in the page (issue 13, item 15): 「行を追加」 adds an empty row
without a round trip, spare rows carry no ※必須, and the added row is saved with the form."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, ViewportSize, expect

from collaboration.models import Proposal
from collaboration.reference import load_programs
from tests.factories import PASSWORD, CitizenGroupFactory, GroupMembershipFactory, UserFactory

from .conftest import assert_axe_clean, ja, login

PHONE: ViewportSize = {"width": 375, "height": 812}


def test_a_milestone_row_is_added_in_the_page_and_saved(page: Page, transactional_db: None) -> None:
    load_programs()
    group = CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")
    manager = UserFactory.create(email="hanako@example.jp", display_name="由比 花子")
    GroupMembershipFactory.create(user=manager, group=group)
    proposal = Proposal.objects.create(
        title="由比ガ浜クリーンアップ", proposer_side="group", proposing_group=group
    )
    page.set_viewport_size(PHONE)
    login(page, manager.email, PASSWORD)
    page.goto(f"/collaboration/proposals/{proposal.pk}/edit/purpose/")
    milestones = page.locator('[data-row-table][data-prefix="milestones"]')
    # Two spare rows, none of their fields marked required.
    expect(milestones.locator("fieldset.row-fieldset")).to_have_count(2)
    expect(milestones.locator(".badge--required")).to_have_count(0)
    milestones.get_by_role("button", name=ja("Add a row")).click()
    expect(milestones.locator("fieldset.row-fieldset")).to_have_count(3)
    assert page.evaluate("document.activeElement.name") == "milestones-2-title"
    assert page.input_value('input[name="milestones-TOTAL_FORMS"]') == "3"
    assert_axe_clean(page)
    page.fill('input[name="milestones-2-title"]', "第3回清掃")
    page.fill('input[name="milestones-2-due_on"]', "2026-09-01")
    page.get_by_role("button", name=ja("Save the draft")).click()
    expect(page.locator("main")).not_to_contain_text(ja("Nothing was saved"))
    milestone = proposal.milestones.get()
    assert (milestone.title, milestone.due_on) == ("第3回清掃", datetime.date(2026, 9, 1))
