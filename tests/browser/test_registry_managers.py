"""A manager invites a co-manager by email, who accepts and edits the live profile (issue #3)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core import mail
from playwright.sync_api import Page, expect

from groups.models import GroupMembership
from tests.factories import PASSWORD, UserFactory

from .conftest import assert_axe_clean, ja, login, make_group

ACCEPT_LINK = re.compile(r"https?://[^\s/]+(/groups/invitations/[^\s/]+/)")


def test_a_co_manager_is_invited_by_mail_accepts_and_edits_the_public_profile(
    page: Page, new_page: Callable[..., Page], registry: None
) -> None:
    manager = UserFactory.create(email="hana@example.jp", display_name="稲村 はな")
    group = make_group(
        manager,
        "稲村ヶ崎おはなしの会",
        "イナムラガサキオハナシノカイ",
        activities="絵本の読み聞かせ",
        approve=True,
    )
    invitee = UserFactory.create(email="sakura@example.jp", display_name="七里 さくら")
    manage_url = f"/groups/{group.pk}/manage/"

    # My groups → the group's page.
    login(page, manager.email, PASSWORD)
    page.goto("/groups/mine/")
    assert_axe_clean(page)
    page.locator(f"main a[href='{manage_url}']").first.click()
    expect(page).to_have_url(re.compile(f"{manage_url}$"))

    # The only manager cannot leave: the page says why, and nothing changes.
    page.get_by_role("button", name=ja("Leave this group")).click()
    expect(page).to_have_url(re.compile(f"{manage_url}$"))
    expect(page.locator(".messages [role=alert]")).to_contain_text(
        ja("A group needs at least one manager. Invite someone else before leaving.")
    )
    assert GroupMembership.objects.filter(group=group, user=manager).exists()

    # A bad address is refused beside the field; then the invitation is mailed.
    email = page.locator("#id_email")
    email.fill("sakura@")
    page.get_by_role("button", name=ja("Send the invitation")).click()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_be_visible()
    assert_axe_clean(page)
    mail.outbox.clear()
    email.fill(invitee.email)
    page.get_by_role("button", name=ja("Send the invitation")).click()
    expect(page).to_have_url(re.compile(f"{manage_url}$"))
    expect(page.locator("main table")).to_have_count(3)  # managers, invitations, history
    assert_axe_clean(page)
    [invitation] = [message for message in mail.outbox if invitee.email in message.to]
    match = ACCEPT_LINK.search(str(invitation.body))
    assert match is not None, invitation.body

    # The invitee signs in, follows the link and accepts.
    other = new_page()
    login(other, invitee.email, PASSWORD)
    other.goto(match.group(1))
    expect(other.locator("main")).to_contain_text(group.name)
    assert_axe_clean(other)
    other.get_by_role("button", name=ja("Accept and become a manager")).click()
    expect(other).to_have_url(re.compile(f"{manage_url}$"))
    assert GroupMembership.objects.filter(group=group, user=invitee).exists()

    # The new co-manager edits the activities; the public page shows the change at once.
    edit_label = ja("Edit: %(title)s") % {"title": ja("Activities")}
    other.get_by_role("link", name=edit_label).click()
    expect(other).to_have_url(re.compile(rf"/groups/{group.pk}/edit/activities/$"))
    assert_axe_clean(other)
    other.locator("#id_activities").fill("毎週水曜日に図書館で絵本の読み聞かせをしています。")
    other.get_by_role("button", name=ja("Save changes")).click()
    expect(other).to_have_url(re.compile(f"{manage_url}$"))
    expect(other.locator(".messages [role=status]")).to_be_visible()

    public = new_page()
    public.goto(f"/groups/{group.pk}/")
    expect(public.locator("main")).to_contain_text("毎週水曜日に図書館で絵本の読み聞かせ")

    # With two managers, the first one may now leave; the co-manager keeps the group.
    page.reload()
    page.get_by_role("button", name=ja("Leave this group")).click()
    expect(page).not_to_have_url(re.compile(f"{manage_url}$"))
    assert list(GroupMembership.objects.filter(group=group).values_list("user", flat=True)) == [
        invitee.pk
    ]
