"""The registry's mails (groups/templates/groups/email/): sent after commit, plain text, linked."""

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from groups import comanagers, services
from groups.models import CitizenGroup
from kamakura_portal.mail import render_mail
from tests.factories import CitizenGroupFactory, GroupMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status
KINDS = (
    "registered",
    "returned",
    "renewal_lapsed",
    "suspended",
    "archived",
    "renewal_reminder",
    "invitation",
)
NAME = "海と<山>の会 & 仲間"


@pytest.fixture
def group() -> Any:
    group = CitizenGroupFactory.create(name=NAME, valid_until=datetime.date(2027, 3, 31))
    GroupMembershipFactory.create(group=group, user__email="manager@example.jp")
    return group


def manage_link(group: Any) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("groups:manage", args=[group.pk])


@pytest.mark.parametrize("kind", KINDS)
def test_every_mail_renders_as_plain_text_with_the_group_s_name_unescaped(
    group: Any, kind: Any
) -> None:
    invitation, _token = comanagers.invite_manager(group, "new@example.jp", None)
    mail.outbox.clear()
    context = {
        "group": group,
        "group_url": reverse("groups:manage", args=[group.pk]),
        "reason": "理由 <b>& 詳細</b>",
        "deadline": datetime.date(2026, 6, 30),
        "invitation": invitation,
        "accept_url": reverse("groups:accept_invitation", args=["TOKEN"]),
    }
    subject, body = render_mail(f"groups/email/{kind}", context)
    assert NAME in subject
    assert "\n" not in subject
    assert NAME in body
    assert "&amp;" not in body and "&lt;" not in body
    assert "{%" not in body and "{{" not in body
    link = settings.SITE_URL.rstrip("/") + (
        context["accept_url"] if kind == "invitation" else context["group_url"]
    )
    assert link in body


@pytest.mark.parametrize("kind", ("returned", "suspended", "archived"))
def test_mails_that_carry_a_reason_quote_it(group: Any, kind: Any) -> None:
    context = {"group": group, "group_url": "/x/", "reason": "写真を追加してください。"}
    _subject, body = render_mail(f"groups/email/{kind}", context)
    assert "写真を追加してください。" in body


def test_a_returned_registration_mails_the_managers_after_commit(
    group: Any, centre_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = centre_staff
    CitizenGroup.objects.filter(pk=group.pk).update(status=Status.SUBMITTED)
    group.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.return_registration(group, staff, "代表者名を確認してください。")
        assert mail.outbox == []  # nothing leaves before the commit
    # One mail sent after the commit (the other callbacks retire the cache's copies of the
    # changed tables: kamakura_portal.cached).
    assert len([c for c in callbacks if c.__module__ != "kamakura_portal.cached"]) == 1
    assert [m.to for m in mail.outbox] == [["manager@example.jp"]]
    assert "代表者名を確認してください。" in mail.outbox[0].body
    assert manage_link(group) in mail.outbox[0].body


def test_an_approval_mails_the_managers_with_the_end_of_the_registration(
    group: Any, centre_staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    CitizenGroup.objects.filter(pk=group.pk).update(status=Status.SUBMITTED)
    group.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_registration(group, centre_staff)
    group.refresh_from_db()
    body = mail.outbox[0].body
    end = group.valid_until
    assert f"{end.year}年{end.month}月{end.day}日" in body


def test_the_renewal_reminder_names_the_deadline(
    group: Any, django_capture_on_commit_callbacks: Any
) -> None:
    CitizenGroup.objects.filter(pk=group.pk).update(valid_until=datetime.date(2025, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        services.send_renewal_reminders(today=datetime.date(2025, 4, 10))
    deadline = services.renewal_deadline(datetime.date(2025, 4, 10))
    assert [m.to for m in mail.outbox] == [["manager@example.jp"]]
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in mail.outbox[0].body


def test_an_invitation_mails_the_link_and_the_address_to_sign_up_with(
    group: Any, django_capture_on_commit_callbacks: Any
) -> None:
    inviter = UserFactory.create(display_name="招待 する人")
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = comanagers.invite_manager(group, "new@example.jp", inviter)
    message = mail.outbox[0]
    assert message.to == ["new@example.jp"]
    link = settings.SITE_URL.rstrip("/") + reverse("groups:accept_invitation", args=[token])
    assert link in message.body
    assert "招待 する人" in message.body
    assert "new@example.jp" in message.body
