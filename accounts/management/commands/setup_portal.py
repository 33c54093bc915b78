"""Load the reference data, and in demo mode the demo accounts (safe to run again)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_string

# Each app adds its idempotent loaders here as it is built.
REFERENCE_LOADERS = (
    "accounts.services.load_departments",
    "groups.reference.load_taxonomies",
    "collaboration.reference.load_programs",
    "measures.reference.load_plans",
    "surveys.reference.load_reference_surveys",
    "coordination.reference.load_topics",
)
DEMO_LOADERS = (
    "accounts.demo.load_demo_accounts",
    "groups.demo.load_demo_registry",
    "collaboration.demo.load_demo_collaboration",
    "measures.demo.load_demo_progress",
    "surveys.demo.load_demo_survey_answers",
    "coordination.demo.load_demo_consultations",
    "coordination.demo.load_demo_invitations",
)


class Command(BaseCommand):
    help = "Load reference data (departments, taxonomies…) and, with --demo, demo data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo", action="store_true", help="Also create the demo accounts and data."
        )

    def handle(self, *args: Any, demo: bool = False, **options: Any) -> None:
        if demo and not settings.PORTAL_DEMO_MODE:
            raise CommandError("--demo needs PORTAL_DEMO_MODE=true (never in production).")
        loaders = REFERENCE_LOADERS + (DEMO_LOADERS if demo else ())
        for dotted in loaders:
            count = import_string(dotted)()
            self.stdout.write(f"{dotted}: {count}")
        self.stdout.write(self.style.SUCCESS("Portal data is up to date."))
