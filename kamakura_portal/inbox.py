"""The one inbox: :func:`notify` tells people about any object, in the portal and by mail.

Inbox rows are written in the transaction of the change that caused them, so a change and
its notices stand or fall together; the mail leaves through the outbox after the commit
(:mod:`kamakura_portal.mail`). Messages are written in the portal's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from .mail import queue_mail
from .models import Notification

if TYPE_CHECKING:
    from accounts.models import User

MESSAGE_LENGTH = Notification._meta.get_field("message").max_length or 300
_silenced: ContextVar[bool] = ContextVar("inbox_silenced", default=False)


@contextmanager
def silenced() -> Iterator[None]:
    """Changes made in the block tell nobody: demo data that stands for past events."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def notify(
    people: Iterable[User],
    about: models.Model,
    message: str,
    *,
    url: str,
    mail: str | None = None,
    context: Mapping[str, Any] | None = None,
    key: str = "",
    erase_when_sent: bool = False,
) -> list[User]:
    """Put ``message`` in each person's inbox (once per ``key``) and mail them ``mail``.

    ``people`` are users; the inactive and those without an address are skipped for mail.
    Returns the people told, in a stable order.
    """
    if _silenced.get():
        return []
    told = sorted({person.pk: person for person in people}.values(), key=lambda p: p.pk)
    if not told:
        return []
    content_type = ContentType.objects.get_for_model(about)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=person,
                content_type=content_type,
                object_id=about.pk,
                message=Truncator(message).chars(MESSAGE_LENGTH),
                url=url,
                key=key,
            )
            for person in told
        ],
        ignore_conflicts=bool(key),
    )
    if mail:
        queue_mail(
            mail,
            context or {},
            [person.email for person in told if person.is_active],
            erase_when_sent=erase_when_sent,
        )
    return told


def inbox_of(user: User) -> models.QuerySet[Notification]:
    """The user's notices, newest first."""
    return Notification.objects.filter(recipient_id=user.pk)


def notices_about(user: User, model: type[models.Model]) -> models.QuerySet[Notification]:
    """The user's notices about objects of one kind (a proposal page's own inbox)."""
    return inbox_of(user).filter(content_type=ContentType.objects.get_for_model(model))


def unread_count(user: User) -> int:
    return inbox_of(user).filter(read_at__isnull=True).count()


def mark_all_read(user: User) -> int:
    return inbox_of(user).filter(read_at__isnull=True).update(read_at=timezone.now())
