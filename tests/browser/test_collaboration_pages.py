"""The collaboration pages not on the life-cycle path: axe, a phone's width, focus (issue #5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from accounts.models import Role
from collaboration.models import Program, Proposal
from collaboration.reference import load_programs
from collaboration.services.discussion import add_entry
from tests.collaboration.conftest import fill_sections, put_in
from tests.factories import (
    PASSWORD,
    CitizenGroupFactory,
    DepartmentFactory,
    GroupMembershipFactory,
    UserFactory,
)

from .conftest import assert_axe_clean, focus_is_visible, has_horizontal_scroll, ja, login

HISTORY = Path(__file__).parents[2] / "collaboration" / "data" / "history_2007_2019.csv"
PHONE = {"width": 375, "height": 812}


def consulting_proposal() -> tuple[Proposal, Any, Any]:
    load_programs()
    department = DepartmentFactory.create(code="kankyo-seisaku", name="環境政策課")
    group = CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")
    manager = UserFactory.create(email="hanako@example.jp", display_name="由比 花子")
    GroupMembershipFactory.create(user=manager, group=group)
    city = UserFactory.create(email="city@example.jp", roles=[(Role.CITY_STAFF, department)])
    proposal = Proposal.objects.create(
        title="由比ガ浜クリーンアップ", proposer_side="group", proposing_group=group
    )
    proposal.counterpart_departments.add(department)
    fill_sections(proposal, Program.objects.get(code="agreement"))
    put_in(proposal, Proposal.Status.CONSULTATION)
    return proposal, manager, city


def test_the_discussion_keeps_staff_notes_from_the_group(
    page: Page, new_page: Callable[..., Page], transactional_db: None
) -> None:
    proposal, manager, city = consulting_proposal()
    add_entry(proposal, city, "予算は来年度要求が必要。", staff_only=True)
    url = f"/collaboration/proposals/{proposal.pk}/discussion/"

    login(page, city.email, PASSWORD)
    page.goto(url)
    expect(page.locator("main")).to_contain_text("来年度要求")
    assert_axe_clean(page)

    phone = new_page(viewport=PHONE)
    login(phone, manager.email, PASSWORD)
    phone.goto(url)
    expect(phone.locator("main")).not_to_contain_text("来年度要求")
    phone.locator("#id_body").fill("会場は公民館を考えています。")
    phone.get_by_role("button", name=ja("Save the entry")).click()
    expect(phone.locator("main")).to_contain_text("公民館")
    assert not has_horizontal_scroll(phone)
    assert_axe_clean(phone)
    for path in ("", "edit/roles/"):
        phone.goto(f"/collaboration/proposals/{proposal.pk}/{path}")
        assert not has_horizontal_scroll(phone), path
        assert_axe_clean(phone)
    phone.keyboard.press("Tab")
    assert focus_is_visible(phone)


def test_the_secretariat_imports_the_history_and_edits_a_programme(
    page: Page, transactional_db: None
) -> None:
    load_programs()
    secretariat = UserFactory.create(email="jimukyoku@example.jp", roles=[Role.SECRETARIAT])
    login(page, secretariat.email, PASSWORD)
    page.goto("/collaboration/import/")
    assert_axe_clean(page)
    page.locator("#id_file").set_input_files(str(HISTORY))
    page.get_by_role("button", name=ja("Check the file")).click()
    assert_axe_clean(page)
    page.locator("form:has(input[name=token]) button[type=submit]").click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    assert Proposal.objects.filter(is_imported=True).count() == 75

    page.goto("/collaboration/review/")
    expect(page.locator("#figures-caption + thead + tbody")).to_contain_text("73.9%")
    expect(page.locator("#figures-caption + thead + tbody")).to_contain_text("34.6%")
    assert_axe_clean(page)
    page.goto("/collaboration/programs/")
    assert_axe_clean(page)
    page.locator("main table a").nth(2).click()
    page.locator("#id_max_amount_per_year").fill("600000")
    assert_axe_clean(page)
    page.get_by_role("button", name=ja("Save"), exact=True).click()
    expect(page.locator("main table")).to_contain_text("600,000")
