"""What the score reads besides the texts, loaded in bulk for many groups at once: each
query covers every candidate, so the number of queries never grows with the candidates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import (
    BooleanField,
    CharField,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
)

from collaboration.models import DepartmentNeed, Proposal
from collaboration.models.proposals import PUBLIC_STATUSES  # adopted, whatever came after
from groups.models import CitizenGroup

# The district taxonomy's codes (groups/data/taxonomies.json) for 市内全域 and 市外: codes
# never change when staff rename a term.
CITY_WIDE = "shinai-zeniki"
OUTSIDE_CITY = "shigai"


class Row(NamedTuple):
    """What a ranking reads of a group's own row (the rest of the profile stays in the
    database until the group is among those returned)."""

    pk: int
    name_kana: str
    search_name: str
    search_body: str
    collaboration_interest: str
    registered_on: datetime.date | None
    renewed_on: datetime.date | None


ROW_COLUMNS = Row._fields


@dataclass
class Collaboration:
    """One past proposal of a group: whether it became a project, with which departments."""

    is_project: bool
    departments: set[int] = field(default_factory=set)


@dataclass
class Facts:
    """A group's or a need's fields and districts (id → name), and for a group its past
    proposals and the date its registration was last confirmed."""

    fields: dict[int, str] = field(default_factory=dict)
    districts: dict[int, str] = field(default_factory=dict)
    city_wide: bool = False
    outside_only: bool = False
    collaborations: dict[int, Collaboration] = field(default_factory=dict)
    confirmed_on: datetime.date | None = None


FIELD, PLACE = "field", "place"


def terms_of(through: dict[str, type[Model]], owner: str, ids: list[int]) -> QuerySet[Any]:
    """The fields and districts of the owners ``ids`` in one query: rows of (kind, owner,
    term id, name, code), ``kind`` FIELD or PLACE."""
    fields = (
        through["fields"]
        ._default_manager.filter(**{f"{owner}__in": ids})
        .order_by()
        .annotate(kind=Value(FIELD))
        .values_list(
            "kind", owner, "activityfield_id", "activityfield__name", "activityfield__code"
        )
    )
    places = (
        through["places"]
        ._default_manager.filter(**{f"{owner}__in": ids})
        .order_by()
        .annotate(kind=Value(PLACE))
        .values_list("kind", owner, "district_id", "district__name", "district__code")
    )
    return fields.union(places, all=True)


def _file(facts: dict[int, Facts], rows: Iterable[tuple[str, int, int, str, str]]) -> None:
    codes: dict[int, set[str]] = {}
    for kind, owner, term, name, code in rows:
        if kind == FIELD:
            facts[owner].fields[term] = name
        else:
            facts[owner].districts[term] = name
            codes.setdefault(owner, set()).add(code)
    for owner, owned in codes.items():
        facts[owner].city_wide = CITY_WIDE in owned
        facts[owner].outside_only = owned == {OUTSIDE_CITY}


GROUP_TERMS: dict[str, type[Model]] = {
    "fields": CitizenGroup.activity_fields.through,
    "places": CitizenGroup.districts.through,
}
NEED_TERMS: dict[str, type[Model]] = {
    "fields": DepartmentNeed.activity_fields.through,
    "places": DepartmentNeed.districts.through,
}


def group_facts(groups: Iterable[Row]) -> dict[int, Facts]:
    """Fields, districts and past proposals of ``groups``: two queries, whatever their
    number (fields and districts; the proposals they made or partnered, with the
    departments those proposals partnered)."""
    facts = {
        group.pk: Facts(confirmed_on=max(filter(None, group[-2:]), default=None))
        for group in groups
    }
    ids = list(facts)
    if ids:
        _file(facts, terms_of(GROUP_TERMS, "citizengroup_id", ids))
        _collaborations(facts, ids)
    return facts


def _partner_departments(proposals: Q) -> QuerySet[Any]:
    """The departments partnering ``proposals``, as rows without an owner."""
    return (
        Proposal.counterpart_departments.through.objects.filter(proposals)
        .order_by()
        .annotate(
            owner=Value(None, output_field=IntegerField()),
            no_status=Value("", output_field=CharField()),
            no_flag=Value(False, output_field=BooleanField()),
        )
        # The stubs do not see the annotations of a through model's queryset.
        .values_list(  # type: ignore[misc]
            "owner", "proposal_id", "no_status", "no_flag", "department_id"
        )
    )


def collaboration_rows(ids: list[int]) -> QuerySet[Any]:
    """One query of four parts: the submitted proposals the groups ``ids`` made, those they
    partnered, and the departments partnering either (rows without an owner)."""
    submitted = ~Q(status=Proposal.Status.DRAFT)
    # No ordering in the parts of a UNION (SQLite refuses it; the order is not used).
    made = Proposal.objects.filter(submitted, proposing_group_id__in=ids).order_by()
    partnered = Proposal.counterpart_groups.through.objects.filter(
        ~Q(proposal__status=Proposal.Status.DRAFT), citizengroup_id__in=ids
    ).order_by()
    return made.values_list(
        "proposing_group_id", "pk", "status", "implemented", "proposing_department_id"
    ).union(
        partnered.values_list(
            "citizengroup_id",
            "proposal_id",
            "proposal__status",
            "proposal__implemented",
            "proposal__proposing_department_id",
        ),
        # Two parts rather than one with OR: each is read through its index.
        _partner_departments(Q(proposal__in=made.values("pk"))),
        _partner_departments(Q(proposal__in=partnered.values("proposal_id"))),
        all=True,
    )


def _collaborations(facts: dict[int, Facts], ids: list[int]) -> None:
    rows = collaboration_rows(ids)
    partners: dict[int, set[int]] = {}
    own: list[tuple[int, int, str, bool, int | None]] = []
    for owner, proposal, status, implemented, department in rows:
        if owner is None:
            partners.setdefault(proposal, set()).add(department)
        else:
            own.append((owner, proposal, status, implemented, department))
    for owner, proposal, status, implemented, proposer in own:
        departments = partners.get(proposal, set()) | ({proposer} if proposer else set())
        facts[owner].collaborations[proposal] = Collaboration(
            implemented or status in PUBLIC_STATUSES, departments
        )


def need_facts(needs: Iterable[DepartmentNeed]) -> dict[int, Facts]:
    """Fields and districts of ``needs``: none when the needs come with their
    ``activity_fields`` and ``districts`` prefetched, else one query."""
    needs = list(needs)
    facts = {need.pk: Facts() for need in needs}
    if all(_prefetched(need) for need in needs):
        rows = [
            (kind, need.pk, term.pk, term.name, term.code)
            for need in needs
            for kind, terms in ((FIELD, need.activity_fields.all()), (PLACE, need.districts.all()))
            for term in terms
        ]
        _file(facts, rows)
    elif facts:
        _file(facts, terms_of(NEED_TERMS, "departmentneed_id", list(facts)))
    return facts


def _prefetched(need: DepartmentNeed) -> bool:
    cache = getattr(need, "_prefetched_objects_cache", {})
    return "activity_fields" in cache and "districts" in cache
