"""The one audit-trail mechanism: django-auditlog, registered through :func:`audit`.

Every app registers the models whose changes must be traceable (who, what, when) in its
``AppConfig.ready()``. The actor is taken from the request by ``AuditlogMiddleware``; in
tasks and commands, wrap the work in :func:`acting_as`.

A history row is read under the same rule as the object it belongs to: ``audit(model,
read=perm, via=path)`` says which ``rules.py`` permission a reader must hold on the object
reached from the row by the foreign keys of ``path`` (the row itself when empty). A row of a
model without ``read`` is readable by everyone who may open the history at all. A row whose
object is gone is shown only when its last record names the owner (a deleted cost line names
its proposal) and the owner still passes the rule: when in doubt, a row stays hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models

if TYPE_CHECKING:
    from accounts.models import User, Visitor


@dataclass(frozen=True)
class ReadRule:
    """Who may read a model's history rows: holders of ``permission`` on the object that
    ``via`` (foreign-key names, one per hop) leads to from the row."""

    permission: str
    via: tuple[str, ...] = ()

    def owner_of(self, row: models.Model) -> models.Model | None:
        owner: models.Model | None = row
        for name in self.via:
            owner = getattr(owner, name)
            if owner is None:
                return None
        return owner


_READ_RULES: dict[type[models.Model], ReadRule] = {}


def audit(
    model: type[models.Model],
    *,
    exclude_fields: Sequence[str] = (),
    mask_fields: Sequence[str] = (),
    m2m_fields: Sequence[str] = (),
    read: str = "",
    via: str = "",
) -> None:
    """Record every create, update and delete of ``model`` in the audit trail; its rows are
    read by holders of ``read`` on the object ``via`` leads to (``"question__survey"``)."""
    if read:
        _READ_RULES[model] = ReadRule(read, tuple(via.split("__")) if via else ())
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
    return (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )


def may_read_history(user: Visitor, obj: models.Model) -> bool:
    """Whether ``user`` may read the history rows of ``obj`` (besides opening the history)."""
    rule = _READ_RULES.get(type(obj))
    if rule is None:
        return True
    owner = rule.owner_of(obj)
    return owner is not None and user.has_perm(rule.permission, owner)


def readable(entries: Iterable[LogEntry], user: Visitor) -> list[LogEntry]:
    """The entries ``user`` may read, in their order (``content_type`` loaded). One query
    per audited model with a rule, one more per owner model of rows that are gone; the
    permission is asked once per owner."""
    entries = list(entries)
    owners = _owners(entries)
    verdicts: dict[tuple[type[models.Model], Any], bool] = {}
    shown = []
    for entry in entries:
        rule = _READ_RULES.get(entry.content_type.model_class())
        if rule is None:
            shown.append(entry)
            continue
        owner = owners.get(entry.pk)
        if owner is None:
            continue
        key = (type(owner), owner.pk)
        if key not in verdicts:
            verdicts[key] = user.has_perm(rule.permission, owner)
        if verdicts[key]:
            shown.append(entry)
    return shown


def _owners(entries: list[LogEntry]) -> dict[int, models.Model]:
    """entry pk → the object its rule is about, for the entries of models with a rule."""
    by_model: dict[type[models.Model], list[LogEntry]] = defaultdict(list)
    for entry in entries:
        model = entry.content_type.model_class()
        if model in _READ_RULES:
            by_model[model].append(entry)
    owners: dict[int, models.Model] = {}
    for model, rows in by_model.items():
        rule = _READ_RULES[model]
        manager = model._default_manager
        if rule.via:
            manager = manager.select_related("__".join(rule.via))  # type: ignore[assignment]
        present = {str(pk): row for pk, row in manager.in_bulk({e.object_pk for e in rows}).items()}
        gone: dict[str, list[LogEntry]] = defaultdict(list)
        for entry in rows:
            row = present.get(entry.object_pk)
            if row is not None:
                owner = rule.owner_of(row)
                if owner is not None:
                    owners[entry.pk] = owner
            elif rule.via:
                named = _last_value(entry, rule.via[0])
                if named is not None:
                    gone[named].append(entry)
        if gone:
            for pk, owner in _owners_named(model, rule, list(gone)).items():
                for entry in gone[pk]:
                    owners[entry.pk] = owner
    return owners


def _owners_named(model: type[models.Model], rule: ReadRule, pks: list[str]) -> dict[str, Any]:
    """The owners, by the pk of the first hop, that rows of ``model`` which are gone named."""
    first = model._meta.get_field(rule.via[0]).related_model
    manager = first._default_manager  # type: ignore[union-attr]
    rest = rule.via[1:]
    if rest:
        manager = manager.select_related("__".join(rest))
    found = {}
    for pk, hop in manager.in_bulk(pks).items():
        owner = ReadRule(rule.permission, rest).owner_of(hop)
        if owner is not None:
            found[str(pk)] = owner
    return found


def _last_value(entry: LogEntry, field: str) -> str | None:
    """The value of ``field`` that ``entry`` recorded (a delete records every field)."""
    change = (entry.changes_dict or {}).get(field)
    if not change:
        return None
    value = change[0] if entry.action == LogEntry.Action.DELETE else change[-1]
    return None if value in (None, "None", "") else str(value)
