"""What every part of a generation run shares: the sizes asked for, the seed, the day the
data is dated around, and the tally of what was loaded."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from kamakura_portal.dates import fiscal_year

from .bulk import Batch, Loads, Table

# Every generated account's address is in this domain (reserved for examples, so no real
# person has it): it is how ``--replace`` tells generated rows from real ones.
DOMAIN = "scale.kamakura-portal.example"
# The generated plan of measures.
PLAN_CODE = "scale-plan"
# Rows per chunk: the generators hold this many parents (and their children) at a time.
CHUNK = 5000


@dataclass(frozen=True)
class Sizes:
    groups: int = 100_000
    proposals: int = 10_000
    needs: int = 2_000
    invitations: int = 20_000
    consultations: int = 20_000
    surveys: int = 20
    responses: int = 50_000
    measures: int = 1_000
    years: int = 5

    @classmethod
    def groups_only(cls, groups: int) -> Sizes:
        """Groups (with the few accounts they need) and nothing else."""
        return cls(groups, 0, 0, 0, 0, 0, 0, 0, 0)


@dataclass
class Step:
    name: str
    seconds: float


@dataclass
class Run:
    """One generation: ``rng(part)`` gives each part its own random stream, so the groups
    are the same whatever the number of proposals asked for."""

    sizes: Sizes
    seed: int
    today: datetime.date
    loads: Loads = field(default_factory=Loads)
    steps: list[Step] = field(default_factory=list)

    @property
    def now(self) -> datetime.datetime:
        """Mid-morning of ``today``, Japan time (the data is dated around it)."""
        return timezone.make_aware(datetime.datetime.combine(self.today, datetime.time(10)))

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.today)

    def rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}:{part}")  # noqa: S311 (made-up data, repeatable)

    def table(self, model: type[models.Model], names: Sequence[str]) -> Table:
        return Table(model, names, self.loads, self.now)

    def batch(self, models_by_name: dict[str, type[models.Model]]) -> Batch:
        return Batch(models_by_name, self.table)

    def moment(self, day: datetime.date, rng: random.Random) -> datetime.datetime:
        """A time during office hours on ``day``."""
        minutes = rng.randrange(9 * 60, 18 * 60)
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
        )

    def day_between(
        self, first: datetime.date, last: datetime.date, rng: random.Random
    ) -> datetime.date:
        span = max((last - first).days, 0)
        return first + datetime.timedelta(days=rng.randint(0, span))

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.steps.append(Step(name, time.perf_counter() - started))


def pick(rng: random.Random, weighted: Sequence[tuple[Any, float]]) -> Any:
    """One value of ``(value, weight)`` pairs."""
    values = [value for value, _weight in weighted]
    weights = [weight for _value, weight in weighted]
    return rng.choices(values, weights)[0]
