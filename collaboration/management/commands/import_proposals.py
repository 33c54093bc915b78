"""``python manage.py import_proposals FILE [--dry-run] [--actor-email EMAIL]``.

Checks a history file of past collaboration proposals (CSV in UTF-8 or CP932, or XLSX) and
prints every problem as 「行 12・年度: …」; without ``--dry-run`` a file without problems is
imported, all or nothing. Exits non-zero when the file has problems.
"""

from __future__ import annotations

from accounts.models import User
from collaboration.services.imports import ImportPlan, Table, commit_import, plan_import
from kamakura_portal.import_command import ImportCommand


class Command(ImportCommand):
    help = "Check a file of past collaboration proposals and import it, all or nothing."
    noun = "proposals"

    def plan(self, table: Table) -> ImportPlan:
        return plan_import(table)

    def commit(self, plan: ImportPlan, actor: User | None) -> int:
        return commit_import(plan, actor)

    def summary(self, name: str, plan: ImportPlan) -> str:
        return (
            f"{name}: {plan.row_count} rows, {len(plan.proposals)} correct, "
            f"{len(plan.errors)} problems in {plan.rows_with_errors} rows."
        )
