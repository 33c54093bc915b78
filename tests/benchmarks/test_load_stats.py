"""The load benchmark's figures: percentiles, ratios to the floor, the table and the targets."""

import math

import pytest

from benchmarks.load.stats import markdown_table, percentile, ratio, summarise, target_lines


def test_percentile_interpolates_between_the_closest_ranks() -> None:
    samples = [40.0, 10.0, 30.0, 20.0]
    assert percentile(samples, 0.5) == 25.0
    assert percentile(samples, 0.0) == 10.0
    assert percentile(samples, 1.0) == 40.0
    assert percentile(range(1, 101), 0.95) == pytest.approx(95.05)


def test_percentile_of_one_sample_is_that_sample() -> None:
    assert percentile([7.5], 0.99) == 7.5


def test_percentile_refuses_no_samples_or_a_fraction_out_of_range() -> None:
    with pytest.raises(ValueError):
        percentile([], 0.5)
    with pytest.raises(ValueError):
        percentile([1.0], 1.5)


def test_summary_takes_throughput_from_the_requests_completed_in_the_window() -> None:
    result = summarise("directory", "/groups/", [float(n) for n in range(1, 101)], 80, 2, 20, 7)
    assert result.requests == 80
    assert result.per_second == 4.0
    assert result.p50 == pytest.approx(50.5)
    assert result.p99 == pytest.approx(99.01)
    assert result.as_dict()["per_second"] == 4.0


def test_summary_of_a_page_that_never_answered_has_no_latencies() -> None:
    result = summarise("report list", "/reports/staff/", [], 0, 0, 20, 11)
    assert math.isnan(result.p95)
    assert result.per_second == 0.0


def test_ratio_to_the_floor_is_undefined_without_a_floor() -> None:
    assert ratio(30.0, 10.0) == 3.0
    assert math.isnan(ratio(30.0, 0.0))
    assert math.isnan(ratio(float("nan"), 10.0))


def test_the_table_puts_the_floor_first_and_gives_each_page_its_ratios() -> None:
    floor = summarise("floor", "/bench/floor", [5.0, 5.0, 10.0], 3, 0, 1, 0)
    page = summarise("needs board", "/collaboration/needs/", [15.0, 15.0, 40.0], 3, 1, 1, None)
    table = markdown_table([page], floor).splitlines()
    assert table[0].startswith("| page | p50 ms | p95 ms |")
    assert table[2].startswith("| floor | 5.0 | 9.5 |")
    assert table[3] == ("| needs board | 15.0 | 37.5 | 39.5 | 3.0 | 1 | – | 3.0× | 3.9× |")


def test_targets_say_by_how_much_a_page_misses() -> None:
    floor = summarise("floor", "/bench/floor", [10.0], 1, 0, 1, 0)
    fast = summarise("directory", "/groups/", [20.0], 1, 0, 1, 6)
    slow = summarise("needs board", "/collaboration/needs/", [80.0], 1, 0, 1, 12)
    matching = summarise("matching one need", "/coordination/needs/1/", [250.0], 1, 0, 1, 9)
    other = summarise("inbox", "/inbox/", [900.0], 1, 3, 1, 4)
    lines = target_lines([fast, slow, matching, other], floor)
    assert lines == [
        "directory: p95 20.0 ms ≤ 50 ms met; ≤ 3× floor met",
        "needs board: p95 80.0 ms ≤ 50 ms missed by 30.0 ms; ≤ 3× floor missed (8.0×)",
        "needs board: 12 queries > 10 (missed by 2)",
        "matching one need: p95 250.0 ms ≤ 300 ms met",
        "inbox: 3 errors",
        "at most 10 queries: met on 3 of 4 pages",
    ]
