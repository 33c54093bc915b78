"""Timings of the registry: import, directory search and exports, on a throwaway database.

Uses the test settings (PostgreSQL and Redis as the test suite finds them), creates the
database ``kamakura_bench`` next to the test database, migrates it, loads the taxonomies,
measures, and drops it again. Not a test: it prints a table of figures.

Run: .venv/bin/python benchmarks/registry.py   (or: make bench)
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks.database import throwaway_database  # noqa: E402

BENCH_DB = "kamakura_bench"
RESULTS: list[tuple[str, str]] = []


def timed(label: str, action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    RESULTS.append((label, f"{time.perf_counter() - start:8.2f} s"))
    return result


def xlsx_copy(csv_bytes: bytes) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名簿")
    for number, row in enumerate(csv.reader(io.StringIO(csv_bytes.decode("utf-8")))):
        cells: list[Any] = list(row)
        if number and row[16]:
            cells[16] = datetime.date.fromisoformat(row[16])  # 登録日 as a date cell
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bench_import(label: str, data: bytes, filename: str) -> None:
    from groups.imports import commit_import, plan_import, read_rows
    from groups.models import CitizenGroup

    plan = timed(
        f"import {label}: dry run (read + check 351 rows)",
        lambda: plan_import(read_rows(data, filename)),
    )
    assert plan.is_valid, plan.errors[:3]
    count = timed(f"import {label}: commit 351 groups", lambda: commit_import(plan, None))
    assert count == 351
    CitizenGroup.objects.all().delete()


def bench_directory(client: Client) -> None:
    timings = []
    client.get("/groups/?q=子育て")  # warm up: dictionaries, templates
    for _ in range(20):
        start = time.perf_counter()
        response = client.get("/groups/?q=子育て")
        timings.append(time.perf_counter() - start)
    RESULTS.append(
        (
            f"directory page, keyword 子育て (HTTP {response.status_code}), median of 20",
            f"{statistics.median(timings) * 1000:8.1f} ms",
        )
    )


def download(client: Client, url: str) -> int:
    response: Any = client.get(url)
    return len(b"".join(response.streaming_content))


def staff_xlsx() -> int:
    from groups.exports import STAFF_HEADER, STAFF_WIDTHS, staff_rows
    from kamakura_portal.exports import write_xlsx

    out = io.BytesIO()
    write_xlsx(out, title="団体名簿", header=STAFF_HEADER, rows=staff_rows(), widths=STAFF_WIDTHS)
    return len(out.getvalue())


def add_generated_groups(count: int) -> None:
    """``count`` more groups from ``manage.py seed_scale``'s generator (fields, districts,
    contacts with public and private items, search tokens), loaded with COPY."""
    from django.utils import timezone

    from kamakura_portal.scale.context import Sizes
    from kamakura_portal.scale.run import generate

    generate(Sizes.groups_only(count), seed=1, today=timezone.localdate(), replace=False, say=print)


def main() -> None:
    with throwaway_database(BENCH_DB):
        call_command("migrate", verbosity=0)
        from groups.demo import DEMO_REGISTRY
        from groups.reference import load_taxonomies

        load_taxonomies()
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        data = DEMO_REGISTRY.read_bytes()
        bench_import("CSV UTF-8", data, "registry.csv")
        cp932 = data.decode("utf-8").replace("\n", "\r\n").encode("cp932")
        bench_import("CSV CP932", cp932, "registry.csv")
        bench_import("XLSX", xlsx_copy(data), "registry.xlsx")

        from groups.demo import load_demo_registry

        load_demo_registry()
        client = Client()
        bench_directory(client)
        size = timed(
            "public CSV export, 351 groups", lambda: download(client, "/groups/opendata.csv")
        )
        RESULTS.append(("  size", f"{size / 1024:8.0f} KiB"))
        timed("staff XLSX export, 351 groups", staff_xlsx)
        timed(
            "generate 10,000 more groups (bulk insert, not a figure of the portal)",
            lambda: add_generated_groups(10_000),
        )
        size = timed(
            "public CSV export, 351 + 10,000 generated groups",
            lambda: download(client, "/groups/opendata.csv"),
        )
        RESULTS.append(("  size", f"{size / 1024:8.0f} KiB"))
        timed("staff XLSX export, 351 + 10,000 generated groups", staff_xlsx)
    width = max(len(label) for label, _value in RESULTS)
    print(f"{'Registry benchmark (PostgreSQL, test settings)':<{width}}  {'time':>11}")
    print("-" * (width + 13))
    for label, value in RESULTS:
        print(f"{label:<{width}}  {value:>11}")


if __name__ == "__main__":
    main()
