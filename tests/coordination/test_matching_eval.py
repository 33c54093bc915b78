"""On the labelled set, the engine puts right groups in its top five more often than either
baseline: the activity-field overlap alone, and the shared words without synonyms (issue 14,
item 8). ``benchmarks/matching_eval.py`` prints the same figures."""

from __future__ import annotations

import datetime
import json

import pytest

from groups.reference import load_taxonomies

from .matching_eval import DATA, evaluate, load, table, without_shared_words

TODAY = datetime.date(2026, 6, 1)


@pytest.mark.django_db
def test_the_engine_beats_both_baselines() -> None:
    load_taxonomies()
    labels, groups = load(TODAY)
    figures = evaluate(labels, groups, TODAY)
    print(table(figures))
    engine = figures["engine"]
    for baseline in ("fields only", "shared words only"):
        assert engine.precision_at_5 > figures[baseline].precision_at_5
        assert engine.ndcg_at_10 > figures[baseline].ndcg_at_10
        assert engine.first_right_rank < figures[baseline].first_right_rank


def test_the_set_is_large_and_many_needs_share_no_word_with_their_groups() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(data["needs"]) >= 30 and len(data["groups"]) >= 60
    assert all(need["right"] for need in data["needs"])
    assert without_shared_words() >= 10
