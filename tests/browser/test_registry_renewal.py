"""The yearly renewal, and a group that was not renewed leaving the directory (issue #3)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from groups.models import CitizenGroup
from groups.services import mark_unrenewed_groups, renewal_deadline
from kamakura_portal.dates import fiscal_year, fiscal_year_end
from tests.factories import PASSWORD, UserFactory

from .conftest import assert_axe_clean, ja, login, make_group

Status = CitizenGroup.Status


def last_31_march() -> datetime.date:
    return fiscal_year_end(fiscal_year(timezone.localdate()) - 1)


def registered_last_year(manager: object, name: str, kana: str) -> CitizenGroup:
    group = make_group(manager, name, kana, activities="里山の手入れ", approve=True)
    CitizenGroup.objects.filter(pk=group.pk).update(
        valid_until=last_31_march(), registered_on=last_31_march() - datetime.timedelta(days=200)
    )
    group.refresh_from_db()
    return group


def test_a_manager_sees_the_renewal_is_due_and_renews_on_one_page(
    page: Page, registry: None
) -> None:
    manager = UserFactory.create(email="kaede@example.jp")
    group = registered_last_year(manager, "十二所の森の会", "ジュウニソノモリノカイ")
    renew_url = f"/groups/{group.pk}/renew/"

    login(page, manager.email, PASSWORD)
    page.goto("/groups/mine/")
    expect(page.locator("main")).to_contain_text(ja("Renewal due"))
    assert_axe_clean(page)
    page.locator(f"main a[href='{renew_url}']").click()
    expect(page).to_have_url(re.compile(f"{renew_url}$"))
    expect(page.locator("main")).to_contain_text("里山の手入れ")  # the profile to check
    assert_axe_clean(page)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/groups/{group.pk}/manage/$"))
    expect(page.locator(".messages [role=status]")).to_be_visible()
    group.refresh_from_db()
    assert group.status == Status.REGISTERED
    assert group.valid_until == fiscal_year_end(fiscal_year(timezone.localdate()))
    assert group.renewed_on == timezone.localdate()
    page.goto("/groups/mine/")
    expect(page.locator(f"main a[href='{renew_url}']")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(ja("Renewal due"))


def test_an_unrenewed_group_leaves_the_public_directory_but_staff_still_have_it(
    page: Page, new_page: Callable[..., Page], registry: None
) -> None:
    manager = UserFactory.create(email="kaede@example.jp")
    centre = UserFactory.create(email="centre@example.jp", roles=[Role.CENTRE_STAFF])
    lapsed = registered_last_year(manager, "十二所の森の会", "ジュウニソノモリノカイ")
    renewed = make_group(
        manager,
        "浄明寺の庭の会",
        "ジョウミョウジノニワノカイ",
        activities="庭の手入れ",
        approve=True,
    )

    page.goto("/groups/")
    expect(page.locator(f"main a[href='/groups/{lapsed.pk}/']")).to_be_visible()

    after_deadline = renewal_deadline(timezone.localdate()) + datetime.timedelta(days=1)
    assert mark_unrenewed_groups(today=after_deadline) == 1
    lapsed.refresh_from_db()
    assert lapsed.status == Status.RENEWAL_DUE

    page.reload()
    expect(page.locator(f"main a[href='/groups/{renewed.pk}/']")).to_be_visible()
    expect(page.locator(f"main a[href='/groups/{lapsed.pk}/']")).to_have_count(0)
    response = page.goto(f"/groups/{lapsed.pk}/")
    assert response is not None and response.status == 404

    # Staff still find it, with its status, and can act on it.
    staff = new_page()
    login(staff, centre.email, PASSWORD)
    staff.goto(f"/groups/staff/?status={Status.RENEWAL_DUE}")
    expect(staff.locator(f"main a[href='/groups/staff/{renewed.pk}/']")).to_have_count(0)
    assert_axe_clean(staff)
    staff.locator(f"main a[href='/groups/staff/{lapsed.pk}/']").first.click()
    expect(staff.locator("h1")).to_have_text(lapsed.name)
    expect(staff.locator("input[name=to]")).not_to_have_count(0)
    assert_axe_clean(staff)

    # The staff import page, and the report of a file with a bad row (nothing imported).
    staff.goto("/groups/staff/import/")
    assert_axe_clean(staff)
    staff.locator("input[type=file]").set_input_files(
        {
            "name": "registry.csv",
            "mimeType": "text/csv",
            "buffer": "団体名,フリガナ\n新しい会,漢字のフリガナ\n".encode(),
        }
    )
    staff.get_by_role("button", name=ja("Check the file")).click()
    expect(staff.locator("#import-problems")).to_be_visible()
    assert_axe_clean(staff)
    assert not CitizenGroup.objects.filter(name="新しい会").exists()
