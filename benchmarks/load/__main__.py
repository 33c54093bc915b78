"""Every page under load against the framework's floor (issue 16).

Starts the portal with gunicorn (production settings, PORTAL_BENCH_FLOOR on) on the
PostgreSQL database given (the ``seed_scale`` data set by default) and Redis, then for the
floor and each page runs locust headless from a separate process: a warm-up, then a fixed
time at a fixed number of users. Prints a markdown table and writes it with a JSON file of
the figures and the machine.

Run: .venv/bin/python -m benchmarks.load [--database NAME] [--duration S] [--soak]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .server import BASE_DIR, BIN, collect_static, portal, portal_environment
from .stats import PageResult, markdown_table, summarise, target_lines

if TYPE_CHECKING:  # the pages module needs Django set up first
    from .pages import Page

RESULTS_DIR = BASE_DIR / "benchmarks" / "results"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
SOAK_USERS = 32
SOAK_SECONDS = 60
# Seconds the requests still running at the end may take to finish.
STOP_TIMEOUT = 60


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--database", default="kamakura_scale", help="PostgreSQL database")
    parser.add_argument(
        "--server",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL without the database",
    )
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--users", type=int, default=8, help="concurrent users (connections)")
    parser.add_argument("--duration", type=int, default=20, help="measured seconds per page")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--only", nargs="*", help="pages whose name contains one of these")
    parser.add_argument("--soak", action="store_true", help="also 60 s at 32 users")
    parser.add_argument("--soak-only", action="store_true", help="only the soak")
    parser.add_argument("--json", type=Path, help="where to write the JSON figures")
    return parser.parse_args()


def drive(
    base: str, paths: list[str], cookie: str, users: int, warmup: int, duration: int, log: Path
) -> dict[str, Any]:
    """One locust run; returns the latencies and errors after the warm-up."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as samples:
        output = Path(samples.name)
    environment = {
        **os.environ,
        "BENCH_PATHS": "\n".join(paths),
        "BENCH_COOKIE": cookie,
        "BENCH_WARMUP": str(warmup),
        "BENCH_DURATION": str(duration),
        "BENCH_SAMPLES": str(output),
        "BENCH_USERS": str(users),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("ab") as log_file:
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--host",
                base,
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{warmup + duration}s",
                "--stop-timeout",
                str(STOP_TIMEOUT),
                "--only-summary",
                "--exit-code-on-error",
                "0",
            ],
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            check=True,
        )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        run = dict(json.loads(output.read_text()))
    finally:
        output.unlink()
    # The load tool shares the machine with the server: how much of a core it took.
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    run["client_cpu_share"] = round(cpu / (warmup + duration), 2)
    return run


def measure(base: str, page: Page, args: argparse.Namespace, log: Path) -> PageResult:
    more = f" and {len(page.rotation)} more in turn" if page.rotation else ""
    print(f"  {page.name}: {page.path}{more}", flush=True)
    run = drive(base, page.paths, page.cookie, args.users, args.warmup, args.duration, log)
    if run["error_kinds"]:
        print(f"    errors: {run['error_kinds']}", flush=True)
    result = summarise(
        page.name,
        page.path,
        run["latencies_ms"],
        run["in_window"],
        run["errors"],
        args.duration,
        page.queries,
    )
    result.client_cpu_share = run["client_cpu_share"]
    result.load_average = os.getloadavg()[0]
    return result


def soak(base: str, args: argparse.Namespace, log: Path) -> dict[str, Any]:
    """No errors at 32 connections for a minute, on the home page and the directory."""
    paths = ["/", "/groups/"]
    print(f"  soak: {SOAK_USERS} users for {SOAK_SECONDS} s on {paths}", flush=True)
    run = drive(base, paths, "", SOAK_USERS, args.warmup, SOAK_SECONDS, log)
    result = summarise(
        f"soak: home + directory, {SOAK_USERS} users",
        " and ".join(paths),
        run["latencies_ms"],
        run["in_window"],
        run["errors"],
        SOAK_SECONDS,
        None,
    )
    result.client_cpu_share = run["client_cpu_share"]
    result.load_average = os.getloadavg()[0]
    return {**result.as_dict(), "error_kinds": run["error_kinds"]}


def summary(report: dict[str, Any], floor: PageResult | None, results: list[PageResult]) -> str:
    lines = [f"Load benchmark, {report['date']}, database {report['database']}", ""]
    if floor is not None:
        lines.append(markdown_table(results, floor))
        lines += [
            "",
            "Targets (issue 16):",
            *(f"- {line}" for line in target_lines(results, floor)),
        ]
    if "soak" in report:
        soaked = report["soak"]
        lines += [
            "",
            f"Soak: {soaked['requests']} requests in {soaked['seconds']:.0f} s at {SOAK_USERS} "
            f"users on home and directory, {soaked['errors']} errors, p50 {soaked['p50']:.1f} ms, "
            f"p95 {soaked['p95']:.1f} ms, {soaked['per_second']} req/s.",
        ]
    described = report["machine"]
    measured = [result for result in [floor, *results] if result is not None]
    shares = [result.client_cpu_share or 0.0 for result in measured]
    loads = [result.load_average or 0.0 for result in measured]
    lines += [
        "",
        f"{described['cores']} cores ({described['cpu']}), {described['memory_gib']} GiB, "
        f"Python {described['python']}, PostgreSQL {described['postgresql']}; "
        f"{report['users']} users, {report['warmup_s']} s warm-up + {report['duration_s']} s "
        f"per page, gunicorn {report['gunicorn_workers']} sync workers, {report['settings']}. "
        f"Latency as the load tool sees it (queueing for a worker included). "
        f"Load average (1 min) before {report['load_average_before'][0]}"
        + (f", {min(loads):.2f}–{max(loads):.2f} during the pages" if loads else "")
        + f", after {report['load_average_after'][0]}"
        + (f"; the load tool itself used up to {max(shares):.0%} of a core." if shares else "."),
    ]
    return "\n".join(lines)


def main() -> None:
    args = arguments()
    environment = portal_environment(f"{args.server}/{args.database}", args.redis)
    os.environ.update(environment)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from . import machine, pages

    print(f"Collecting static files (production storage) for {args.database} …", flush=True)
    collect_static(environment)
    floor = pages.floor()
    chosen = [] if args.soak_only else pages.scale_pages()
    if args.only:
        chosen = [page for page in chosen if any(word in page.name for word in args.only)]
    for page in [floor, *chosen]:
        pages.prepare(page)
        if page.status != 200:
            print(f"  warning: {page.name} ({page.path}) answered {page.status} in-process")
    now = datetime.datetime.now().astimezone()
    json_path = args.json or RESULTS_DIR / f"load-{now.date().isoformat()}.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.gettempdir()) / f"bench-load-{os.getpid()}.log"
    print(f"gunicorn and locust write to {log}", flush=True)
    report: dict[str, Any] = {
        "date": now.isoformat(timespec="seconds"),
        "database": args.database,
        "settings": "production settings less the HTTPS redirect and the staff's second factor",
        "machine": machine.describe(),
        "load_average_before": machine.load_average(),
        "users": args.users,
        "warmup_s": args.warmup,
        "duration_s": args.duration,
        "gunicorn_workers": args.workers,
    }
    measured_floor: PageResult | None = None
    results: list[PageResult] = []
    with portal(environment, args.workers, log) as base:
        if not args.soak_only:
            measured_floor = measure(base, floor, args, log)
            results = [measure(base, page, args, log) for page in chosen]
        if args.soak or args.soak_only:
            report["soak"] = soak(base, args, log)
    report["load_average_after"] = machine.load_average()
    if measured_floor is not None:
        report["floor"] = measured_floor.as_dict()
        report["pages"] = [result.as_dict() for result in results]
        report["targets"] = target_lines(results, measured_floor)
    text = summary(report, measured_floor, results)
    print(text)
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    json_path.with_suffix(".md").write_text(text + "\n")
    print(f"Wrote {json_path} and {json_path.with_suffix('.md')}")


if __name__ == "__main__":
    main()
