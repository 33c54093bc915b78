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
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, transaction
from django.db.models.signals import class_prepared, post_delete, post_save

M = TypeVar("M", bound=models.Model)
TIMEOUT = 3600
_WATCHED: set[str] = set()  # the tables of opted-in models


def _generation_key(table: str) -> str:
    return f"cached:generation:{table}"


def changed(model: type[models.Model]) -> None:
    """Retire the cached results that read ``model``'s table (now and after commit)."""
    table = model._meta.db_table

    def bump() -> None:
        key = _generation_key(table)
        if not cache.add(key, 1, None):
            cache.incr(key)

    bump()
    transaction.on_commit(bump)


def _on_write(sender: type[models.Model], **kwargs: Any) -> None:
    changed(sender)


def _outside_transactions(using: str) -> bool:
    """Whether rows read now are committed ones: no transaction of the portal is open (a
    test case's own transaction, which wraps each test, does not count)."""
    blocks = connections[using].atomic_blocks
    return all(getattr(block, "_from_testcase", False) for block in blocks)


class CachedQuerySet(models.QuerySet[M]):
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
        if not tables or not tables <= _WATCHED:
            return None
        keys = sorted(_generation_key(table) for table in tables)
        generations = cache.get_many(keys)
        digest = hashlib.sha256(repr((self.db, sql, params)).encode()).hexdigest()
        stamp = ",".join(str(generations.get(key, 0)) for key in keys)
        return f"cached:rows:{digest}:{stamp}"

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


def _watch(sender: type[models.Model], **kwargs: Any) -> None:
    """Every concrete model with a CachedManager, its own or an abstract parent's."""
    if sender._meta.abstract or sender._meta.proxy:
        return
    if not any(isinstance(manager, CachedManager) for manager in sender._meta.managers):
        return
    _WATCHED.add(sender._meta.db_table)
    uid = f"cached:{sender._meta.label}"
    post_save.connect(_on_write, sender=sender, dispatch_uid=uid)
    post_delete.connect(_on_write, sender=sender, dispatch_uid=uid)


class_prepared.connect(_watch)
