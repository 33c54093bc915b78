"""What the score reads besides the texts, loaded in bulk for many groups at once: each
query covers every candidate, so the number of queries never grows with the candidates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q

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


def _places(facts: dict[int, Facts], rows: Iterable[tuple[int, int, str, str]]) -> None:
    codes: dict[int, set[str]] = {}
    for owner, district, name, code in rows:
        facts[owner].districts[district] = name
        codes.setdefault(owner, set()).add(code)
    for owner, owned in codes.items():
        facts[owner].city_wide = CITY_WIDE in owned
        facts[owner].outside_only = owned == {OUTSIDE_CITY}


def group_facts(groups: Iterable[Row]) -> dict[int, Facts]:
    """Fields, districts and past proposals of ``groups``: five queries, whatever their
    number (fields; districts; proposals they made; proposals they partnered; the
    departments those proposals partnered)."""
    facts = {
        group.pk: Facts(confirmed_on=max(filter(None, group[-2:]), default=None))
        for group in groups
    }
    ids = list(facts)
    fields = CitizenGroup.activity_fields.through.objects.filter(citizengroup_id__in=ids)
    for owner, pk, name in fields.values_list(
        "citizengroup_id", "activityfield_id", "activityfield__name"
    ):
        facts[owner].fields[pk] = name
    districts = CitizenGroup.districts.through.objects.filter(citizengroup_id__in=ids)
    _places(
        facts,
        districts.values_list("citizengroup_id", "district_id", "district__name", "district__code"),
    )
    _collaborations(facts, ids)
    return facts


def _collaborations(facts: dict[int, Facts], ids: list[int]) -> None:
    submitted = ~Q(status=Proposal.Status.DRAFT)
    rows = [
        *Proposal.objects.filter(submitted, proposing_group_id__in=ids).values_list(
            "proposing_group_id", "pk", "status", "implemented", "proposing_department_id"
        ),
        *Proposal.counterpart_groups.through.objects.filter(
            ~Q(proposal__status=Proposal.Status.DRAFT), citizengroup_id__in=ids
        ).values_list(
            "citizengroup_id",
            "proposal_id",
            "proposal__status",
            "proposal__implemented",
            "proposal__proposing_department_id",
        ),
    ]
    partners: dict[int, set[int]] = {}
    for proposal, department in Proposal.counterpart_departments.through.objects.filter(
        proposal_id__in={row[1] for row in rows}
    ).values_list("proposal_id", "department_id"):
        partners.setdefault(proposal, set()).add(department)
    for owner, proposal, status, implemented, proposer in rows:
        departments = partners.get(proposal, set()) | ({proposer} if proposer else set())
        facts[owner].collaborations[proposal] = Collaboration(
            implemented or status in PUBLIC_STATUSES, departments
        )


def need_facts(needs: Iterable[DepartmentNeed]) -> dict[int, Facts]:
    """Fields and districts of ``needs``: two queries, whatever their number."""
    facts = {need.pk: Facts() for need in needs}
    ids = list(facts)
    fields = DepartmentNeed.activity_fields.through.objects.filter(departmentneed_id__in=ids)
    for owner, pk, name in fields.values_list(
        "departmentneed_id", "activityfield_id", "activityfield__name"
    ):
        facts[owner].fields[pk] = name
    districts = DepartmentNeed.districts.through.objects.filter(departmentneed_id__in=ids)
    _places(
        facts,
        districts.values_list(
            "departmentneed_id", "district_id", "district__name", "district__code"
        ),
    )
    return facts
