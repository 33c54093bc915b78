"""Fill the current database with a prefecture-size made-up data set (issue 16)."""

from __future__ import annotations

import datetime
import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kamakura_portal.scale.context import Run, Sizes
from kamakura_portal.scale.replace import Refusal
from kamakura_portal.scale.run import check_database, check_sizes, generate

SIZES = Sizes()


class Command(BaseCommand):
    help = (
        "Fill the current (PostgreSQL) database with made-up Japanese data at prefecture "
        "size for load tests: groups, proposals, needs, invitations, consultations, surveys "
        "and measures. The same --seed and --today give the same rows. Refuses a database "
        "that holds groups unless --replace, which first removes what an earlier run "
        "generated and nothing else."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        for name, default in vars(SIZES).items():
            parser.add_argument(f"--{name}", type=int, default=default, metavar="N")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="The day the data is dated around (default: today).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="First remove the rows an earlier seed_scale run generated.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run although DEBUG and PORTAL_DEMO_MODE are both off.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = Sizes(**{name: options[name] for name in vars(SIZES)})
        started = time.perf_counter()
        try:
            check_sizes(sizes)
            check_database(replace=options["replace"], force=options["force"])
            run = generate(
                sizes,
                seed=options["seed"],
                today=options["today"] or timezone.localdate(),
                replace=options["replace"],
                say=self.stdout.write,
            )
        except Refusal as refusal:
            raise CommandError(str(refusal)) from refusal
        self.report(run, time.perf_counter() - started)

    def report(self, run: Run, total: float) -> None:
        write = self.stdout.write
        write(f"{'table':<48} {'rows':>10} {'COPY s':>8}")
        for model, tally in run.loads.tables.items():
            write(f"{model._meta.db_table:<48} {tally.rows:>10,} {tally.seconds:>8.2f}")
        write(f"\n{'step':<48} {'seconds':>10}")
        for step in run.steps:
            write(f"{step.name:<48} {step.seconds:>10.1f}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = sum(tally.rows for tally in run.loads.tables.values())
        write(f"{'total':<48} {total:>10.1f}")
        self.stdout.write(
            self.style.SUCCESS(f"{rows:,} rows in {total:.0f} s; peak memory {peak:.0f} MB")
        )
