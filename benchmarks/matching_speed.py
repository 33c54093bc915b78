"""How long ranking one department need takes among 100,000 groups on PostgreSQL.

Uses the test settings (PostgreSQL as the test suite finds it) and keeps its own database,
``kamakura_matching_bench``, between runs: the first run creates it, migrates it and fills it
with generated groups (``manage.py seed_scale``'s generator: COPY, with their search tokens
and vectors); later runs reuse it (``--rebuild`` starts again, ``--groups N`` sets the size).
The labelled set of ``tests/coordination/data`` adds its needs and groups. Each need is ranked
once to warm up and then ``--runs`` times; the script prints p50 and p95 of all the timings,
the queries per ranking and the candidates scored. Not a test: it prints figures.

Run: .venv/bin/python benchmarks/matching_speed.py [--groups 100000] [--runs 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

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
from benchmarks.load.stats import nearest_rank  # noqa: E402

BENCH_DB = "kamakura_matching_bench"
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


def fill(count: int) -> None:
    """``count`` generated groups (``manage.py seed_scale``'s, with the reference data, their
    search tokens and vectors), then the labelled set's needs and groups."""
    from kamakura_portal.scale.context import Sizes
    from kamakura_portal.scale.run import generate
    from tests.coordination.matching_eval import load

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    generate(Sizes.groups_only(count), seed=14, today=TODAY, replace=False, say=print)
    load(TODAY)
    print(f"built {count:,} groups in {time.perf_counter() - started:.0f} s")


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
        f"p50 {statistics.median(timings):.0f} ms, p95 {nearest_rank(timings, 0.95):.0f} ms, "
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
