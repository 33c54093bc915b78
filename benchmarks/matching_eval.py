"""The matching engine's quality on the labelled set, beside two baselines, on a throwaway
database.

Uses the test settings (PostgreSQL as the test suite finds it), creates the database
``kamakura_matching_eval``, migrates it (which seeds the civic synonyms), loads the
taxonomies and the labelled set of ``tests/coordination/data/matching_eval.json``, ranks every
need three ways — the engine, the activity-field overlap alone, the shared words without
synonyms — prints precision@5, nDCG@10 and the mean rank of the first right group, and drops
the database. ``tests/coordination/test_matching_eval.py`` runs the same evaluation.

Run: .venv/bin/python benchmarks/matching_eval.py
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from benchmarks.database import throwaway_database  # noqa: E402

EVAL_DB = "kamakura_matching_eval"
TODAY = datetime.date(2026, 6, 1)


def main() -> None:
    with throwaway_database(EVAL_DB):
        call_command("migrate", verbosity=0)
        from groups.reference import load_taxonomies
        from tests.coordination.matching_eval import evaluate, load, table, without_shared_words

        load_taxonomies()
        labels, groups = load(TODAY)
        started = time.perf_counter()
        figures = evaluate(labels, groups, TODAY)
        print(f"Labelled set: {len(labels)} needs, {len(groups)} groups; ", end="")
        print(f"{without_shared_words()} needs share no word with any of their right groups.")
        print(table(figures))
        print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
