"""The outbox: mail written with the change, sent after the commit, once, and retried when the
mail server fails, later each time; a mail with a secret link keeps no body once sent."""

from __future__ import annotations

import datetime
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from kamakura_portal.mail import CLAIM_EXPIRES, MAX_ATTEMPTS, queue_mail, send_outbox
from kamakura_portal.models import OutboxMail
from kamakura_portal.tasks import sweep_outbox

pytestmark = pytest.mark.django_db
TEMPLATE = "groups/email/archived"  # any of the portal's mails


class RefusingServer(BaseEmailBackend):
    """A mail server that does not take mail (a network failure on the way to it)."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("the server went away")


def queue(group_a: Any, *addresses: str, **options: Any) -> list[OutboxMail]:
    context = {"group": group_a, "group_url": "/groups/1/", "reason": "理由"}
    return queue_mail(TEMPLATE, context, addresses, **options)


def test_a_queued_mail_waits_for_the_commit_and_goes_to_each_person_alone(
    group_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rows = queue(group_a, "a@example.jp", "b@example.jp", "a@example.jp")
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert [row.to for row in rows] == ["a@example.jp", "b@example.jp"]
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.jp", "b@example.jp"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert OutboxMail.objects.filter(sent_at__isnull=True).count() == 0


def test_sending_twice_sends_once(group_a: Any) -> None:
    queue(group_a, "a@example.jp")
    assert send_outbox() == 1
    assert send_outbox() == 0
    assert sweep_outbox() == 0
    assert len(mail.outbox) == 1


def test_a_mail_claimed_by_a_live_worker_is_left_to_it(group_a: Any) -> None:
    [row] = queue(group_a, "a@example.jp")
    OutboxMail.objects.filter(pk=row.pk).update(claimed_at=timezone.now())
    assert send_outbox() == 0
    # A worker that died holding the claim: the claim expires and the sweep sends the mail.
    OutboxMail.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - CLAIM_EXPIRES - datetime.timedelta(seconds=1)
    )
    assert send_outbox() == 1
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_retried_later_each_time_then_given_up(
    group_a: Any, settings: Any
) -> None:
    [row] = queue(group_a, "a@example.jp")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingServer"
    assert send_outbox() == 0
    row.refresh_from_db()
    assert (row.attempts, row.sent_at, row.claimed_at) == (1, None, None)
    assert "went away" in row.last_error
    assert row.next_attempt_at > timezone.now()
    assert send_outbox() == 0  # not due yet: nothing is tried
    row.refresh_from_db()
    assert row.attempts == 1
    first_wait = row.next_attempt_at - timezone.now()
    OutboxMail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    send_outbox()
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at - timezone.now() > first_wait  # later each time
    OutboxMail.objects.filter(pk=row.pk).update(
        attempts=MAX_ATTEMPTS, next_attempt_at=timezone.now()
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_outbox() == 0  # given up: left for staff to see in the admin
    assert mail.outbox == []


def test_once_the_server_is_back_the_sweep_sends_the_mail(group_a: Any, settings: Any) -> None:
    queue(group_a, "a@example.jp")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingServer"
    send_outbox()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMail.objects.update(next_attempt_at=timezone.now())
    assert sweep_outbox() == 1
    assert [message.to for message in mail.outbox] == [["a@example.jp"]]


def test_a_mail_with_a_secret_link_keeps_no_body_once_sent(group_a: Any) -> None:
    [secret] = queue(group_a, "a@example.jp", erase_when_sent=True)
    [kept] = queue(group_a, "b@example.jp")
    send_outbox()
    secret.refresh_from_db()
    kept.refresh_from_db()
    assert secret.body == "" and secret.sent_at is not None
    assert kept.body != ""
    assert all(message.body for message in mail.outbox)


def test_nobody_to_mail_queues_nothing(group_a: Any) -> None:
    assert queue(group_a) == []
    assert queue(group_a, "") == []
    assert not OutboxMail.objects.exists()
