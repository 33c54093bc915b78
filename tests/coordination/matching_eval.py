"""The matching engine's evaluation on the labelled set of ``data/matching_eval.json``.

The set holds needs written in departments' words and groups in their own, each need with
the groups a coordinator would call right. :func:`load` puts them in the database (the
taxonomies must be loaded); :func:`evaluate` ranks every need three ways — the engine, the
activity-field overlap alone, and the words the texts share without any synonym — and
measures each with precision@5, nDCG@10 and the mean rank of the first right group. The test
and ``benchmarks/matching_eval.py`` run the same code.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accounts.models import Department
from collaboration.models import DepartmentNeed
from collaboration.search import refresh_need_search
from coordination.matching import rank_groups
from coordination.matching.text import NeedText
from groups.models import ActivityField, CitizenGroup, District, OrganizationType
from groups.search import refresh_search_index
from kamakura_portal.dates import fiscal_year, fiscal_year_end
from kamakura_portal.search import index_tokens
from kamakura_portal.synonyms import CivicVocabulary, Tokens

DATA = Path(__file__).parent / "data" / "matching_eval.json"


@dataclass(frozen=True)
class Labelled:
    need: DepartmentNeed
    right: frozenset[int]  # group ids


def load(today: datetime.date) -> tuple[list[Labelled], list[CitizenGroup]]:
    """The set's groups (registered this fiscal year) and needs, in the database."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    fields = {term.code: term for term in ActivityField.objects.all()}
    districts = {term.code: term for term in District.objects.all()}
    types = {term.code: term for term in OrganizationType.objects.all()}
    groups: dict[str, CitizenGroup] = {}
    for row in data["groups"]:
        group = CitizenGroup.objects.create(
            name=row["name"],
            name_kana=row["key"],
            organization_type=types[row["organisation_type"]],
            collaboration_interest=row["interest"],
            activities=row["activities"],
            purpose=row["purpose"],
            offers=row["offers"],
            status=CitizenGroup.Status.REGISTERED,
            registered_on=today,
            valid_until=fiscal_year_end(fiscal_year(today)),
        )
        group.activity_fields.set([fields[code] for code in row["fields"]])
        group.districts.set([districts[code] for code in row["districts"]])
        groups[row["key"]] = group
    refresh_search_index(group.pk for group in groups.values())
    division, _created = Department.objects.get_or_create(
        code="eval-division", defaults={"name": "評価用の部", "kind": Department.Kind.DIVISION}
    )
    labelled = []
    for number, row in enumerate(data["needs"]):
        department, _created = Department.objects.get_or_create(
            name=row["department"],
            defaults={"code": f"eval-{number}", "kind": "section", "parent": division},
        )
        need = DepartmentNeed.objects.create(
            department=department,
            title=row["title"],
            background=row["background"],
            wanted=row["wanted"],
        )
        need.activity_fields.set([fields[code] for code in row["fields"]])
        need.districts.set([districts[code] for code in row["districts"]])
        labelled.append(Labelled(need, frozenset(groups[key].pk for key in row["right"])))
    refresh_need_search(item.need.pk for item in labelled)
    return labelled, list(groups.values())


@dataclass(frozen=True)
class Figures:
    precision_at_5: float
    ndcg_at_10: float
    first_right_rank: float


def _measure(rankings: Sequence[Sequence[int]], labels: Sequence[Labelled], size: int) -> Figures:
    precision = ndcg = first = 0.0
    for ranking, item in zip(rankings, labels, strict=True):
        precision += sum(1 for pk in ranking[:5] if pk in item.right) / 5
        dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranking[:10]) if pk in item.right)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(item.right), 10)))
        ndcg += dcg / ideal
        ranks = [i + 1 for i, pk in enumerate(ranking) if pk in item.right]
        first += ranks[0] if ranks else size + 1  # not ranked at all: after every group
    count = len(labels)
    return Figures(precision / count, ndcg / count, first / count)


@dataclass(frozen=True)
class Profile:
    """What the baselines read of a group, loaded once."""

    pk: int
    name_kana: str
    fields: frozenset[int]
    words: frozenset[str]


def profiles(groups: Sequence[CitizenGroup]) -> list[Profile]:
    fields: dict[int, set[int]] = {group.pk: set() for group in groups}
    through = CitizenGroup.activity_fields.through.objects.filter(citizengroup_id__in=fields)
    for pk, field in through.values_list("citizengroup_id", "activityfield_id"):
        fields[pk].add(field)
    return [
        Profile(
            group.pk,
            group.name_kana,
            frozenset(fields[group.pk]),
            frozenset(Tokens(group.search_name, group.search_body).words),
        )
        for group in CitizenGroup.objects.filter(pk__in=fields)
    ]


def _ranked(scores: dict[int, float], groups: Sequence[Profile]) -> list[int]:
    """Groups with a score above zero, best first; ties in 五十音順 as the engine breaks them."""
    order = {group.pk: (group.name_kana, group.pk) for group in groups}
    return sorted(
        (pk for pk, score in scores.items() if score > 0), key=lambda pk: (-scores[pk], order[pk])
    )


def by_fields(need: DepartmentNeed, groups: Sequence[Profile]) -> list[int]:
    """Baseline: how many of the need's fields each group is filed under."""
    wanted = set(need.activity_fields.values_list("pk", flat=True))
    return _ranked({group.pk: len(wanted & group.fields) for group in groups}, groups)


def by_shared_words(need: DepartmentNeed, groups: Sequence[Profile]) -> list[int]:
    """Baseline: the need's content words found as the same word in a group's texts (subject
    words count double), with no normalised form and no synonym."""
    text = NeedText.of((need.title, need.background, need.wanted), CivicVocabulary([]))
    scores = {
        group.pk: sum(
            text.base[term.key]
            for term in text.terms
            if all(key in group.words for key in term.alternatives[0].keys)
        )
        for group in groups
    }
    return _ranked(scores, groups)


def by_engine(need: DepartmentNeed, size: int, today: datetime.date) -> list[int]:
    return [candidate.group.pk for candidate in rank_groups(need, limit=size, today=today)]


METHODS: dict[str, Callable[[DepartmentNeed, Sequence[Profile]], list[int]]] = {
    "fields only": by_fields,
    "shared words only": by_shared_words,
}


def evaluate(
    labels: Sequence[Labelled], groups: Sequence[CitizenGroup], today: datetime.date
) -> dict[str, Figures]:
    read = profiles(groups)
    size = len(read)
    engine = [by_engine(item.need, size, today) for item in labels]
    figures = {"engine": _measure(engine, labels, size)}
    for name, method in METHODS.items():
        figures[name] = _measure([method(item.need, read) for item in labels], labels, size)
    figures["best possible"] = best_possible(labels)
    return figures


def without_shared_words() -> int:
    """How many of the set's needs share no content word with the texts (name, activities,
    purpose, offers) of any of their right groups: only synonyms can bridge those."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    texts = {
        row["key"]: Tokens(
            index_tokens(row["name"]),
            index_tokens(row["activities"], row["purpose"], row["offers"]),
        )
        for row in data["groups"]
    }
    count = 0
    for row in data["needs"]:
        need = NeedText.of((row["title"], row["background"], row["wanted"]), CivicVocabulary([]))
        shared = [
            term
            for key in row["right"]
            for term in need.terms
            if all(token in texts[key].words for token in term.alternatives[0].keys)
        ]
        count += not shared
    return count


def best_possible(labels: Sequence[Labelled]) -> Figures:
    """What a perfect ranking scores on the set (a need with fewer than five right groups
    caps its precision@5)."""
    return Figures(sum(min(len(item.right), 5) / 5 for item in labels) / len(labels), 1.0, 1.0)


def table(figures: dict[str, Any]) -> str:
    lines = [f"{'method':<20}{'precision@5':>13}{'nDCG@10':>10}{'first right rank':>18}"]
    for name, row in figures.items():
        lines.append(
            f"{name:<20}{row.precision_at_5:>13.3f}{row.ndcg_at_10:>10.3f}"
            f"{row.first_right_rank:>18.2f}"
        )
    return "\n".join(lines)
