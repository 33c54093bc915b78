"""Figures from the load tool's raw samples: percentiles, throughput, ratios to the floor,
and the markdown table. Pure functions, so they are tested without a server."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (0–1) by linear interpolation between the closest ranks
    (NumPy's default), so p50 of an even count is the mean of the middle two."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def nearest_rank(samples: Sequence[float], fraction: float) -> float:
    """The sample nearest the ``fraction`` quantile's rank (no interpolation): what the
    in-process benchmarks print, each figure one request actually measured."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass
class PageResult:
    name: str
    path: str
    requests: int
    errors: int
    seconds: float
    p50: float
    p95: float
    p99: float
    queries: int | None
    load_average: float | None = None  # the machine's, over the last minute, after
    client_cpu_share: float | None = None  # of one core, taken by the load tool

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        figures = {
            key: round(value, 2) if isinstance(value, float) else value
            for key, value in asdict(self).items()
        }
        return {**figures, "per_second": round(self.per_second, 1)}


def summarise(
    name: str,
    path: str,
    latencies_ms: Sequence[float],
    completed: int,
    errors: int,
    seconds: float,
    queries: int | None,
) -> PageResult:
    """One page's figures: percentiles of the latencies of the requests made after the
    warm-up (errors included: a failed request still took its time), throughput from the
    ``completed`` within the measured ``seconds``."""
    if not latencies_ms:
        nothing = float("nan")
        return PageResult(
            name, path, completed, errors, seconds, nothing, nothing, nothing, queries
        )
    return PageResult(
        name,
        path,
        completed,
        errors,
        seconds,
        percentile(latencies_ms, 0.50),
        percentile(latencies_ms, 0.95),
        percentile(latencies_ms, 0.99),
        queries,
    )


def ratio(value: float, floor: float) -> float:
    """How many times the floor a figure is (NaN when the floor has no figure)."""
    if not floor or math.isnan(floor) or math.isnan(value):
        return float("nan")
    return value / floor


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.1f}"


def _times(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.1f}×"


def markdown_table(results: Sequence[PageResult], floor: PageResult) -> str:
    """The pages, the floor first, with latencies in ms and their ratios to the floor's."""
    lines = [
        "| page | p50 ms | p95 ms | p99 ms | req/s | errors | queries | p50 ratio | p95 ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in [floor, *results]:
        queries = "–" if result.queries is None else str(result.queries)
        lines.append(
            f"| {result.name} | {_ms(result.p50)} | {_ms(result.p95)} | {_ms(result.p99)} "
            f"| {result.per_second:.1f} | {result.errors} | {queries} "
            f"| {_times(ratio(result.p50, floor.p50))} | {_times(ratio(result.p95, floor.p95))} |"
        )
    return "\n".join(lines)


# Issue 16's targets: pages (by the start of their name) whose p95 must stay within a time
# and a multiple of the floor's, and the most queries any page may make.
LATENCY_TARGETS: dict[str, tuple[float, float | None]] = {
    "directory": (50.0, 3.0),
    "needs board": (50.0, 3.0),
    "matching": (300.0, None),
}
MAX_QUERIES = 10


def _target_of(name: str) -> tuple[float, float | None] | None:
    for prefix, target in LATENCY_TARGETS.items():
        if name.startswith(prefix):
            return target
    return None


def target_lines(results: Sequence[PageResult], floor: PageResult) -> list[str]:
    """One line per target and page: met or missed, and by how much."""
    lines = []
    for result in results:
        target = _target_of(result.name)
        if target is not None:
            limit, times = target
            verdict = "met" if result.p95 <= limit else f"missed by {result.p95 - limit:.1f} ms"
            line = f"{result.name}: p95 {_ms(result.p95)} ms ≤ {limit:.0f} ms {verdict}"
            if times is not None:
                multiple = ratio(result.p95, floor.p95)
                verdict = "met" if multiple <= times else f"missed ({_times(multiple)})"
                line += f"; ≤ {times:.0f}× floor {verdict}"
            lines.append(line)
        if result.queries is not None and result.queries > MAX_QUERIES:
            lines.append(
                f"{result.name}: {result.queries} queries > {MAX_QUERIES} "
                f"(missed by {result.queries - MAX_QUERIES})"
            )
        if result.errors:
            lines.append(f"{result.name}: {result.errors} errors")
    counted = [result for result in results if result.queries is not None]
    within = sum(
        1 for result in counted if result.queries is not None and result.queries <= MAX_QUERIES
    )
    lines.append(f"at most {MAX_QUERIES} queries: met on {within} of {len(counted)} pages")
    return lines
