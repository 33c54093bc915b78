"""The benchmarks' databases: made next to the test database, on the same server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from django.conf import settings
from django.db import connections


def server() -> dict[str, Any]:
    """How to reach the server's maintenance database (the test settings' PostgreSQL)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The benchmark needs PostgreSQL (the test settings' DATABASE_URL).")
    return {
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
        "dbname": "postgres",
    }


def admin(sql: str) -> None:
    with psycopg.connect(autocommit=True, **server()) as connection:
        connection.execute(sql)


@contextmanager
def throwaway_database(name: str) -> Iterator[None]:
    """A new, empty database ``name`` for the duration (dropped after, even on failure)."""
    admin(f"DROP DATABASE IF EXISTS {name}")
    admin(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    settings.DATABASES["default"]["NAME"] = name  # before the first connection is opened
    try:
        yield
    finally:
        connections.close_all()
        admin(f"DROP DATABASE IF EXISTS {name}")
