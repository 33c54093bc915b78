"""Reference data of the collaboration app: the programmes in ``data/programs.json``.

Loading is idempotent and keyed on the code: it adds the programmes that are missing and
never overwrites one the secretariat has edited since (amounts, windows, eligibility).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .models import Program

DATA = Path(__file__).parent / "data" / "programs.json"


@transaction.atomic
def load_programs() -> int:
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    for order, row in enumerate(rows, start=1):
        fields = dict(row)
        code = fields.pop("code")
        parent_code = fields.pop("parent", None)
        if parent_code is not None:
            fields["parent"] = Program.objects.get(code=parent_code)
        Program.objects.get_or_create(code=code, defaults={"sort_order": order * 10, **fields})
    return len(rows)
