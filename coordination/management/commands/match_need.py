"""``python manage.py match_need NEED_ID [--top N] [--json]``: a need's candidate groups,
ranked by the workbench's own code (:func:`coordination.matching.rank_groups`)."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from collaboration.models import DepartmentNeed
from coordination.matching import Candidate, rank_groups


def as_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "group_id": candidate.group.pk,
        "name": candidate.group.name,
        "score": candidate.score,
        "parts": [asdict(part) for part in candidate.parts],
        "words": [asdict(word) for word in candidate.words],
        "explanation": candidate.explanation,
    }


class Command(BaseCommand):
    help = "Print the candidate groups of a department need, best first, with their score parts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("need_id", type=int)
        parser.add_argument("--top", type=int, default=10, help="How many groups (10).")
        parser.add_argument(
            "--json", action="store_true", help="A JSON list, best first, instead of text."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        need = DepartmentNeed.objects.filter(pk=options["need_id"]).first()
        if need is None:
            raise CommandError(f"No department need with id {options['need_id']}.")
        if options["top"] < 1:
            raise CommandError("--top must be 1 or more.")
        candidates = rank_groups(need, limit=options["top"])
        if options["json"]:
            text = json.dumps([as_json(c) for c in candidates], ensure_ascii=False, indent=2)
            self.stdout.write(text)
            return
        self.stdout.write(f"{need.pk}: {need.title}")
        for rank, candidate in enumerate(candidates, start=1):
            parts = "  ".join(f"{part.label} {part.points:g}" for part in candidate.parts)
            self.stdout.write(
                f"{rank:>3}. {candidate.score:5.1f}  {candidate.group.name} (#{candidate.group.pk})"
            )
            self.stdout.write(f"       {parts}")
            self.stdout.write(f"       {candidate.explanation}")
