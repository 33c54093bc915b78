"""The surveys of 2019 and 2025 as the seeds describe them (``data/reference_surveys.json``).

Loading is idempotent and keyed on the title and fiscal year: a survey already there is left
as staff keep it (wording fixes, publication). The surveys are loaded closed: they happened on
paper; their answers are not public data (demo mode adds fictitious ones).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import Option, Question, Survey

DATA = Path(__file__).parent / "data" / "reference_surveys.json"


def reference_data() -> list[dict[str, Any]]:
    surveys: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))["surveys"]
    return surveys


@transaction.atomic
def load_reference_surveys() -> int:
    """Create the seeded surveys that are missing; returns how many were created."""
    created = 0
    for spec in reference_data():
        survey, is_new = Survey.objects.get_or_create(
            title=spec["title"],
            fiscal_year=spec["fiscal_year"],
            defaults={
                "audience": spec["audience"],
                "opens_on": datetime.date.fromisoformat(spec["opens_on"]),
                "closes_on": datetime.date.fromisoformat(spec["closes_on"]),
                "anonymous": spec["anonymous"],
                "intro": spec["intro"],
                "status": Survey.Status.CLOSED,
            },
        )
        if not is_new:
            continue
        created += 1
        for order, item in enumerate(spec["questions"], start=1):
            question = Question.objects.create(
                survey=survey,
                key=item["key"],
                order=order,
                kind=item["kind"],
                text=item["text"],
                required=item["required"],
                has_other=item["has_other"],
            )
            options = [
                Option(question=question, code=code, label=label, order=n)
                for n, (code, label) in enumerate(item["options"], start=1)
            ]
            if item["has_other"]:
                options.append(
                    Option(
                        question=question,
                        code=Option.OTHER_CODE,
                        label=Option.OTHER_LABEL,
                        order=len(options) + 1,
                    )
                )
            Option.objects.bulk_create(options)
    return created


def reference_survey(slug: str) -> Survey | None:
    """The loaded survey of a seed entry (``katsudo-2019``, ``shishin-2025-groups``…)."""
    spec = next((s for s in reference_data() if s["slug"] == slug), None)
    if spec is None:
        return None
    return Survey.objects.filter(title=spec["title"], fiscal_year=spec["fiscal_year"]).first()
