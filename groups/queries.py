"""Read-side helpers for group pages and reports.

Pages get querysets shaped to a fixed number of queries (``select_related`` for one-to-one
data, ``prefetch_related`` for lists); reports get plain figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from accounts.models import User, Visitor
from kamakura_portal.db import is_postgresql
from kamakura_portal.models import StatusChange

from .models import (
    ActivityField,
    CitizenGroup,
    Contact,
    GroupMembership,
    OrganizationType,
    StaffNote,
)

Status = CitizenGroup.Status
# The groups on the register for the figures: registered, awaiting renewal, or dormant.
ON_REGISTER = (Status.REGISTERED, Status.RENEWAL_DUE, Status.SUSPENDED)


def memberships_of(user: User) -> QuerySet[GroupMembership]:
    """The groups a user manages, with the group loaded (one query)."""
    return (
        GroupMembership.objects.filter(user=user)
        .select_related("group")
        .order_by("group__name_kana", "group__name")
    )


def kana_order(field: str = "name_kana") -> Any:
    """五十音順 by a reading field: ICU's Japanese collation on PostgreSQL.

    Katakana code points are already nearly in 五十音 order, which is what SQLite uses.
    """
    if is_postgresql():
        return Collate(F(field), "ja-x-icu").asc()
    return F(field).asc()


SORTS = {
    "kana": lambda: [kana_order(), "pk"],
    "newest": lambda: [F("registered_on").desc(nulls_last=True), "-pk"],
    "updated": lambda: ["-updated_at", "-pk"],
}


def directory_groups(
    statuses: Sequence[str] | None = (Status.REGISTERED,),
) -> QuerySet[CitizenGroup]:
    """Groups for a directory page: taxonomies loaded in two prefetches, whatever the count.
    ``statuses`` None: every group, whatever its status (no condition to read)."""
    groups = CitizenGroup.objects.all()
    return (
        (groups if statuses is None else groups.filter(status__in=statuses))
        .select_related("organization_type")
        .prefetch_related(
            Prefetch("activity_fields", queryset=ActivityField.objects.order_by("sort_order")),
            "districts",
        )
        .defer("search_name", "search_body", "search_vector", "search_name_vector")
    )


def sorted_groups(queryset: QuerySet[CitizenGroup], sort: str) -> QuerySet[CitizenGroup]:
    return queryset.order_by(*SORTS.get(sort, SORTS["kana"])())


def public_profile(pk: int) -> CitizenGroup | None:
    """A registered group with what its public page shows (contacts filtered by the view; the
    challenges, for the centre's reference only, not loaded)."""
    return (
        directory_groups()
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.all()))
        .filter(pk=pk)
        .first()
    )


def staff_groups() -> QuerySet[CitizenGroup]:
    """Every group, whatever its status, for the staff registry, with its number of managers
    counted for the rows of the page only (a subquery, not a grouping of the whole list)."""
    managers = (
        GroupMembership.objects.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return directory_groups(statuses=None).annotate(manager_count=Coalesce(Subquery(managers), 0))


def queue_counts() -> dict[str, int]:
    """How many groups are in each status (one query): the queue's and the registry's badges."""
    counts = dict(
        CitizenGroup.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Status.values}


def review_queue() -> QuerySet[CitizenGroup]:
    """Registrations awaiting the centre's review, the longest waiting first."""
    return directory_groups(statuses=(Status.SUBMITTED,)).order_by(
        F("submitted_at").asc(nulls_first=True), "pk"
    )


def staff_group(pk: int) -> CitizenGroup | None:
    """One group, any status, with everything its staff page lists, in fixed queries."""
    return (
        directory_groups(statuses=Status.values)
        .prefetch_related(
            "challenges",
            "contacts",
            Prefetch(
                "memberships",
                queryset=GroupMembership.objects.select_related("user").order_by(
                    "role", "created_at", "pk"
                ),
            ),
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("actor")),
            Prefetch("staff_notes", queryset=StaffNote.objects.select_related("author")),
        )
        .filter(pk=pk)
        .first()
    )


def _audited(model: str) -> Q:
    # By app label and model name, not by ContentType id: no cache to warm, no extra query.
    return Q(content_type__app_label="groups", content_type__model=model)


def group_history(group: CitizenGroup, limit: int = 50) -> QuerySet[LogEntry]:
    """The audit entries of a group and of its contacts, newest first (one query)."""
    contact_ids = [contact.pk for contact in group.contacts.all()]
    entries = (_audited("citizengroup") & Q(object_id=group.pk)) | (
        _audited("contact") & Q(object_id__in=contact_ids)
    )
    return (
        LogEntry.objects.filter(entries)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )


def registry_changes() -> QuerySet[LogEntry]:
    """Every audit entry of groups and their contacts, newest first (for a paginated feed)."""
    return (
        LogEntry.objects.filter(_audited("citizengroup") | _audited("contact"))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class GroupRef:
    pk: int
    name: str


def groups_of_entries(entries: Sequence[LogEntry]) -> dict[int, GroupRef]:
    """For each entry (by its pk), the group it concerns, as it is named now.

    One query for the contacts' groups and one for the groups; an entry whose group or
    contact has since been deleted is left out (the feed shows its recorded name).
    """
    group_ids = {e.object_id for e in entries if e.content_type.model == "citizengroup"}
    contact_ids = {e.object_id for e in entries if e.content_type.model == "contact"}
    by_contact = {
        contact_id: GroupRef(group_id, name)
        for contact_id, group_id, name in Contact.objects.filter(pk__in=contact_ids).values_list(
            "pk", "group_id", "group__name"
        )
    }
    by_group = {
        pk: GroupRef(pk, name)
        for pk, name in CitizenGroup.objects.filter(pk__in=group_ids).values_list("pk", "name")
    }
    refs = {}
    for entry in entries:
        source = by_group if entry.content_type.model == "citizengroup" else by_contact
        ref = source.get(entry.object_id) if entry.object_id is not None else None
        if ref is not None:
            refs[entry.pk] = ref
    return refs


# --- figures for reports ------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    label: str
    count: int


def groups_by_activity_field(
    taxonomy: str = ActivityField.Taxonomy.CENTRE, statuses: Sequence[str] = ON_REGISTER
) -> list[Figure]:
    """Groups per activity field, a group counted once in each field it registers (seed 001)."""
    fields = ActivityField.objects.filter(taxonomy=taxonomy).annotate(
        n=Count("groups", filter=Q(groups__status__in=statuses), distinct=True)
    )
    rows = fields.order_by("sort_order", "pk").values_list("name", "n")
    return [Figure(name, count) for name, count in rows]


def groups_by_organization_type(statuses: Sequence[str] = ON_REGISTER) -> list[Figure]:
    types = OrganizationType.objects.annotate(
        n=Count("groups", filter=Q(groups__status__in=statuses))
    ).order_by("sort_order", "pk")
    figures = [Figure(name, count) for name, count in types.values_list("name", "n")]
    untyped = CitizenGroup.objects.filter(
        status__in=statuses, organization_type__isnull=True
    ).count()
    if untyped:
        figures.append(Figure("未設定", untyped))
    return figures


def registered_total(statuses: Sequence[str] = ON_REGISTER) -> int:
    return CitizenGroup.objects.filter(status__in=statuses).count()


def registrations_by_fiscal_year() -> list[tuple[int, int]]:
    """``(fiscal year, groups registered in it)`` by 登録日, oldest first, all statuses."""
    year = ExtractYear("registered_on") - Case(
        When(registered_on__month__lt=4, then=Value(1)), default=Value(0)
    )
    rows = (
        CitizenGroup.objects.filter(registered_on__isnull=False)
        .annotate(fy=year)
        .values("fy")
        .annotate(n=Count("pk"))
        .order_by("fy")
    )
    return [(row["fy"], row["n"]) for row in rows]


def renewal_status_counts(today: datetime.date | None = None) -> dict[str, int]:
    """One query: registered and valid, registered with renewal due, 更新待ち, 休止, 抹消."""
    today = today or timezone.localdate()
    registered = Q(status=Status.REGISTERED)
    expired = Q(valid_until__lt=today) | Q(valid_until__isnull=True)
    return CitizenGroup.objects.aggregate(
        current=Count("pk", filter=registered & Q(valid_until__gte=today)),
        due=Count("pk", filter=registered & expired),
        lapsed=Count("pk", filter=Q(status=Status.RENEWAL_DUE)),
        suspended=Count("pk", filter=Q(status=Status.SUSPENDED)),
        archived=Count("pk", filter=Q(status=Status.ARCHIVED)),
    )


def registrations_waiting(user: Visitor) -> int:
    """How many registrations wait for the centre's approval (the staff dashboard)."""
    return CitizenGroup.objects.filter(status=Status.SUBMITTED).count()


@dataclass(frozen=True)
class GroupCard:
    """What a directory card prints, worked out once in Python (no lookups in the loop)."""

    url: str
    name: str
    name_kana: str
    fields: list[str]
    organization_type: str
    districts: str
    activities: str


def group_cards(groups: Sequence[CitizenGroup]) -> list[GroupCard]:
    """The cards of a page of :func:`directory_groups` (their taxonomies already loaded)."""
    return [
        GroupCard(
            url=reverse("groups:profile", args=[group.pk]),
            name=group.name,
            name_kana=group.name_kana,
            fields=[field.name for field in group.activity_fields.all()],
            organization_type=group.organization_type.name if group.organization_type else "",
            districts="、".join(district.name for district in group.districts.all()),
            activities=Truncator(group.activities).chars(80),
        )
        for group in groups
    ]
