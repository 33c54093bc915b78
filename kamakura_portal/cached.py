"""Small reference tables kept in the cache: the taxonomies every filter form offers, the
centre's civic synonyms. Read on nearly every page, changed a few times a year.

A model opts in with ``objects = CachedManager()``; ``Model.objects.filter(…).cached()`` is
then a queryset whose rows come from the cache when they are there (no query) and from the
database otherwise, stored for the next request. The key holds the SQL and a *generation*
number for every table the query reads; saving or deleting a row of an opted-in model moves
its table's generation on (at once, and again when the transaction commits, so a reader
between the two never keeps the old rows), which retires every cached result that read it.
Rows read inside a transaction are served but never stored: they may be that transaction's
own, and it may roll back.
A query that reads a table whose model has not opted in is never cached: nothing would tell
it of a change. Writes that send no signal (``update()``, ``bulk_create()``, raw SQL) must
call :func:`changed`; every entry also expires after :data:`TIMEOUT` seconds.

A model written too often to be cached itself may still be *tracked*: with
``objects = TrackedManager()`` its table (and its many-to-many tables) get generation numbers
like the cached ones, moved on by its saves and deletes, its ``update()``, ``bulk_create()``
and ``bulk_update()`` and any change of its many-to-many relations, so that a page built from
its rows can be kept (:mod:`kamakura_portal.shared_pages`). :func:`reading` tells which tables
a block of code read, and :func:`stamp` their generations.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache as memoize
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, transaction
from django.db.models.signals import class_prepared, m2m_changed, post_delete, post_save

M = TypeVar("M", bound=models.Model)
TIMEOUT = 3600
_WATCHED: set[str] = set()  # the tables of opted-in (cached or tracked) models
_TRACKED: list[type[models.Model]] = []  # the tracked ones: their many-to-many tables too
_reading: ContextVar[set[str] | None] = ContextVar("cached_reading", default=None)


def _generation_key(table: str) -> str:
    return f"cached:generation:{table}"


def changed(model: type[models.Model]) -> None:
    """Retire the cached results that read ``model``'s table, or its many-to-many tables
    (now and after commit)."""
    tables = [model._meta.db_table, *_through().get(model._meta.db_table, ())]

    def bump() -> None:
        for table in tables:
            key = _generation_key(table)
            if not cache.add(key, _first_generation(), None):
                cache.incr(key)

    bump()
    transaction.on_commit(bump)


def _first_generation() -> int:
    # Random, not 1: a generation lost with the cache (flushed, restarted, evicted) starts
    # again from a number no result kept elsewhere (a process's memory) was filed under.
    return secrets.randbits(48)


def stamp(tables: Iterable[str]) -> tuple[int, ...]:
    """The current generations of ``tables`` (sorted by name), in one cache read; a table
    without one gets its first (see :func:`_first_generation`)."""
    keys = [_generation_key(table) for table in sorted(tables)]
    generations = cache.get_many(keys)
    if missing := [key for key in keys if key not in generations]:
        for key in missing:
            cache.add(key, _first_generation(), None)
        generations.update(cache.get_many(missing))
    return tuple(generations[key] for key in keys)


@memoize
def _through() -> dict[str, list[str]]:
    """A tracked model's table: its many-to-many tables, those Django made (a through model
    of the project's own is a model like any other: tracked only if it opts in)."""
    return {
        model._meta.db_table: [
            through._meta.db_table
            for m2m in model._meta.local_many_to_many
            if (through := m2m.remote_field.through) and through._meta.auto_created
        ]
        for model in _TRACKED
    }


def _watched_tables() -> set[str]:
    return _WATCHED | {table for tables in _through().values() for table in tables}


def watched(tables: Iterable[str]) -> bool:
    """Whether every one of ``tables`` is told of its changes (cached or tracked)."""
    return set(tables) <= _watched_tables()


def generations() -> dict[str, int]:
    """Every watched table's current generation, in one cache read."""
    tables = sorted(_watched_tables())
    return dict(zip(tables, stamp(tables), strict=True))


@memoize
def _table_names() -> frozenset[str]:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def _tables_in(sql: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", sql)) & _table_names()


@dataclass
class Reads:
    """What a block read: the tables, and the database aliases its queries went to."""

    tables: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)


@contextmanager
def reading() -> Iterator[Reads]:
    """What the block reads, by the queries it runs and by the cached querysets it is served
    (which run none); filled as the block runs."""
    reads = Reads()

    def note(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        reads.tables.update(_tables_in(sql))
        reads.aliases.add(args[-1]["connection"].alias)
        return execute(sql, *args)

    token = _reading.set(reads.tables)
    try:
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(note))
            yield reads
    finally:
        _reading.reset(token)


def committed() -> bool:
    """Whether rows read now, on every database, are committed ones (see the module)."""
    return all(_outside_transactions(connection.alias) for connection in connections.all())


def _on_write(sender: type[models.Model], **kwargs: Any) -> None:
    changed(sender)


def _outside_transactions(using: str) -> bool:
    """Whether rows read now are committed ones: no transaction of the portal is open (a
    test case's own transaction, which wraps each test, does not count)."""
    blocks = connections[using].atomic_blocks
    return all(getattr(block, "_from_testcase", False) for block in blocks)


class TrackedQuerySet(models.QuerySet[M]):
    """A queryset whose writes without signals tell the cache (see the module)."""

    def update(self, **kwargs: Any) -> int:
        rows = super().update(**kwargs)
        changed(self.model)
        return rows

    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        created = super().bulk_create(objs, *args, **kwargs)
        changed(self.model)
        return created

    def bulk_update(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> int:
        rows = super().bulk_update(objs, *args, **kwargs)
        changed(self.model)
        return rows


class TrackedManager(models.Manager[M]):
    """The manager of a model whose table is tracked (see the module)."""

    def get_queryset(self) -> TrackedQuerySet[M]:
        return TrackedQuerySet(self.model, using=self._db)


class CachedQuerySet(TrackedQuerySet[M]):
    _from_cache = False

    def cached(self) -> CachedQuerySet[M]:
        """This queryset, its rows read through the cache."""
        clone = self.all()
        clone._from_cache = True
        return clone

    def _clone(self) -> CachedQuerySet[M]:  # Django's, not in the stubs
        clone: CachedQuerySet[M] = super()._clone()  # type: ignore[misc]
        clone._from_cache = self._from_cache
        return clone

    def _key(self) -> str | None:
        try:
            sql, params = self.query.get_compiler(using=self.db).as_sql()
        except EmptyResultSet:  # nothing to read: Django answers without a query
            return None
        # The tables the SQL reads (a join Django set up and then trimmed has no references).
        query = self.query
        tables = {query.alias_map[a].table_name for a, refs in query.alias_refcount.items() if refs}
        if not tables or not watched(tables):
            return None
        if (collecting := _reading.get()) is not None:
            collecting.update(tables)  # served from the cache: no query will show them
        digest = hashlib.sha256(repr((self.db, sql, params)).encode()).hexdigest()
        stamped = ",".join(str(generation) for generation in stamp(tables))
        return f"cached:rows:{digest}:{stamped}"

    def _rows(self) -> list[Any]:
        key = self._key() if self._from_cache else None
        if key is None:
            return list(super().iterator())
        rows: list[Any] | None = cache.get(key)
        if rows is None:
            rows = list(super().iterator())
            if _outside_transactions(self.db):
                cache.set(key, rows, TIMEOUT)
        return rows

    def _fetch_all(self) -> None:
        if self._from_cache and self._result_cache is None:
            self._result_cache = self._rows()
        super()._fetch_all()  # the prefetches, if any

    def count(self) -> int:
        if self._from_cache and self._result_cache is None:
            return len(self._rows())
        return super().count()

    def exists(self) -> bool:
        if self._from_cache and self._result_cache is None:
            return bool(self._rows())
        return super().exists()

    def iterator(self, chunk_size: int | None = None) -> Iterator[Any]:
        if self._from_cache:
            return iter(self._rows())
        return super().iterator(chunk_size)


class CachedManager(models.Manager[M]):
    """The manager of a model whose querysets may be cached (see the module)."""

    def get_queryset(self) -> CachedQuerySet[M]:
        return CachedQuerySet(self.model, using=self._db)

    def cached(self) -> CachedQuerySet[M]:
        return self.get_queryset().cached()


def _on_relation(sender: type[models.Model], action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and watched([sender._meta.db_table]):
        changed(sender)  # the through model: its table's generation


def _watch(sender: type[models.Model], **kwargs: Any) -> None:
    """Every concrete model with a CachedManager or a TrackedManager, its own or an abstract
    parent's; a tracked model's many-to-many tables with it."""
    if sender._meta.abstract or sender._meta.proxy:
        return
    managers = sender._meta.managers
    if not any(isinstance(manager, CachedManager | TrackedManager) for manager in managers):
        return
    _WATCHED.add(sender._meta.db_table)
    if any(isinstance(manager, TrackedManager) for manager in managers):
        _TRACKED.append(sender)
    uid = f"cached:{sender._meta.label}"
    post_save.connect(_on_write, sender=sender, dispatch_uid=uid)
    post_delete.connect(_on_write, sender=sender, dispatch_uid=uid)


class_prepared.connect(_watch)
m2m_changed.connect(_on_relation, dispatch_uid="cached:relations")
