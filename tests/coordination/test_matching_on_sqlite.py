"""The matching's UNION queries as the embedded SQLite of ``make run`` would be given them.

The suite runs on PostgreSQL, which accepts what SQLite refuses (an ORDER BY inside a part of
a UNION: the proposals' default order once broke ``setup_portal --demo`` there). Each query
is compiled for SQLite here, without running it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.models import QuerySet

from coordination.matching.profiles import GROUP_TERMS, NEED_TERMS, collaboration_rows, terms_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sqlite() -> DatabaseWrapper:
    settings = {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3"}
    return DatabaseWrapper({**settings, "NAME": ":memory:"}, alias="sqlite-compile")


QUERIES = {
    "a group's fields and districts": lambda: terms_of(GROUP_TERMS, "citizengroup_id", [1, 2]),
    "a need's fields and districts": lambda: terms_of(NEED_TERMS, "departmentneed_id", [1]),
    "the groups' past proposals": lambda: collaboration_rows([1, 2]),
}


@pytest.mark.parametrize("name", QUERIES)
def test_sqlite_accepts_the_query(name: str, sqlite: Any) -> None:
    query: QuerySet[Any] = QUERIES[name]()
    sql, _params = query.query.get_compiler(connection=sqlite).as_sql()
    assert "UNION" in sql
