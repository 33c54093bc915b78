"""The consultation log in Chromium: a coordinator records a consultation (a mistake refused
beside its field first), finds it by a Japanese word, marks its follow-up done and edits it.
Every page axe-clean, errors included; the log fits a phone."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from coordination.models import Consultation
from coordination.reference import load_topics
from tests.factories import PASSWORD, CitizenGroupFactory, UserFactory

from .conftest import assert_axe_clean, has_horizontal_scroll, ja, login

PHONE = {"width": 375, "height": 812}


def test_a_coordinator_records_finds_and_closes_a_consultation(
    page: Page, new_page: Callable[..., Page], transactional_db: None
) -> None:
    load_topics()
    group = CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")
    coordinator = UserFactory.create(
        email="centre@example.jp", display_name="鎌倉 花子", roles=[Role.CENTRE_STAFF]
    )
    today = timezone.localdate()
    login(page, coordinator.email, PASSWORD)
    page.goto("/coordination/consultations/")
    assert_axe_clean(page)
    page.get_by_role("link", name=ja("Record a consultation")).click()
    assert_axe_clean(page)

    # A group is chosen as the asker but none is picked: refused beside the field.
    page.locator("#id_method_1").check()
    page.locator("#id_asker_kind_0").check()
    page.get_by_label("資金・助成金").check()
    page.locator("#id_content").fill("清掃道具の購入に使える助成金を知りたいとの相談。")
    page.locator("#id_follow_up").fill("申請書の下書きを確認する。")
    page.locator("#id_next_action_on").fill(today.isoformat())
    page.get_by_role("button", name=ja("Save")).click()
    expect(page.locator("#id_group_error")).to_contain_text(ja("Choose the group that asked."))
    assert not Consultation.objects.exists()
    assert_axe_clean(page)

    page.locator("#id_group").select_option(label=group.name)
    page.get_by_role("button", name=ja("Save")).click()
    expect(page.locator("h1")).to_contain_text(group.name)
    assert_axe_clean(page)
    consultation = Consultation.objects.get()
    assert consultation.staff == coordinator and consultation.group == group

    # On a phone, the log opens with the follow-up due, and a keyword finds it.
    phone = new_page(viewport=PHONE)
    login(phone, coordinator.email, PASSWORD)
    phone.goto("/coordination/consultations/")
    expect(phone.locator("#due-heading")).to_be_visible()
    phone.get_by_text(ja("Search and narrow down")).click()
    phone.get_by_label(ja("Keyword")).fill("じょせいきん")
    phone.get_by_role("button", name=ja("Search")).click()
    expect(phone.locator("table")).to_contain_text(group.name)
    assert not has_horizontal_scroll(phone)
    assert_axe_clean(phone)

    # The follow-up is marked done; then the consultation is edited.
    phone.get_by_role("link", name=group.name).click()
    phone.get_by_role("button", name=ja("Mark the follow-up done")).click()
    expect(phone.locator(".messages")).to_contain_text(ja("The follow-up is marked done."))
    consultation.refresh_from_db()
    assert consultation.follow_up_done_on == today
    phone.get_by_role("link", name=ja("Edit the consultation")).click()
    assert_axe_clean(phone)
    phone.locator("#id_consulted_on").fill((today + datetime.timedelta(days=1)).isoformat())
    phone.get_by_role("button", name=ja("Save")).click()
    expect(phone.locator("#id_consulted_on_error")).to_be_visible()
    assert_axe_clean(phone)

    # The year's figures: charts with their tables.
    phone.goto("/coordination/consultations/")
    phone.get_by_role("link", name=ja("Consultation figures")).click()
    expect(phone.locator("#topic-chart-title")).to_be_visible()
    expect(phone.locator("main")).to_contain_text("資金・助成金")
    assert not has_horizontal_scroll(phone)
    assert_axe_clean(phone)
