"""A registry file of any size in the import's format, from ``seed_scale``'s generator.

The columns are those of the demo registry (``groups.imports.COLUMNS``); names, readings,
places, people and activity texts come from :mod:`kamakura_portal.scale` (the activity texts
written afresh for every row, not drawn from its pools, so nothing is tokenised here). Names
are unique as the import compares them (:func:`~kamakura_portal.japanese.matching_key`).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
from collections.abc import Iterator

from django.utils import timezone

from groups.import_rows import INTEREST_NAMES, STATUS_NAMES
from groups.imports import COLUMNS
from kamakura_portal.japanese import matching_key
from kamakura_portal.scale.context import DOMAIN, pick
from kamakura_portal.scale.groups import FIELD_WEIGHTS, STATUS_WEIGHTS, TYPE_WEIGHTS
from kamakura_portal.scale.names import GroupNames, person
from kamakura_portal.scale.places import place
from kamakura_portal.scale.text import TAXONOMIES, Material, Writer

STATUS_LABELS = {value: label for label, value in STATUS_NAMES.items()}
INTEREST_WEIGHTS = [
    (label, weight) for label, weight in zip(INTEREST_NAMES, (30, 52, 15), strict=True)
]
FIRST_REGISTRATION = datetime.date(1998, 4, 1)


def registry_rows(count: int, *, seed: int = 1) -> Iterator[list[str]]:
    """``count`` rows of the registry's columns, the same for the same seed."""
    rng = random.Random(f"{seed}:bulk-registry")  # noqa: S311 (made-up data, repeatable)
    taxonomies = json.loads(TAXONOMIES.read_text(encoding="utf-8"))
    fields = dict(taxonomies["activity_fields"]["centre"])
    types = dict(taxonomies["organization_types"])
    districts = dict(taxonomies["districts"])
    field_codes = [code for code in FIELD_WEIGHTS if code in fields]
    field_weights = [FIELD_WEIGHTS[code] for code in field_codes]
    writer = Writer(Material.load())
    names = GroupNames()
    taken: set[str] = set()
    today = timezone.localdate()
    for number in range(1, count + 1):
        main = rng.choices(field_codes, field_weights)[0]
        others = [code for code in field_codes if code != main]
        own = [main, *rng.sample(others, pick(rng, [(0, 45), (1, 40), (2, 15)]))]
        kind = pick(rng, TYPE_WEIGHTS)
        where = place(rng)
        own_districts = [where.district]
        if where.district not in ("shinai-zeniki", "shigai") and rng.random() < 0.2:
            own_districts.append("shinai-zeniki")
        name, kana = names.make(rng, where, main, kind)
        if matching_key(name) in taken:  # the generator's last resort was taken too
            name, kana = f"{name}第{number}班", f"{kana}ダイ{number}ハン"
        taken.add(matching_key(name))
        representative, reading = person(rng)
        registered = FIRST_REGISTRATION + datetime.timedelta(
            days=rng.randint(0, (today - FIRST_REGISTRATION).days)
        )
        yield [
            name,
            kana,
            types[kind],
            "、".join(fields[code] for code in own),
            "、".join(districts[code] for code in own_districts),
            str(rng.randint(1960, registered.year)),
            str(int(rng.lognormvariate(3, 0.8)) + 3),
            representative,
            reading,
            f"info{number:06d}@{DOMAIN}",
            f"0467-{number // 10000 + 10:02d}-{number % 10000:04d}",
            where.postal_code,
            f"{where.address}{rng.randint(1, 9)}-{rng.randint(1, 30)}",
            f"https://g{number:06d}.{DOMAIN}/" if rng.random() < 0.3 else "",
            writer.activities(rng, main, where),
            pick(rng, INTEREST_WEIGHTS) if rng.random() < 0.97 else "",
            registered.isoformat(),
            STATUS_LABELS[pick(rng, STATUS_WEIGHTS)],
        ]


def registry_csv(count: int, *, seed: int = 1) -> bytes:
    """The rows as the centre's file: UTF-8 CSV with the demo registry's header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(registry_rows(count, seed=seed))
    return out.getvalue().encode("utf-8")
