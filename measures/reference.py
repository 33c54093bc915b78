"""Plans shipped with the project: one file per plan in ``measures/data/``, from the seeds.

Loading is idempotent and keyed on codes (a measure without a code, as a project without
事業CD, on its title): it adds what is missing and never overwrites what staff have edited
since. An edition that names ``carry_over_from`` starts with the measures of that edition,
linked to them as predecessors, but only while it has no measures of its own, so that a
measure the secretariat removed from the new edition does not come back.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from accounts.models import Department

from .editions import copy_measures
from .models import Category, Measure, Plan, PlannedStep, PlanSection, Tier

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"

# An edition that carries measures over comes after the edition it carries them from.
PLAN_FILES = (
    "kamakura-guideline-2020.json",
    "kamakura-guideline-2026.json",
    "kamagaya-action-plan-22.json",
    "kamakura-implementation-plan.json",
    "collaboration-guideline-five-policies.json",
)

PLAN_FIELDS = (
    "municipality",
    "title",
    "edition",
    "edition_year",
    "start_fiscal_year",
    "end_fiscal_year",
    "source_note",
    "issuer",
)


@transaction.atomic
def load_plans(data_dir: Path = DATA_DIR) -> int:
    """Load every shipped plan; returns the number of rows the files describe."""
    return sum(
        load_plan(json.loads((data_dir / name).read_text(encoding="utf-8"))) for name in PLAN_FILES
    )


def load_plan(data: dict[str, Any]) -> int:
    previous = None
    if data.get("carry_over_from"):
        previous = Plan.objects.get(code=data["carry_over_from"])
    plan, _ = Plan.objects.get_or_create(
        code=data["code"],
        defaults={
            **{field: data.get(field) or _blank(field) for field in PLAN_FIELDS},
            "previous_edition": previous,
        },
    )
    count = 1 + _load_sections(plan, data.get("sections", []))
    tiers = _load_tiers(plan, data.get("tiers", []))
    categories = _load_categories(plan, data.get("categories", []), parent=None)
    count += len(tiers) + len(categories)
    count += _load_measures(plan, data.get("measures", []), tiers, categories)
    # Only while the edition has none of its own: a measure removed from it stays removed.
    if previous is not None and not plan.measures.exists():
        count += copy_measures(previous, plan)
    return count


def _blank(field: str) -> Any:
    return None if field.endswith("year") else ""


def _load_sections(plan: Plan, rows: list[dict[str, Any]]) -> int:
    for order, row in enumerate(rows, start=1):
        # A section the plan does not number (おわりに) is known by its title.
        key = {"number": row["number"]} if row["number"] else {"number": "", "title": row["title"]}
        PlanSection.objects.get_or_create(
            plan=plan,
            **key,
            defaults={"title": row["title"], "body": row["body"], "sort_order": order},
        )
    return len(rows)


def _load_tiers(plan: Plan, rows: list[dict[str, Any]]) -> dict[str, Tier]:
    tiers = {}
    for order, row in enumerate(rows, start=1):
        tiers[row["code"]], _ = Tier.objects.get_or_create(
            plan=plan,
            code=row["code"],
            defaults={
                "label": row["label"],
                "description": row["description"],
                "sort_order": order,
            },
        )
    return tiers


def _load_categories(
    plan: Plan, rows: list[dict[str, Any]], parent: Category | None
) -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for order, row in enumerate(rows, start=1):
        category, _ = Category.objects.get_or_create(
            plan=plan,
            code=row["code"],
            defaults={
                "parent": parent,
                "label": row["label"],
                "title": row["title"],
                "description": row.get("description", ""),
                "sort_order": order,
            },
        )
        categories[row["code"]] = category
        categories.update(_load_categories(plan, row.get("children", []), parent=category))
    return categories


def _load_measures(
    plan: Plan,
    rows: list[dict[str, Any]],
    tiers: dict[str, Tier],
    categories: dict[str, Category],
) -> int:
    created: dict[str, Measure] = {}
    by_code: dict[str, Measure] = {}
    for order, row in enumerate(rows, start=1):
        code = row.get("code", "")
        key = {"code": code} if code else {"code": "", "title": row["title"]}
        cost = row.get("estimated_cost")
        measure, was_created = Measure.objects.get_or_create(
            plan=plan,
            **key,
            defaults={
                "title": row["title"],
                "category": categories.get(row.get("category", "")),
                "tier": tiers.get(row.get("tier", "")),
                "description": row.get("description", ""),
                "need": row.get("need", ""),
                "is_priority": row.get("is_priority", False),
                "estimated_cost": Decimal(cost) if cost else None,
                "estimated_cost_text": row.get("estimated_cost_text", ""),
                "sort_order": order,
            },
        )
        by_code[code] = measure
        for year, text in row.get("steps", {}).items():
            PlannedStep.objects.get_or_create(
                measure=measure, fiscal_year=int(year), defaults={"text": text}
            )
        if was_created:
            created[code or row["title"]] = measure
            measure.lead_departments.set(_departments(row.get("departments", [])))
    # Relations are set once, on creation, after every measure they may point to exists.
    for row in rows:
        new = created.get(row.get("code", "") or row["title"])
        if new is not None and row.get("related"):
            new.related.set([by_code[code] for code in row["related"]])
    return len(rows)


def _departments(names: list[str]) -> list[Department]:
    """Departments by name; a 課 wins over a 部 of the same name (議会事務局)."""
    found = []
    for name in names:
        matches = sorted(
            Department.objects.filter(name=name),
            key=lambda d: d.kind != Department.Kind.SECTION,
        )
        if matches:
            found.append(matches[0])
        else:
            logger.warning("No department named %s: load the departments first.", name)
    return found
