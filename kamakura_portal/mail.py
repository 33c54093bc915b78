"""The one way the portal sends mail: rendered in Japanese, queued in the outbox with the
change that caused it, sent after the commit, and retried by a periodic sweep.

A dead broker or mail server therefore never turns a saved change into an error page, and a
mail is sent once: every send claims its row first (:func:`kamakura_portal.claims.claim_once`).
Each recipient gets a message of their own, so no one sees another's address (a group's
managers and the city's staff are often on the same mail).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .celery import send_after_commit
from .claims import claim_once
from .models import OutboxMail

logger = logging.getLogger(__name__)

SEND_TASK = "portal.send_outbox_mail"
# A claimed mail that was neither sent nor released by then belongs to a worker that died.
CLAIM_EXPIRES = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 8
SUBJECT_LENGTH = 300  # OutboxMail.subject


def public_url(url: str) -> str:
    """``url`` (a path, or an address on whatever host a request came through) on the
    portal's public address, ``SITE_URL``: what every mail links to."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return settings.SITE_URL.rstrip("/") + path + (f"?{parts.query}" if parts.query else "")


def render_mail(template_prefix: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """``<prefix>_subject.txt`` (as one line, with the portal's prefix) and ``_body.txt``.

    Mail is written in the portal's language whatever the language of the request that
    caused it: recipients are the centre's users, not the person clicking.
    """
    full_context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        rendered = render_to_string(f"{template_prefix}_subject.txt", full_context)
        body = str(render_to_string(f"{template_prefix}_body.txt", full_context))
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(rendered.split())
    return subject[:SUBJECT_LENGTH], body


def queue_mail(
    template_prefix: str,
    context: Mapping[str, Any],
    recipients: Iterable[str],
    *,
    erase_when_sent: bool = False,
) -> list[OutboxMail]:
    """Write the mail to each address into the outbox (in the caller's transaction) and
    send it once the transaction commits. Returns the queued rows."""
    addresses = [address for address in dict.fromkeys(recipients) if address]
    if not addresses:
        return []
    subject, body = render_mail(template_prefix, context)
    rows = OutboxMail.objects.bulk_create(
        [
            OutboxMail(to=address, subject=subject, body=body, erase_when_sent=erase_when_sent)
            for address in addresses
        ]
    )
    send_after_commit(SEND_TASK, [row.pk for row in rows])
    return rows


def pending(now: datetime.datetime | None = None) -> Any:
    """Mail due to be sent: never sent, not given up on, and not held by a live claim."""
    now = now or timezone.now()
    return OutboxMail.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES),
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        next_attempt_at__lte=now,
    )


def send_outbox(ids: Sequence[int] | None = None, *, limit: int = 500) -> int:
    """Send the given queued mails (or, for the sweep, the oldest pending ones); each is
    claimed first, so a mail is sent once however many workers run. Returns how many left."""
    candidates = pending()
    if ids is not None:
        candidates = candidates.filter(pk__in=list(ids))
    sent = 0
    connection = get_connection()
    for pk in list(candidates.order_by("pk").values_list("pk", flat=True)[:limit]):
        now = timezone.now()
        if not claim_once(pending(now).filter(pk=pk), claimed_at=now):
            continue
        mail = OutboxMail.objects.get(pk=pk)
        try:
            connection.send_messages([EmailMessage(mail.subject, mail.body, None, [mail.to])])
        except Exception as error:  # any failure of the mail server: retried later
            _release(mail, error)
            continue
        OutboxMail.objects.filter(pk=pk).update(
            sent_at=timezone.now(), **({"body": ""} if mail.erase_when_sent else {})
        )
        sent += 1
    return sent


def _release(mail: OutboxMail, error: Exception) -> None:
    """Give the mail back to the sweep, later each time (1, 2, 4 … minutes)."""
    attempts = mail.attempts + 1
    logger.warning("Mail %s to %s failed (attempt %s): %s", mail.pk, mail.to, attempts, error)
    OutboxMail.objects.filter(pk=mail.pk).update(
        claimed_at=None,
        attempts=attempts,
        last_error=str(error)[:2000],
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=2 ** (attempts - 1)),
    )
