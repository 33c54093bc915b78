"""A new discussion entry (協議記録) is told to those taking part: by mail and in the inbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from accounts.models import Role, User
from collaboration.models import DiscussionEntry, Proposal
from collaboration.services.discussion import add_entry
from kamakura_portal.mail import send_outbox
from kamakura_portal.models import Notification, OutboxMail
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import GroupMembershipFactory, UserFactory, make_notice

from .conftest import ja, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
# Without having written: the two sides of group_a's proposal to dept_own.
THE_PARTIES = {"group_manager", "city_staff"}
FOLLOWING_STAFF = {"secretariat", "centre_staff"}


@pytest.fixture(autouse=True)
def _media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@pytest.fixture
def consulting(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.CONSULTATION)


@pytest.fixture
def co_manager(group_a: Any) -> Any:
    """A second manager of the proposing group, who writes the entries under test."""
    user = UserFactory.create(email="co-manager@example.jp", display_name="由比 次郎")
    GroupMembershipFactory.create(user=user, group=group_a)
    return user


@pytest.fixture
def colleague(dept_own: Any) -> Any:
    """A second member of the addressed department's staff, who writes staff notes."""
    return UserFactory.create(
        email="colleague@example.jp",
        display_name="自課 同僚",
        roles=[(Role.CITY_STAFF, dept_own)],
    )


def write(capture: Any, proposal: Proposal, author: Any, body: str, **kwargs: Any) -> Any:
    """An entry saved and committed, so that its mail leaves."""
    with capture(execute=True):
        return add_entry(proposal, author, body, **kwargs)


def notified(user: Any) -> bool:
    """Told of the latest entry (the one under test)."""
    latest = DiscussionEntry.objects.latest("pk")
    return Notification.objects.filter(
        recipient_id=user.pk, key=f"discussion_entry:{latest.pk}"
    ).exists()


def mailed(user: Any) -> bool:
    return any(getattr(user, "email", None) in message.to for message in mail.outbox)


@for_every_role(roles_except(THE_PARTIES, True, False))
def test_both_sides_hear_of_a_new_entry_but_not_other_groups_or_departments(
    consulting: Proposal,
    co_manager: Any,
    role_user: Any,
    expected: bool,
    django_capture_on_commit_callbacks: Any,
) -> None:
    write(django_capture_on_commit_callbacks, consulting, co_manager, "会場の候補です。")
    assert notified(role_user) is expected
    assert mailed(role_user) is expected


@for_every_role(roles_except(THE_PARTIES | FOLLOWING_STAFF, True, False))
def test_the_secretariat_and_the_centre_hear_once_they_have_written(
    consulting: Proposal,
    co_manager: Any,
    secretariat: Any,
    centre_staff: Any,
    role_user: Any,
    expected: bool,
    django_capture_on_commit_callbacks: Any,
) -> None:
    add_entry(consulting, secretariat, "日程を調整します。")
    add_entry(consulting, centre_staff, "会場の相談に乗ります。")
    write(django_capture_on_commit_callbacks, consulting, co_manager, "会場の候補です。")
    assert notified(role_user) is expected
    assert mailed(role_user) is expected


def test_staff_who_wrote_in_another_proposal_do_not_hear(
    consulting: Proposal,
    city_proposal: Proposal,
    co_manager: Any,
    secretariat: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    add_entry(put_in(city_proposal, Status.CONSULTATION), secretariat, "別の提案です。")
    write(django_capture_on_commit_callbacks, consulting, co_manager, "会場の候補です。")
    assert not notified(secretariat)


def test_the_author_is_never_told_of_their_own_entry(
    consulting: Proposal,
    group_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    write(django_capture_on_commit_callbacks, consulting, group_manager, "最初の書き込み")
    write(django_capture_on_commit_callbacks, consulting, group_manager, "二つ目の書き込み")
    assert not notified(group_manager) and not mailed(group_manager)
    assert Notification.objects.filter(recipient=city_staff).count() == 2


def test_an_inactive_user_is_not_told(
    consulting: Proposal,
    co_manager: Any,
    group_manager: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    group_manager.is_active = False
    group_manager.save()
    write(django_capture_on_commit_callbacks, consulting, co_manager, "会場の候補です。")
    assert not notified(group_manager) and not mailed(group_manager)


@for_every_role(roles_except({"city_staff"} | FOLLOWING_STAFF, True, False))
def test_a_staff_note_reaches_only_those_who_may_read_it(
    consulting: Proposal,
    colleague: Any,
    group_manager: Any,
    secretariat: Any,
    centre_staff: Any,
    role_user: Any,
    expected: bool,
    django_capture_on_commit_callbacks: Any,
) -> None:
    for writer in (group_manager, secretariat, centre_staff):
        add_entry(consulting, writer, "これまでの協議")
    write(django_capture_on_commit_callbacks, consulting, colleague, "予算の内情", staff_only=True)
    assert notified(role_user) is expected
    assert mailed(role_user) is expected


def test_no_group_manager_learns_of_a_staff_note(
    consulting: Proposal,
    colleague: Any,
    group_manager: Any,
    other_group_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    write(django_capture_on_commit_callbacks, consulting, colleague, "予算の内情", staff_only=True)
    assert [n.recipient for n in Notification.objects.all()] == [city_staff]
    assert [message.to for message in mail.outbox] == [[city_staff.email]]
    page = client_for(group_manager).get("/collaboration/mine/").content.decode()
    assert ja("No notifications yet.") in page


def test_the_inbox_is_written_with_the_entry_and_no_mail_leaves_before_the_commit(
    consulting: Proposal,
    co_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        add_entry(consulting, co_manager, "会場の候補です。")
    assert len(callbacks) == 1
    assert [n.recipient for n in Notification.objects.all()] == [city_staff]
    assert not mail.outbox


def test_sending_the_outbox_again_notifies_once(
    consulting: Proposal,
    co_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    write(django_capture_on_commit_callbacks, consulting, co_manager, "会場の候補です。")
    assert send_outbox() == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_the_mail_is_in_japanese_with_the_entry_and_a_link_to_it(
    consulting: Proposal,
    co_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    upload = SimpleUploadedFile("会場図.pdf", b"%PDF-1.7\n" + b"0" * 100)
    with translation.override("en"):  # whoever writes, the mail is in the portal's language
        entry = write(
            django_capture_on_commit_callbacks,
            consulting,
            co_manager,
            "公民館の第2会議室はいかがでしょう。",
            attachment=upload,
        )
    [message] = mail.outbox
    names = {"title": consulting.title, "name": "由比 次郎"}
    assert (
        message.subject
        == settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + ja("Collaboration proposal “%(title)s”: %(name)s wrote in the discussion") % names
    )
    assert (
        ja("%(name)s wrote in the discussion of the collaboration proposal “%(title)s”.") % (names)
        in message.body
    )
    assert "公民館の第2会議室はいかがでしょう。" in message.body
    assert ja("Attachment: %(name)s") % {"name": "会場図.pdf"} in message.body
    link = f"/collaboration/proposals/{consulting.pk}/discussion/#entry-{entry.pk}"
    assert f"{settings.SITE_URL.rstrip('/')}{link}" in message.body
    assert ja("This is a staff-only note: the group does not see it.") not in message.body


def test_the_inbox_links_an_entry_to_the_discussion_and_a_move_to_the_proposal(
    consulting: Proposal,
    co_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    entry = write(django_capture_on_commit_callbacks, consulting, co_manager, "会場の候補です。")
    make_notice(
        city_staff, consulting, "状態の変更", url=f"/collaboration/proposals/{consulting.pk}/"
    )
    client = client_for(city_staff)
    page = client.get("/collaboration/mine/").content.decode()
    message = ja("%(author)s wrote in the discussion of “%(title)s”.") % {
        "author": "由比 次郎",
        "title": consulting.title,
    }
    assert message in page
    discussion = f"/collaboration/proposals/{consulting.pk}/discussion/"
    assert f'href="{discussion}#entry-{entry.pk}"' in page
    assert f'href="/collaboration/proposals/{consulting.pk}/">状態の変更' in page
    assert f'id="entry-{entry.pk}"' in client.get(discussion).content.decode()
    client.post("/collaboration/mine/inbox/read/")
    assert not Notification.objects.filter(recipient=city_staff, read_at__isnull=True).exists()


@pytest.mark.parametrize("staff_only", [False, True])
def test_an_entry_and_its_notices_take_a_fixed_number_of_queries_whatever_the_recipients(
    consulting: Proposal,
    colleague: Any,
    group_a: Any,
    dept_own: Any,
    secretariat: Any,
    centre_staff: Any,
    staff_only: bool,
    django_assert_num_queries: Any,
) -> None:
    for writer in (secretariat, centre_staff):
        add_entry(consulting, writer, "これまでの協議")

    def notify() -> None:
        queued = OutboxMail.objects.count()
        author = User.objects.get(pk=colleague.pk)  # nothing cached on the author yet
        # 1 savepoint, 1 the proposal, 2 its partner groups and departments (read once for
        # every check), 2 the author's managed groups and roles (the permission), 1 insert
        # of the entry, 1 recipients; for a staff note 2 their roles and managed groups (the
        # permission check); 1 insert of the inbox entries, 1 of the mails, 1 release.
        with django_assert_num_queries(13 if staff_only else 11):
            entry = add_entry(consulting, author, "記録", staff_only=staff_only)
        told = Notification.objects.filter(key=f"discussion_entry:{entry.pk}").count()
        # One mail per recipient (no one sees the others' addresses), as many as notified.
        assert OutboxMail.objects.count() - queued == told > 0

    notify()
    for _index in range(6):
        GroupMembershipFactory.create(user=UserFactory.create(), group=group_a)
        UserFactory.create(roles=[(Role.CITY_STAFF, dept_own)])
    notify()
    entry = DiscussionEntry.objects.latest("pk")
    # The 6 new staff of the department, the secretariat and the centre; the 6 new managers
    # only for an entry they may read.
    told = Notification.objects.filter(key=f"discussion_entry:{entry.pk}")
    assert told.count() == (8 if staff_only else 14)
