"""Database helpers shared by the apps: what differs between PostgreSQL and SQLite."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.operations import AddIndex


class PostgresOnlyAddIndex(AddIndex):
    """``AddIndex`` for PostgreSQL-only index types (GIN): a no-op on the embedded SQLite.

    The model state always knows the index, so ``makemigrations`` stays quiet on both.
    """

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"
