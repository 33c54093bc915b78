"""Time one page in-process: N requests through Django's test client, DEBUG off.

No server, no network: the figures are the view, its queries and its templates, as one
gunicorn worker would spend them for one request. The script reads the database of
DATABASE_URL (it never writes to it, except what the page itself does), warms up, then
times ``--runs`` requests and prints the median, p95 and max, the SQL queries of one request
(their number, and with ``--sql`` each statement and its time) and, with ``--profile``, the
top functions of cProfile over the timed requests.

Run: DATABASE_URL=… .venv/bin/python benchmarks/page_profile.py "/groups/?q=子育て" \
        [--runs 50] [--warmup 5] [--sql] [--profile 25] [--bare] [--as EMAIL]

``--bare`` also times a view that returns a short response through the same middleware
stack (the floor) and prints the page's ratio to it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.local")
os.environ["DEBUG"] = "false"
os.environ.setdefault("PORTAL_DEMO_MODE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from benchmarks.load.stats import nearest_rank  # noqa: E402

BARE_URL = "/__bench_bare__/"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def timings(client: Client, url: str, runs: int, warmup: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU time (ms) per request: on a busy machine the CPU
    time still shows the Python work (views, templates) without the wait for a core."""
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    elapsed, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        elapsed.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return elapsed, cpu


def summary(elapsed: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(elapsed),
        "p95": nearest_rank(elapsed, 0.95),
        "max": max(elapsed),
    }


def line(label: str, figures: dict[str, float]) -> str:
    return (
        f"{label}: median {figures['median']:.1f} ms, p95 {figures['p95']:.1f} ms, "
        f"max {figures['max']:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--sql", action="store_true", help="print each query and its time")
    parser.add_argument("--profile", type=int, default=0, help="print this many functions")
    parser.add_argument("--bare", action="store_true", help="also time the floor")
    parser.add_argument("--sort", default="cumulative", help="the profile's order (tottime…)")
    parser.add_argument("--as", dest="email", help="signed in as this account (else anonymous)")
    args = parser.parse_args()

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    if args.email:
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(email=args.email))
    database = settings.DATABASES["default"]
    print(f"{args.url} on {database['NAME']} ({database['ENGINE'].rsplit('.', 1)[-1]})")

    client.get(args.url)  # the first request fills the caches
    with CaptureQueriesContext(connection) as captured:
        client.get(args.url)
    print(f"queries per request (caches warm): {len(captured.captured_queries)}")
    if args.sql:
        for query in captured.captured_queries:
            print(f"  {float(query['time']) * 1000:8.1f} ms  {query['sql']}")

    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    elapsed, cpu = timings(client, args.url, args.runs, args.warmup)
    if profiler:
        profiler.disable()
    page = summary(elapsed)
    print(line(f"page ({args.runs} requests)", page))
    print(line("  Python CPU", summary(cpu)))

    if args.bare:
        urls: Any = type("BenchUrls", (), {})
        from kamakura_portal import urls as portal_urls

        urls.urlpatterns = [path(BARE_URL.strip("/") + "/", bare), *portal_urls.urlpatterns]
        with override_settings(ROOT_URLCONF=urls):
            clear_url_caches()
            floor = summary(timings(client, BARE_URL, args.runs, args.warmup)[0])
        print(line("bare view", floor))
        print(
            f"ratio to the floor: median {page['median'] / floor['median']:.1f}×, "
            f"p95 {page['p95'] / floor['p95']:.1f}×"
        )

    if profiler:
        output = io.StringIO()
        pstats.Stats(profiler, stream=output).sort_stats(args.sort).print_stats(args.profile)
        print(output.getvalue())


if __name__ == "__main__":
    main()
