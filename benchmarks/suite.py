"""The test suite's wall time, as CI runs it: both passes of ``make pytest``.

Runs ``make pytest`` (the whole suite on the parallel workers, then the permission tests
again with two-factor authentication required), times each pass and the whole, and prints
the figures with the machine's description; ``--json FILE`` also writes them. Not a test.

Run: .venv/bin/python benchmarks/suite.py [--json FILE]   (or: make bench)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from benchmarks.load.machine import describe  # noqa: E402

# The machine's description asks PostgreSQL its version: on the server's own database, as
# the suite's databases exist only while it runs.
settings.DATABASES["default"]["NAME"] = "postgres"

# pytest's last line: "==== 5,113 passed, 2 skipped in 550.12s (0:09:10) ===="
SUMMARY = re.compile(r"=+ (?P<counts>.+?) in (?P<seconds>[\d.]+)s")


def passes(output: str) -> list[dict[str, object]]:
    """Each pytest pass's counts and its own time, from its summary line."""
    return [
        {"counts": found["counts"], "seconds": float(found["seconds"])}
        for found in SUMMARY.finditer(output)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    start = time.perf_counter()
    done = subprocess.run(
        ["make", "--no-print-directory", "pytest"],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    found = passes(done.stdout)
    figures = {
        "wall_seconds": round(wall, 1),
        "exit_status": done.returncode,
        "passes": found,
        "machine": describe(),
    }
    print("| pass | tests | pytest's time |")
    print("|---|---|---|")
    for name, part in zip(("main", "two-factor authentication required"), found, strict=False):
        print(f"| {name} | {part['counts']} | {part['seconds']:.0f} s |")
    print(f"| **whole `make pytest`** | exit status {done.returncode} | **{wall:.0f} s** |")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
    if done.returncode:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        sys.exit(done.returncode)


if __name__ == "__main__":
    main()
