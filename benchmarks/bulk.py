"""The registry at 100,000 rows: the import's time and peak memory, the open-data CSV's memory.

Uses the test settings (PostgreSQL and Redis as the test suite finds them) and two throwaway
databases next to the test database: ``bench_bulk`` (migrated, taxonomies loaded) and
``bench_bulk_10k``, a copy of it made before any group is imported. A registry file of
100,000 rows in the import's format is written by :mod:`benchmarks.bulk_registry` (its first
10,000 rows are the 10,000-row file), then every measured step runs in a child process of
its own, so that its peak memory is its own: the kernel's peak resident set size of the
child's own address space (``VmHWM`` in ``/proc/self/status``, read by the child at the end of
its step). Not ``ru_maxrss`` of the child's rusage: Linux folds into it the parent's peak at
the moment the child was started (before ``exec``), here the parent that wrote the file. The
steps:

- baseline: a child that sets up Django, opens the database connection and does nothing;
- dry run: read the file and check every row (``read_rows`` + ``plan_import``), nothing saved;
- import: read, check and commit (``commit_import``), as ``manage.py import_groups FILE`` does;
  the tasks it sends after its commit go to an in-memory broker that nobody reads;
- search tokens: what those tasks do in a worker, here one after the other in one process
  (``groups.refresh_search_index`` for every imported group, :data:`~groups.search.
  TASK_GROUPS` at a time); a worker's memory is the peak of one task, not of them all;
- export: ``/groups/opendata.csv`` through Django's test client, the whole stream read and
  counted (never joined), at 10,000 and at 100,000 imported groups.

Not a test: it prints a table and writes ``benchmarks/results/bulk-<date>.json``.

Run: .venv/bin/python benchmarks/bulk.py [--rows N]   (or: make bench)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

BENCH_DB = "bench_bulk"
SMALL_DB = "bench_bulk_10k"
ROWS = 100_000
SMALL_ROWS = 10_000
TARGET_SECONDS = 120.0
TARGET_MB = 500.0
RESULTS_DIR = BASE_DIR / "benchmarks" / "results"


# --- the children -----------------------------------------------------------------------


def _use_database(name: str) -> None:
    for alias in ("default", "replica"):
        if alias in settings.DATABASES:
            settings.DATABASES[alias]["NAME"] = name
    connection.ensure_connection()


def _read_and_plan(path: str) -> tuple[Any, dict[str, Any]]:
    from groups.imports import plan_import, read_rows

    start = time.perf_counter()
    plan = plan_import(read_rows(Path(path).read_bytes(), Path(path).name))
    seconds = time.perf_counter() - start
    if not plan.is_valid:
        raise SystemExit(f"The generated file has problems: {plan.errors[:3]}")
    return plan, {"rows": plan.row_count, "notes": len(plan.notes), "plan_seconds": seconds}


def _export() -> dict[str, Any]:
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    start = time.perf_counter()
    response: Any = Client().get("/groups/opendata.csv")
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    return {"seconds": time.perf_counter() - start, "bytes": size, "groups": lines - 1}


def _index() -> dict[str, Any]:
    from groups.models import CitizenGroup
    from groups.search import TASK_GROUPS
    from groups.tasks import refresh_search_index

    start = time.perf_counter()
    ids = list(CitizenGroup.objects.order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(ids), TASK_GROUPS):
        refresh_search_index(ids[first : first + TASK_GROUPS])
    seconds = time.perf_counter() - start
    missing = CitizenGroup.objects.filter(search_vector__isnull=True).count()
    tasks = math.ceil(len(ids) / TASK_GROUPS)
    return {"seconds": seconds, "groups": len(ids), "tasks": tasks, "missing": missing}


def run_child(step: str, database: str, path: str, out: str) -> None:
    _use_database(database)
    result: dict[str, Any] = {}
    if step == "dry-run":
        _plan, result = _read_and_plan(path)
    elif step == "import":
        from groups.imports import commit_import
        from kamakura_portal.celery import app

        app.conf.update(broker_url="memory://localhost/")
        plan, result = _read_and_plan(path)
        start = time.perf_counter()
        result["created"] = commit_import(plan, None)
        result["commit_seconds"] = time.perf_counter() - start
    elif step == "index":
        result = _index()
    elif step == "export":
        result = _export()
    result["peak_mb"] = _own_peak_mb()
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def _own_peak_mb() -> float:
    """This process's peak resident set size since its ``exec`` (``VmHWM``, in kB)."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


# --- the parent -------------------------------------------------------------------------


def measure(step: str, database: str, path: str = "") -> dict[str, Any]:
    """Run ``step`` in a child; its figures, its wall time and its own peak RSS in MB."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        start = time.perf_counter()
        returncode = subprocess.call(  # noqa: S603 (this script, with our own arguments)
            [sys.executable, __file__, "--child", step, database, path, out.name]
        )
        wall = time.perf_counter() - start
        if returncode:
            raise SystemExit(f"The step {step} on {database} failed ({returncode}).")
        result = json.loads(Path(out.name).read_text(encoding="utf-8"))
    return {**result, "wall_seconds": wall}


def write_file(directory: Path, rows: int, name: str) -> Path:
    from benchmarks.bulk_registry import registry_csv

    path = directory / name
    path.write_bytes(registry_csv(rows))
    return path


def prepare(rows: int, small_rows: int, directory: Path) -> tuple[Path, Path]:
    """Both databases, migrated, with the taxonomies; both files (the small one a prefix)."""
    from django.core.management import call_command

    from benchmarks.database import admin
    from groups.reference import load_taxonomies

    call_command("migrate", verbosity=0)
    load_taxonomies()
    connections.close_all()
    admin(f"DROP DATABASE IF EXISTS {SMALL_DB}")
    admin(f"CREATE DATABASE {SMALL_DB} TEMPLATE {BENCH_DB}")
    big = write_file(directory, rows, "registry.csv")
    small = directory / "registry-small.csv"
    with big.open(encoding="utf-8") as source:
        small.write_text("".join(next(source) for _line in range(small_rows + 1)), "utf-8")
    return small, big


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "missed"


def report(figures: dict[str, Any], rows: int, small_rows: int) -> list[tuple[str, str]]:
    small_import, big_import = figures["import_small"], figures["import"]
    small_export, big_export = figures["export_small"], figures["export"]
    baseline = figures["baseline"]["peak_mb"]
    total = big_import["plan_seconds"] + big_import["commit_seconds"]
    lines = [
        (
            "Baseline: Django set up, database connected, nothing done (peak RSS)",
            f"{baseline:.0f} MB",
        ),
        (f"Registry file: {rows:,} rows, generated", f"{figures['file_mb']:.1f} MB"),
    ]
    for label, dry, done, index, count in (
        (f"{small_rows:,} rows", figures["dry_run_small"], small_import,
         figures["index_small"], small_rows),
        (f"{rows:,} rows", figures["dry_run"], big_import, figures["index"], rows),
    ):  # fmt: skip
        lines += [
            (f"Dry run {label}: read + check (time / peak RSS)",
             f"{dry['plan_seconds']:.1f} s / {dry['peak_mb']:.0f} MB"),
            (f"Import {label}: read + check, then commit {count:,} groups (time)",
             f"{done['plan_seconds']:.1f} s + {done['commit_seconds']:.1f} s"
             f" = {done['plan_seconds'] + done['commit_seconds']:.1f} s"),
            (f"Import {label}: peak RSS of the whole import", f"{done['peak_mb']:.0f} MB"),
            (f"Search tokens after the import {label}: {index['tasks']} tasks in one"
             " process (time / peak RSS)",
             f"{index['seconds']:.1f} s / {index['peak_mb']:.0f} MB"),
        ]  # fmt: skip
    lines += [
        (f"Import {rows:,} rows against ≤ {TARGET_SECONDS:.0f} s",
         f"{total:.1f} s, {verdict(total, TARGET_SECONDS)}"),
        (f"Import {rows:,} rows against ≤ {TARGET_MB:.0f} MB",
         f"{big_import['peak_mb']:.0f} MB, {verdict(big_import['peak_mb'], TARGET_MB)}"),
    ]  # fmt: skip
    for label, export in (
        (f"{small_rows:,} groups", small_export),
        (f"{rows:,} groups", big_export),
    ):
        lines.append(
            (
                f"Open-data CSV, {label} ({export['groups']:,} rows): time / size / peak RSS",
                f"{export['seconds']:.1f} s / {export['bytes'] / 1024 / 1024:.1f} MB"
                f" / {export['peak_mb']:.0f} MB",
            )
        )
    lines += [
        (f"Open-data CSV: peak RSS above the baseline, {small_rows:,} → {rows:,} groups",
         f"{small_export['peak_mb'] - baseline:.0f} → {big_export['peak_mb'] - baseline:.0f} MB"),
        (f"Open-data CSV: growth of peak RSS from {small_rows:,} to {rows:,} groups",
         f"{big_export['peak_mb'] - small_export['peak_mb']:+.0f} MB"),
        ("Whole benchmark, end to end", f"{figures['seconds']:.0f} s"),
    ]  # fmt: skip
    return lines


def main() -> None:
    from benchmarks.database import admin, throwaway_database
    from benchmarks.load import machine

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=ROWS, help="rows of the large file")
    parser.add_argument("--small", type=int, default=SMALL_ROWS, help="rows of the small one")
    arguments = parser.parse_args()
    rows, small_rows = arguments.rows, min(arguments.small, arguments.rows)
    started = time.perf_counter()
    figures: dict[str, Any] = {
        "date": timezone.localtime().isoformat(timespec="seconds"),
        "settings": "test settings",
        "memory": "peak resident set size of each step's own child process (VmHWM after exec)",
        "load_average_before": machine.load_average(),
        "rows": rows,
        "small_rows": small_rows,
        "targets": {"import_seconds": TARGET_SECONDS, "import_peak_mb": TARGET_MB},
    }
    try:
        with throwaway_database(BENCH_DB), tempfile.TemporaryDirectory() as directory:
            small, big = prepare(rows, small_rows, Path(directory))
            figures["machine"] = machine.describe()
            figures["file_mb"] = big.stat().st_size / 1024 / 1024
            figures["baseline"] = measure("idle", BENCH_DB)
            figures["dry_run_small"] = measure("dry-run", SMALL_DB, str(small))
            figures["import_small"] = measure("import", SMALL_DB, str(small))
            figures["index_small"] = measure("index", SMALL_DB)
            figures["export_small"] = measure("export", SMALL_DB)
            figures["dry_run"] = measure("dry-run", BENCH_DB, str(big))
            figures["import"] = measure("import", BENCH_DB, str(big))
            figures["index"] = measure("index", BENCH_DB)
            figures["export"] = measure("export", BENCH_DB)
    finally:
        admin(f"DROP DATABASE IF EXISTS {SMALL_DB}")
    figures["seconds"] = time.perf_counter() - started
    figures["load_average_after"] = machine.load_average()
    lines = report(figures, rows, small_rows)
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"bulk-{timezone.localdate():%Y-%m-%d}.json"
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"| Registry at scale (PostgreSQL, test settings, rows={rows:,}) | figure |")
    print("|---|---|")
    for label, value in lines:
        print(f"| {label} | {value} |")
    print(f"\nFigures written to {out.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        run_child(*sys.argv[2:6])
    else:
        main()
