"""Writing an import's rows fast: unsaved model instances loaded with PostgreSQL's COPY.

``bulk_create`` builds one statement per batch on the client, and for most tables (a
``tsvector`` column rules out its UNNEST form) that statement has a placeholder per value,
parsed again in Python by the driver for every batch: for a large import, building the
statements took longer than the database took to run them. :func:`copy_objects` prepares
each value as ``bulk_create`` does (each field's ``pre_save`` and ``get_db_prep_save``, so
``auto_now_add`` dates are set on the instances and choices stored as their values) and sends
the rows as one COPY, formatted by the driver in C.

Like ``bulk_create`` it sends no signal and calls no ``save()``. As COPY goes past Django's
cursor wrapper, it is not in the query log (``django_assert_num_queries`` does not count
it). Objects that others point at take their ids from the table's own sequence first (one
query), as an INSERT would. Elsewhere than on PostgreSQL (the embedded SQLite of ``make
run``), the objects are given to ``bulk_create``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

from .cached import changed

# Rows per INSERT where there is no COPY.
BATCH = 500


def copy_objects(objects: Sequence[models.Model], *, take_ids: bool = False) -> None:
    """Insert ``objects`` (unsaved, all of one model); with ``take_ids``, each gets its id
    (``pk``) first, else the table gives them ids the objects do not learn."""
    if not objects:
        return
    model = type(objects[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.using(connection.alias).bulk_create(objects, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    table = model._meta.db_table
    if take_ids:
        for obj, pk in zip(objects, _next_ids(connection, model, len(objects)), strict=True):
            obj.pk = pk
    fields = [field for field in model._meta.concrete_fields if take_ids or not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    copy_sql = f"COPY {quote(table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for obj in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    changed(model)  # COPY sends no signal: retire the cached results that read the table


def _next_ids(connection: BaseDatabaseWrapper, model: type[models.Model], count: int) -> list[int]:
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]
