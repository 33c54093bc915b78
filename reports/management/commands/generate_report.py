"""``manage.py generate_report KIND [--plan CODE | --fiscal-year YYYY | --survey ID | --proposal ID]
--output FILE``.

Makes a report in the foreground with the worker's own code (:func:`reports.generation.
generate`), without a report row: for operators, and to look at a template while changing it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.forms import request_form
from reports.generation import generate
from reports.kinds import all_kinds, kind_of

# Command-line options → the kinds' form fields.
OPTIONS = {
    "plan": "plan",
    "fiscal_year": "fiscal_year",
    "survey": "survey",
    "proposal": "proposal",
}


class Command(BaseCommand):
    help = "Make a printed report (PDF) in the foreground."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[kind.code for kind in all_kinds()])
        parser.add_argument("--plan", help="The plan edition's code (kind guideline).")
        parser.add_argument(
            "--fiscal-year", type=int, help="The fiscal year, e.g. 2026 (kind status)."
        )
        parser.add_argument("--survey", type=int, help="The survey's id (kind survey).")
        parser.add_argument("--proposal", type=int, help="The project's id (kind project).")
        parser.add_argument("--output", required=True, help="The PDF file to write ('-': stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = kind_of(options["kind"])
        data = {
            f"{kind.code}-{field}": options[option]
            for option, field in OPTIONS.items()
            if options[option] is not None
        }
        form = request_form(kind, data)
        if not form.is_valid():
            problems = "; ".join(
                f"--{name}: {' '.join(str(error) for error in errors)}"
                for name, errors in form.errors.items()
            )
            raise CommandError(problems)
        params = kind.parameters(form.cleaned_data)
        started = time.perf_counter()
        if options["output"] == "-":
            generate(kind, params, sys.stdout.buffer, lambda percent: None)
            return
        output = Path(options["output"])
        partial = output.with_name(f".{output.name}.partial")
        with partial.open("wb") as target:
            generate(kind, params, target, lambda percent: None)
        partial.replace(output)  # a file at the output path is always a complete PDF
        self.stdout.write(
            f"{output} ({output.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s)"
        )
