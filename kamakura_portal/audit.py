"""The one audit-trail mechanism: django-auditlog, registered through :func:`audit`.

Every app registers the models whose changes must be traceable (who, what, when) in its
``AppConfig.ready()``. The actor is taken from the request by ``AuditlogMiddleware``; in
tasks and commands, wrap the work in :func:`acting_as`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models

if TYPE_CHECKING:
    from accounts.models import User


def audit(
    model: type[models.Model],
    *,
    exclude_fields: Sequence[str] = (),
    mask_fields: Sequence[str] = (),
    m2m_fields: Sequence[str] = (),
) -> None:
    """Record every create, update and delete of ``model`` in the audit trail."""
    auditlog.register(
        model,
        exclude_fields=list(exclude_fields),
        mask_fields=list(mask_fields),
        m2m_fields=set(m2m_fields),
    )


@contextmanager
def acting_as(actor: User | None) -> Iterator[None]:
    """Attribute changes made outside a request (tasks, commands) to ``actor`` (None: to
    nobody, the portal itself)."""
    with set_actor(actor):
        yield


def history_for(obj: models.Model) -> models.QuerySet[LogEntry]:
    """The object's audit entries, newest first, with their actors (one query)."""
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")
