"""How an audit entry reads on the history pages: the fields' labels in the reader's
language, choices by their labels, yes/no for booleans, times in Japan time and related rows
by their names, never raw field names, ``None``/``True`` or UTC (the trail stores those)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShownChange:
    """One field of an audit entry as a reader reads it: its label and the values before
    and after (``added``/``removed`` for a many-to-many change)."""

    label: str
    before: str = ""
    after: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def with_shown_changes(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """The entries, each with ``shown_changes``: the fields' labels in the reader's language,
    choices by their labels, yes/no for booleans, times in Japan time, related rows by their
    names (one query per related model for all the entries)."""
    entries = list(entries)
    related = _related_names(entries)
    for entry in entries:
        model = entry.content_type.model_class()
        entry.shown_changes = [
            _shown(model, name, change, related)
            for name, change in entry.changes_dict.items()
            # A reverse relation's "value" is the name of a manager: nothing to read.
            if isinstance(change, dict) or not _is_reverse(model, name)
        ]
    return entries


_EMPTY = {None, "", "None"}


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    """The model's own field ``name``; None for a reverse relation or a field gone since."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _is_reverse(model: type[models.Model] | None, name: str) -> bool:
    try:
        return model is not None and not isinstance(model._meta.get_field(name), models.Field)
    except FieldDoesNotExist:
        return False


def _label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    if field is not None:
        return capfirst(str(field.verbose_name))
    try:  # a reverse relation is named by its rows' plural name
        rows = model._meta.get_field(name).related_model if model else None
    except FieldDoesNotExist:
        rows = None
    if isinstance(rows, type) and issubclass(rows, models.Model):
        return capfirst(str(rows._meta.verbose_name_plural))
    return name


def _related_names(entries: list[LogEntry]) -> dict[tuple[Any, str], str]:
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, change in entry.changes_dict.items():
            field = _field(model, name)
            if field is not None and field.many_to_one and isinstance(change, list):
                wanted[field.related_model].update(  # type: ignore[index]
                    str(value) for value in change if value not in _EMPTY
                )
    names = {}
    for model, pks in wanted.items():
        for pk, row in model._default_manager.in_bulk(list(pks)).items():
            names[(model, str(pk))] = str(row)
    return names


def _shown(
    model: type[models.Model] | None,
    name: str,
    change: Any,
    related: dict[tuple[Any, str], str],
) -> ShownChange:
    field = _field(model, name)
    label = _label(model, name)
    if isinstance(change, dict):  # many-to-many: {"type": "m2m", "operation", "objects"}
        objects = tuple(str(item) for item in change.get("objects", ()))
        if change.get("operation") == "delete":
            return ShownChange(label, removed=objects)
        return ShownChange(label, added=objects)
    before, after = [*change, "", ""][:2]
    return ShownChange(label, _value(field, before, related), _value(field, after, related))


def _value(field: models.Field[Any, Any] | None, value: Any, related: dict[Any, str]) -> str:
    if value in _EMPTY:
        return str(_("(empty)"))
    text = str(value)
    if field is None:
        return text
    if field.choices:
        return str(dict(field.flatchoices).get(text, text))
    if isinstance(field, models.BooleanField):
        return str(_("Yes")) if text == "True" else str(_("No"))
    if field.many_to_one:
        return related.get((field.related_model, text), text)
    if isinstance(field, models.DateTimeField):
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_naive(moment):  # the trail keeps times in UTC, without a zone
            moment = moment.replace(tzinfo=datetime.UTC)
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(text[:10]), "DATE_FORMAT")
        except ValueError:
            return text
    return text
