"""How long ranking one department need takes among 100,000 groups on PostgreSQL.

Uses the test settings (PostgreSQL as the test suite finds it) and keeps its own database,
``kamakura_matching_bench``, between runs: the first run creates it, migrates it and fills it
with generated groups (COPY, with their search tokens and vectors); later runs reuse it
(``--rebuild`` starts again, ``--groups N`` sets the size). The groups' texts are drawn from
the demo registry and the labelled set of ``tests/coordination/data``; the needs are the
labelled set's. Each need is ranked once to warm up and then ``--runs`` times; the script
prints p50 and p95 of all the timings, the queries per ranking and the candidates scored.
Not a test: it prints figures.

Run: .venv/bin/python benchmarks/matching_speed.py [--groups 100000] [--runs 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.test")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.database import admin, server  # noqa: E402

BENCH_DB = "kamakura_matching_bench"
EVAL_SET = BASE_DIR / "tests" / "coordination" / "data" / "matching_eval.json"
REGISTRY = BASE_DIR / "groups" / "data" / "demo_registry.csv"
TODAY = datetime.date(2026, 6, 1)


def use_database(rebuild: bool) -> bool:
    """Point Django at the benchmark database; True when it must be filled."""
    with psycopg.connect(autocommit=True, **server()) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]
        ).fetchone()
        if exists and rebuild:
            connection.execute(f"DROP DATABASE {BENCH_DB}")
        if not exists or rebuild:
            connection.execute(f"CREATE DATABASE {BENCH_DB} ENCODING 'UTF8' TEMPLATE template0")
    settings.DATABASES["default"]["NAME"] = BENCH_DB  # before the first connection is opened
    return bool(not exists or rebuild)


def _snippets() -> list[str]:
    """Sentences groups write about themselves: the demo registry's and the labelled set's."""
    with REGISTRY.open(encoding="utf-8") as handle:
        texts = [row["主な活動内容"] for row in csv.DictReader(handle)]
    data = json.loads(EVAL_SET.read_text(encoding="utf-8"))
    for group in data["groups"]:
        texts += [group["activities"], group["purpose"], group["offers"]]
    return [text for text in texts if text]


def _copy(table: str, columns: list[str], rows: Any) -> None:
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def fill(count: int) -> None:
    """Taxonomies, the labelled needs, and ``count`` generated groups (9 in 10 registered)."""
    from groups.models import ActivityField, CitizenGroup, District
    from groups.reference import load_taxonomies
    from kamakura_portal.search import index_tokens
    from tests.coordination.matching_eval import load

    call_command("migrate", verbosity=0)
    load_taxonomies()
    load(TODAY)
    started = time.perf_counter()
    rng = random.Random(14)  # noqa: S311 (made-up data, the same every run)
    snippets = _snippets()
    tokens = [index_tokens(text) for text in snippets]
    fields = list(ActivityField.objects.filter(taxonomy="centre").values_list("pk", "name"))
    districts = list(District.objects.values_list("pk", "name"))
    term_tokens = {name: index_tokens(name) for _pk, name in fields + districts}
    meta = CitizenGroup._meta
    given = {
        "name",
        "name_kana",
        "status",
        "activities",
        "purpose",
        "offers",
        "search_name",
        "search_body",
        "collaboration_interest",
        "registered_on",
        "valid_until",
        "created_at",
        "updated_at",
    }
    others = [
        field
        for field in meta.concrete_fields
        if not field.primary_key and field.attname not in given and not field.null
    ]
    columns = sorted(given) + [field.column for field in others]
    defaults = [field.get_default() for field in others]
    start_pk = (CitizenGroup.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = datetime.datetime.now(datetime.UTC)
    statuses = ["registered"] * 9 + [rng.choice(["renewal_due", "suspended", "archived"])]
    interests = ["active", "depends", "not_now", ""]
    plan = []
    for n in range(count):
        chosen = rng.sample(range(len(snippets)), 4)
        own_fields = rng.sample(fields, rng.randint(1, 3))
        own_districts = rng.sample(districts, rng.randint(1, 2))
        body = " ".join(
            dict.fromkeys(
                " ".join(
                    [tokens[i] for i in chosen]
                    + [term_tokens[name] for _pk, name in own_fields + own_districts]
                ).split()
            )
        )
        values = {
            "name": f"生成された会{n}",
            "name_kana": f"セイセイサレタカイ{n}",
            "status": statuses[n % 10],
            "activities": snippets[chosen[0]] + snippets[chosen[1]],
            "purpose": snippets[chosen[2]],
            "offers": snippets[chosen[3]],
            "search_name": f"生成 セイセイ サレ タ 会 カイ {n}",
            "search_body": body,
            "collaboration_interest": rng.choice(interests),
            "registered_on": TODAY - datetime.timedelta(days=rng.randint(0, 900)),
            "valid_until": datetime.date(2027, 3, 31),
            "created_at": now,
            "updated_at": now,
        }
        plan.append(
            ([values[name] for name in sorted(given)] + defaults, own_fields, own_districts)
        )
    _copy(meta.db_table, columns, (row for row, _f, _d in plan))
    pks = range(start_pk, start_pk + count)
    _copy(
        CitizenGroup.activity_fields.through._meta.db_table,
        ["citizengroup_id", "activityfield_id"],
        ((pk, field) for pk, (_row, own, _d) in zip(pks, plan, strict=True) for field, _n in own),
    )
    _copy(
        CitizenGroup.districts.through._meta.db_table,
        ["citizengroup_id", "district_id"],
        ((pk, place) for pk, (_row, _f, own) in zip(pks, plan, strict=True) for place, _n in own),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {meta.db_table} SET search_vector = "  # noqa: S608 (the model's own table)
            "setweight(to_tsvector('simple', search_name), 'A') || "
            "setweight(to_tsvector('simple', search_body), 'B') WHERE search_vector IS NULL"
        )
        for through in (CitizenGroup.activity_fields.through, CitizenGroup.districts.through):
            cursor.execute(f"VACUUM ANALYZE {through._meta.db_table}")
        cursor.execute(f"VACUUM ANALYZE {meta.db_table}")
    print(f"built {count:,} groups in {time.perf_counter() - started:.0f} s")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(runs: int) -> None:
    from collaboration.models import DepartmentNeed
    from coordination.matching import rank_groups
    from groups.models import CitizenGroup

    needs = list(DepartmentNeed.objects.order_by("pk"))
    registered = CitizenGroup.objects.filter(status="registered").count()
    timings: list[float] = []
    queries: set[int] = set()
    for need in needs:
        rank_groups(need, today=TODAY)  # warm: the tokenizer, the connection, the caches
        for _run in range(runs):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                rank_groups(need, today=TODAY)
                timings.append((time.perf_counter() - start) * 1000)
            queries.add(len(captured.captured_queries))
    print(f"groups: {CitizenGroup.objects.count():,} ({registered:,} registered)")
    print(f"needs: {len(needs)}, rankings timed: {len(timings)} (limit 50)")
    print(f"queries per ranking: {sorted(queries)}")
    print(
        f"p50 {statistics.median(timings):.0f} ms, p95 {_percentile(timings, 0.95):.0f} ms, "
        f"max {max(timings):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    options = parser.parse_args()
    try:
        if use_database(options.rebuild):
            try:
                fill(options.groups)
            except BaseException:
                connections.close_all()  # a half-filled database is not kept for next time
                admin(f"DROP DATABASE IF EXISTS {BENCH_DB}")
                raise
        measure(options.runs)
    finally:
        connections.close_all()


if __name__ == "__main__":
    main()
