"""How long each printed report takes to make, and how much memory, at Kamakura's scale and at
a large one — with Chromium's headless print of the same HTML as the yardstick.

Kamakura scale is the demo data (351 groups, the 2026 guideline's 23 measures, the demo
surveys and projects) in a throwaway database, ``kamakura_reports_bench``, made and filled by
the script (``setup_portal --demo``). The large scale is the database ``seed_scale`` fills
(1,000 measures, 100,000 groups, 10,000 proposals…): ``--large-db NAME`` (default
``kamakura_scale``); the script migrates and fills it first when it holds no group.

Each report is made in a process of its own (``--child``), twice: the first run pays for
importing WeasyPrint and loading the fonts (a cold worker), the second is what a warm
worker takes. The child prints the time of each step (the queries and template, then
WeasyPrint's layout and PDF) and its peak resident memory; the parent then prints the same
HTML to PDF with Chromium (Playwright, the system Chromium) twice and keeps the second time.
Not a test: it prints a markdown table (and ``--json FILE`` writes the figures).

Run: .venv/bin/python benchmarks/reports.py [--scale kamakura|large|both] [--kinds status,...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.test")

KAMAKURA_DB = "kamakura_reports_bench"
LARGE_DB = "kamakura_scale"
CHROMIUM = "/usr/bin/chromium"
KINDS = ("status", "guideline", "roster", "survey", "project")


def _database_url(name: str) -> str:
    """The URL of database ``name`` on the server of benchmarks.database.server()."""
    from benchmarks.database import server

    found = server()
    password = f":{found['password']}" if found["password"] else ""
    host, port = found["host"] or "127.0.0.1", found["port"] or 5432
    return f"postgres://{found['user'] or 'postgres'}{password}@{host}:{port}/{name}"


def _environment(database: str) -> dict[str, str]:
    """The settings of the portal run locally with demo data on ``database``, debug off (as a
    worker runs: no query log growing in memory)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kamakura_portal.settings.local",
        "DEBUG": "false",
        "PORTAL_DEMO_MODE": "true",
        "DATABASE_URL": _database_url(database),
    }


def _manage(database: str, *args: str) -> None:
    environment = _environment(database)
    command = [sys.executable, str(BASE_DIR / "manage.py"), *args]
    subprocess.run(command, check=True, env=environment)  # noqa: S603 (this script's own)


def prepare(scale: str, large_db: str, rebuild: bool) -> str:
    """The database of ``scale``, made and filled when needed; its name."""
    import psycopg

    from benchmarks.database import admin, server

    name = KAMAKURA_DB if scale == "kamakura" else large_db
    with psycopg.connect(autocommit=True, **server()) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    if exists and (rebuild or scale == "kamakura"):
        admin(f"DROP DATABASE {name}")  # the demo data is quick to load: always fresh
        exists = None
    if not exists:
        admin(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    started = time.perf_counter()
    _manage(name, "migrate", "--no-input", "-v", "0")
    with psycopg.connect(**{**server(), "dbname": name}) as connection:
        groups = connection.execute("SELECT count(*) FROM groups_citizengroup").fetchone()
    if not groups or not groups[0]:
        if scale == "kamakura":
            _manage(name, "setup_portal", "--demo")
        else:
            _manage(name, "setup_portal")
            _manage(name, "seed_scale")
        print(f"# {name} filled in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return name


# ---- the child: one kind, made twice ---------------------------------------------------


def _parameters(kind: Any, scale: str) -> dict[str, Any] | None:
    """The parameters of the report measured for ``kind``, or None when the data has none."""
    from django.db.models import Count

    from collaboration.models import Proposal
    from kamakura_portal.dates import fiscal_year
    from reports.forms import request_form
    from reports.kinds.guideline import booklet_plans
    from surveys.models import Survey

    data: dict[str, Any] = {}
    if kind.code == "status":
        data["fiscal_year"] = fiscal_year(_today())
    elif kind.code == "guideline":
        # The booklet the form offers first (the municipality's newest edition); at the large
        # scale, the edition with the most measures.
        plans = booklet_plans()
        if scale == "large":
            plans = plans.order_by("-measure_count")
        plan = plans.first()
        if plan is None:
            return None
        data["plan"] = plan.code
    elif kind.code == "survey":
        survey = (
            Survey.objects.exclude(status=Survey.Status.DRAFT)
            .annotate(n=Count("responses"))
            .order_by("-n")
            .first()
        )
        if survey is None:
            return None
        data["survey"] = survey.pk
    elif kind.code == "project":
        project = Proposal.objects.filter(implemented=True).order_by("-pk").first()
        if project is None:
            return None
        data["proposal"] = project.pk
    form = request_form(kind, {f"{kind.code}-{name}": value for name, value in data.items()})
    if not form.is_valid():
        raise SystemExit(f"{kind.code}: {form.errors.as_text()}")
    return kind.parameters(form.cleaned_data)


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def child(kind_code: str, scale: str, html_path: str) -> None:
    import django

    django.setup()
    import io

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from reports.generation import render_html, write_pdf
    from reports.kinds import kind_of

    kind = kind_of(kind_code)
    params = _parameters(kind, scale)
    if params is None:
        print(json.dumps({"kind": kind_code, "skipped": "no data for this kind"}))
        return
    runs = []
    for _run in range(2):
        reset_queries()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            html = render_html(kind, params)
        rendered = time.perf_counter()
        pdf = io.BytesIO()
        write_pdf(html, pdf)
        runs.append(
            {
                "html_s": rendered - started,
                "pdf_s": time.perf_counter() - rendered,
                "total_s": time.perf_counter() - started,
                "queries": len(queries),
                "bytes": pdf.tell(),
            }
        )
    Path(html_path).write_text(html, encoding="utf-8")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf.getvalue())).pages)
    print(
        json.dumps(
            {
                "kind": kind_code,
                "params": params,
                "cold": runs[0],
                "warm": runs[1],
                "pages": pages,
                "peak_mb": peak_mb,
            }
        )
    )


# ---- the parent: every kind, then Chromium on the same HTML -----------------------------


def chromium_print(html_path: Path) -> float | None:
    """Seconds Chromium takes to print the HTML to an A4 PDF (the second of two runs)."""
    from playwright.sync_api import sync_playwright

    html = html_path.read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        timings = []
        for _run in range(2):
            started = time.perf_counter()
            page.set_content(html, wait_until="load")
            page.pdf(format="A4", prefer_css_page_size=True)
            timings.append(time.perf_counter() - started)
        browser.close()
    return timings[-1]


def measure(scale: str, database: str, kinds: list[str], timeout: int) -> list[dict[str, Any]]:
    results = []
    for code in kinds:
        with tempfile.TemporaryDirectory() as folder:
            html_path = Path(folder) / f"{code}.html"
            environment = _environment(database)
            command = [sys.executable, __file__, "--child", code, "--scale", scale]
            try:
                done = subprocess.run(  # noqa: S603 (this script, a kind code it knows)
                    [*command, "--html", str(html_path)],
                    env=environment,
                    capture_output=True,
                    text=True,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                results.append({"kind": code, "scale": scale, "skipped": f"over {timeout} s"})
                continue
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                results.append({"kind": code, "scale": scale, "skipped": "failed"})
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result["scale"] = scale
            if "skipped" not in result:
                result["chromium_s"] = chromium_print(html_path)
            results.append(result)
            print(f"# {scale} {code}: {json.dumps(result)}", file=sys.stderr)
    return results


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| scale | report | pages | cold (s) | warm (s) | of which HTML (s) | "
        "WeasyPrint (s) | Chromium (s) | peak memory (MB) | queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        if "skipped" in result:
            lines.append(f"| {result['scale']} | {result['kind']} | {result['skipped']} |")
            continue
        warm = result["warm"]
        lines.append(
            f"| {result['scale']} | {result['kind']} | {result['pages']} "
            f"| {result['cold']['total_s']:.2f} | {warm['total_s']:.2f} "
            f"| {warm['html_s']:.2f} | {warm['pdf_s']:.2f} | {result['chromium_s']:.2f} "
            f"| {result['peak_mb']:.0f} | {warm['queries']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["kamakura", "large", "both"], default="both")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--large-db", default=LARGE_DB)
    parser.add_argument("--rebuild", action="store_true", help="Fill the large database again.")
    parser.add_argument("--timeout", type=int, default=1800, help="Seconds per report at most.")
    parser.add_argument("--json", help="Also write the figures to this file.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--html", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child, options.scale, options.html)
        return

    import django

    django.setup()
    from reports.kinds import all_kinds

    known = {kind.code for kind in all_kinds()}
    kinds = [code for code in options.kinds.split(",") if code in known]
    scales = ["kamakura", "large"] if options.scale == "both" else [options.scale]
    results: list[dict[str, Any]] = []
    for scale in scales:
        database = prepare(scale, options.large_db, options.rebuild)
        results += measure(scale, database, kinds, options.timeout)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(table(results))
    if options.json:
        machine = {"machine": platform.machine(), "cores": os.cpu_count()}
        Path(options.json).write_text(
            json.dumps({"machine": machine, "results": results}, ensure_ascii=False, indent=1)
        )


if __name__ == "__main__":
    main()
