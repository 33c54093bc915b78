"""Reference data of the registry: taxonomies shipped in ``groups/data/taxonomies.json``.

Loading is idempotent and keyed on the code: it adds the terms that are missing and never
overwrites a term staff have renamed, reordered or retired since.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import ActivityField, Challenge, District, OrganizationType

DATA = Path(__file__).parent / "data" / "taxonomies.json"


def _load(model: Any, rows: list[list[str]], **extra: Any) -> int:
    for order, (code, name) in enumerate(rows, start=1):
        model.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order, **extra}
        )
    return len(rows)


@transaction.atomic
def load_taxonomies() -> int:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    count = 0
    for taxonomy, rows in data["activity_fields"].items():
        count += _load(ActivityField, rows, taxonomy=taxonomy)
    count += _load(OrganizationType, data["organization_types"])
    count += _load(District, data["districts"])
    count += _load(Challenge, data["challenges"])
    return count
