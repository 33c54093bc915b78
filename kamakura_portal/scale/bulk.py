"""Loading generated rows fast: PostgreSQL's COPY through the connection Django holds.

Rows are given with their ids (taken after the table's highest id, with the table locked
against other writers until the load commits), so children can name their parents without
reading them back; the sequences are reset afterwards. A :class:`~kamakura_portal.search.
Searchable` table is loaded through a temporary copy of itself and one ``INSERT … SELECT``
that computes the search vector exactly as :meth:`~kamakura_portal.search.SearchDocument.
refresh` does, so the rows are written once and never updated.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

from kamakura_portal.cached import changed
from kamakura_portal.search import Searchable

# SearchDocument.refresh's vector: the name's tokens weigh A, the description's B.
SEARCH_VECTOR_SQL = (
    "setweight(to_tsvector('simple'::regconfig, COALESCE(search_name, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(search_body, '')), 'B')"
)


@dataclass
class Tally:
    """What was loaded into one table, and the seconds the database took for it."""

    rows: int = 0
    seconds: float = 0.0


@dataclass
class Loads:
    """Every table loaded in a run, by model, in the order they were first loaded."""

    tables: dict[type[models.Model], Tally] = field(default_factory=dict)

    def add(self, model: type[models.Model], rows: int, seconds: float) -> None:
        tally = self.tables.setdefault(model, Tally())
        tally.rows += rows
        tally.seconds += seconds

    def rows(self, model: type[models.Model]) -> int:
        return self.tables[model].rows if model in self.tables else 0


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def first_free_id(model: type[models.Model]) -> int:
    """The id after the table's highest; the table is locked against other writers until
    the transaction ends, so nobody else takes the ids handed out meanwhile."""
    table = _quote(model._meta.db_table)
    pk = _quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) + 1 FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


class Ids:
    """Consecutive ids for the new rows of one model."""

    def __init__(self, model: type[models.Model]) -> None:
        self.next = first_free_id(model)

    def take(self) -> int:
        taken = self.next
        self.next += 1
        return taken


def _default(field: models.Field[Any, Any], now: datetime.datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


class Table:
    """COPY into one model's table. A row is a mapping from attribute names (``group_id``,
    ``name``…) to values; the model's other columns get their defaults."""

    def __init__(
        self,
        model: type[models.Model],
        names: Sequence[str],
        loads: Loads,
        now: datetime.datetime,
    ) -> None:
        self.model = model
        self.names = tuple(names)
        self.loads = loads
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(self.names) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column for {sorted(unknown)}")
        searchable = issubclass(model, Searchable)
        rest = [
            f
            for name, f in fields.items()
            if name not in self.names
            and not f.primary_key
            and not (searchable and name == "search_vector")
        ]
        self.defaults = tuple(_default(f, now) for f in rest)
        self.columns = [fields[name].column for name in self.names] + [f.column for f in rest]
        self.searchable = searchable

    def copy(self, rows: Iterable[Mapping[str, Any]]) -> int:
        """Load ``rows`` (any iterable: it is streamed); returns how many were loaded."""
        started = time.perf_counter()
        table = self.model._meta.db_table
        target = f"scale_stage_{table}" if self.searchable else table
        columns = ", ".join(_quote(column) for column in self.columns)
        count = 0
        with connection.cursor() as cursor:
            if self.searchable:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE IF NOT EXISTS {_quote(target)} "
                    f"(LIKE {_quote(table)} INCLUDING DEFAULTS) ON COMMIT DROP"
                )
            with cursor.cursor.copy(f"COPY {_quote(target)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[name] for name in self.names] + list(self.defaults))
                    count += 1
            if self.searchable:
                cursor.execute(
                    f"INSERT INTO {_quote(table)} ({columns}, search_vector) "  # noqa: S608
                    f"SELECT {columns}, {SEARCH_VECTOR_SQL} FROM {_quote(target)}"
                )
                cursor.execute(f"TRUNCATE {_quote(target)}")
        changed(self.model)  # COPY sends no signal: retire the cached rows of the table
        self.loads.add(self.model, count, time.perf_counter() - started)
        return count


class Batch:
    """Rows for several tables, gathered a chunk at a time and then loaded together. A
    table's columns are the keys of its first row (every row of a table has the same)."""

    def __init__(
        self,
        models_by_name: Mapping[str, type[models.Model]],
        make: Callable[[type[models.Model], Sequence[str]], Table],
    ) -> None:
        self.models = dict(models_by_name)
        self.make = make
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in self.models}
        self.tables: dict[str, Table] = {}

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        return self.rows[name]

    def flush(self) -> None:
        for name, rows in self.rows.items():
            if rows:
                if name not in self.tables:
                    self.tables[name] = self.make(self.models[name], list(rows[0]))
                self.tables[name].copy(rows)
                rows.clear()


@contextmanager
def gin_built_after(model: type[models.Model], new_rows: int) -> Iterator[None]:
    """Load ``new_rows`` into ``model``'s table with its GIN indexes dropped, and build them
    again afterwards, when the new rows are at least as many as those there: building a
    GIN index at once is several times faster than growing it row by row. In the caller's
    transaction, so a failure leaves the indexes as they were."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")  # noqa: S608
        (present,) = cursor.fetchone()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s AND indexdef LIKE %s",
            [table, "% USING gin %"],
        )
        indexes = cursor.fetchall() if new_rows >= present else []
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {_quote(name)}")
    yield
    if not indexes:
        return
    with connection.cursor() as cursor:
        # A table with foreign-key checks still pending takes no index: run them now (the
        # rows they name are all loaded by then).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)


def reset_sequences(models_loaded: Iterable[type[models.Model]]) -> None:
    """Set each loaded table's id sequence past the ids given explicitly."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_loaded))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def analyze(models_loaded: Iterable[type[models.Model]]) -> None:
    """Fresh planner statistics for the loaded tables (the matching reads the search
    vector's most common lexemes from them)."""
    with connection.cursor() as cursor:
        for model in models_loaded:
            cursor.execute(f"ANALYZE {_quote(model._meta.db_table)}")
