"""The demo registry: 351 fictitious groups with the figures of seed 001 (demo mode only).

``groups/data/demo_registry.csv`` is written by ``scripts/make_demo_registry.py`` and loaded
through the same import as a real registry, so the demo also shows that the import works.
"""

from __future__ import annotations

from pathlib import Path

from kamakura_portal.japanese import matching_key

from .imports import commit_import, plan_import, read_rows
from .models import CitizenGroup

DEMO_REGISTRY = Path(__file__).parent / "data" / "demo_registry.csv"


def load_demo_registry() -> int:
    """Import the demo registry unless its groups are already there (idempotent).

    Returns the number of groups created: 351 the first time, 0 afterwards.
    """
    table = read_rows(DEMO_REGISTRY.read_bytes(), DEMO_REGISTRY.name)
    names = {matching_key(str(cells[0])) for _number, cells in table.rows}
    existing = CitizenGroup.objects.values_list("name", flat=True).iterator()
    if any(matching_key(name) in names for name in existing):
        return 0
    return commit_import(plan_import(table), actor=None)
