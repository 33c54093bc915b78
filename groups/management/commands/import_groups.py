"""``python manage.py import_groups FILE [--dry-run] [--actor-email EMAIL]``.

Checks a registry file (CSV in UTF-8 or CP932, or XLSX) and prints every problem as
「行 12・フリガナ: …」; without ``--dry-run`` a file without problems is imported, all or
nothing. Exits non-zero when the file has problems.
"""

from __future__ import annotations

from accounts.models import User
from groups.imports import ImportPlan, Table, commit_import, plan_import
from kamakura_portal.import_command import ImportCommand


class Command(ImportCommand):
    help = "Check a registry file (CSV or XLSX) and import its groups, all or nothing."
    noun = "groups"

    def plan(self, table: Table) -> ImportPlan:
        return plan_import(table)

    def commit(self, plan: ImportPlan, actor: User | None) -> int:
        return commit_import(plan, actor)

    def summary(self, name: str, plan: ImportPlan) -> str:
        return (
            f"{name}: {plan.row_count} rows, {len(plan.groups)} correct, "
            f"{len(plan.errors)} problems in {plan.rows_with_errors} rows, {len(plan.notes)} notes."
        )
