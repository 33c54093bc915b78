"""The load tool's user (locust): requests the pages named in ``BENCH_PATHS`` (one per
line, taken in turn, each of the ``BENCH_USERS`` users its own share) with the session
cookie in ``BENCH_COOKIE``, and writes the latency of every request made after the warm-up
to the JSON file ``BENCH_SAMPLES`` when it quits, with the number that ended within
``BENCH_DURATION`` seconds after the warm-up (the throughput; the requests still running
then are let finish, so a slow page has samples).

Started by ``python -m benchmarks.load`` as a separate process; not imported by Django.
A page answers with 200 or counts as an error (a redirect to the sign-in page is one).
"""

from __future__ import annotations

import itertools
import json
import os
import time
from typing import Any

from locust import FastHttpUser, constant, events, task

PATHS = os.environ["BENCH_PATHS"].splitlines()
COOKIE = os.environ.get("BENCH_COOKIE", "")
WARMUP = float(os.environ.get("BENCH_WARMUP", "0"))
DURATION = float(os.environ["BENCH_DURATION"])
OUTPUT = os.environ["BENCH_SAMPLES"]
USERS = int(os.environ.get("BENCH_USERS", "1"))
started_users = 0

started = time.monotonic()
measured: dict[str, Any] = {"latencies_ms": [], "in_window": 0, "errors": 0, "error_kinds": {}}


@events.request.add_listener
def record(response_time: float, exception: BaseException | None, **kwargs: Any) -> None:
    elapsed = time.monotonic() - started
    if elapsed < WARMUP:
        return
    measured["latencies_ms"].append(response_time)
    if elapsed <= WARMUP + DURATION:
        measured["in_window"] += 1
    if exception is not None:
        measured["errors"] += 1
        kind = str(exception)[:120]
        measured["error_kinds"][kind] = measured["error_kinds"].get(kind, 0) + 1


@events.quitting.add_listener
def write(**kwargs: Any) -> None:
    with open(OUTPUT, "w", encoding="utf-8") as file:
        json.dump(measured, file)


class PageUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        # Each user starts at its own place in the list and steps by the number of users:
        # with several addresses, no two users ask for the same one.
        global started_users
        first, started_users = started_users, started_users + 1
        self.paths = itertools.islice(itertools.cycle(PATHS), first, None, USERS)
        self.headers = {"Cookie": COOKIE} if COOKIE else {}

    @task
    def page(self) -> None:
        path = next(self.paths)
        with self.client.get(
            path, headers=self.headers, allow_redirects=False, catch_response=True, name=path
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
