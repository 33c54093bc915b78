"""``python manage.py import_proposals FILE [--dry-run] [--actor-email EMAIL]``.

Checks a history file of past collaboration proposals (CSV in UTF-8 or CP932, or XLSX) and
prints every problem as 「行 12・年度: …」; without ``--dry-run`` a file without problems is
imported, all or nothing. Exits non-zero when the file has problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from collaboration.imports import (
    ImportFileError,
    commit_import,
    plan_import,
    problem_line,
    read_rows,
)


class Command(BaseCommand):
    help = "Check a file of past collaboration proposals and import it, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV (UTF-8 or CP932) or XLSX file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only check the file; save nothing."
        )
        parser.add_argument(
            "--actor-email", default="", help="The user the import is recorded under."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        actor = self._actor(options["actor_email"])
        try:
            table = read_rows(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}") from error
        plan = plan_import(table)
        for problem in plan.problems:
            self.stderr.write(problem_line(problem))
        summary = (
            f"{path.name}: {plan.row_count} rows, {len(plan.proposals)} correct, "
            f"{len(plan.errors)} problems in {plan.rows_with_errors} rows."
        )
        if not plan.is_valid:
            raise CommandError(f"{summary} Nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"{summary} Dry run: nothing was saved.")
            return
        count = commit_import(plan, actor)
        self.stdout.write(self.style.SUCCESS(f"{summary} Imported {count} proposals."))

    def _actor(self, email: str) -> Any:
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        return user
