"""The base of the ``import_*`` management commands: check a file, print every problem, import.

``python manage.py import_… FILE [--dry-run] [--actor-email EMAIL]`` reads a CSV (UTF-8 or
CP932) or XLSX file and prints every problem as 「行 12・フリガナ: …」; without ``--dry-run``
a file without problems is imported, all or nothing. Exits non-zero when the file has
problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from .import_files import ImportFileError, Table, read_rows
from .imports import ImportReport, problem_line

if TYPE_CHECKING:
    from accounts.models import User


class ImportCommand(BaseCommand):
    """One import's command. Subclasses set ``help`` and ``noun`` and the three hooks."""

    noun: str  # what is imported, in the plural: "Imported 3 groups."

    def plan(self, table: Table) -> ImportReport:
        raise NotImplementedError

    def commit(self, plan: Any, actor: User | None) -> int:
        raise NotImplementedError

    def summary(self, name: str, plan: Any) -> str:
        """One line of counts for the file ``name``."""
        raise NotImplementedError

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
        # The rows as read are not kept past the check: for a large file they take more
        # memory than the plan.
        plan = self.plan(self._read(path))
        for problem in plan.problems:
            line = problem_line(problem)
            if problem.is_error:
                self.stderr.write(line)
            else:
                self.stdout.write(line)
        summary = self.summary(path.name, plan)
        if not plan.is_valid:
            raise CommandError(f"{summary} Nothing was imported.")
        if options["dry_run"]:
            self.stdout.write(f"{summary} Dry run: nothing was saved.")
            return
        count = self.commit(plan, actor)
        self.stdout.write(self.style.SUCCESS(f"{summary} Imported {count} {self.noun}."))

    def _read(self, path: Path) -> Table:
        try:
            return read_rows(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}") from error

    def _actor(self, email: str) -> User | None:
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        return user
