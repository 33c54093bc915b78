"""Import of the centre's registry spreadsheet (DESIGN.md §3, "Import columns").

Three steps, each usable alone: :func:`read_rows` turns an uploaded CSV (UTF-8 with or
without BOM, or CP932 as Excel saves it) or XLSX into a header and rows;
:func:`plan_import` checks every row and lists every problem with the row number the
spreadsheet shows (the header is row 1); :func:`commit_import` saves a plan without errors
in one transaction, so a file with any bad row imports nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal import imports
from kamakura_portal.audit import acting_as
from kamakura_portal.dates import fiscal_year, fiscal_year_end
from kamakura_portal.import_audit import CreatedChanges
from kamakura_portal.import_copy import copy_objects
from kamakura_portal.import_files import ImportFileError, Table, read_rows
from kamakura_portal.imports import ImportReport, Problem, map_columns, problem_line
from kamakura_portal.japanese import matching_key
from kamakura_portal.workflow import record_arrival

from .import_rows import PlannedGroup, RowChecker, Taxonomies
from .models import CitizenGroup, Contact
from .search import refresh_search_index, refresh_search_index_later
from .services import RegistryError

__all__ = [
    "COLUMNS",
    "ImportFileError",
    "ImportPlan",
    "ImportRejected",
    "PlannedGroup",
    "Problem",
    "Table",
    "commit_import",
    "plan_import",
    "problem_line",
    "read_rows",
]

Status = CitizenGroup.Status

COLUMNS = (
    "団体名",
    "フリガナ",
    "組織形態",
    "活動分野",
    "活動地域",
    "設立年",
    "会員数",
    "代表者名",
    "代表者フリガナ",
    "メール",
    "電話番号",
    "郵便番号",
    "所在地",
    "ウェブサイト",
    "主な活動内容",
    "協働への関心",
    "登録日",
    "状態",
)
REQUIRED_COLUMNS = ("団体名",)
# The reason recorded in each imported group's status history.
IMPORT_REASON = "一括取り込み"
# Groups written at a time by commit_import.
CHUNK = 2000


class ImportRejected(RegistryError, imports.ImportRejected):
    """A plan with errors was given to :func:`commit_import`."""


@dataclass
class ImportPlan(ImportReport):
    groups: list[PlannedGroup]
    problems: list[Problem]
    row_count: int


# --- planning ---------------------------------------------------------------------------


def plan_import(table: Table) -> ImportPlan:
    """Check every row against the taxonomies and the registry; nothing is saved."""
    columns, problems = map_columns(
        table, COLUMNS, REQUIRED_COLUMNS, key=matching_key, report_unnamed=True
    )
    if not table.rows:
        problems.append(Problem(1, "", _("The file has no rows below the column names.")))
    # Rows are checked despite an unknown column (every problem at once), not without names.
    if not table.rows or any(name not in columns.values() for name in REQUIRED_COLUMNS):
        return ImportPlan([], problems, len(table.rows))
    checker = RowChecker(Taxonomies.load(), existing_names=_existing_names())
    groups = []
    for number, cells in table.rows:
        values = {
            name: cells[index] if index < len(cells) else None for index, name in columns.items()
        }
        planned, row_problems = checker.check(number, values)
        problems.extend(row_problems)
        if planned is not None and not any(problem.is_error for problem in row_problems):
            groups.append(planned)
    return ImportPlan(groups, problems, len(table.rows))


def _existing_names() -> list[str]:
    return list(CitizenGroup.objects.values_list("name", flat=True))


# --- committing -------------------------------------------------------------------------


def _valid_until(status: str, today: datetime.date) -> datetime.date | None:
    """登録: valid to the end of the current fiscal year, as an approval today would make it.

    (The file's 登録日 may be years old; a validity counted from it would send every
    imported group to 更新待ち at the next renewal run.) 更新待ち: lapsed last 31 March.
    """
    if status == Status.REGISTERED:
        return fiscal_year_end(fiscal_year(today))
    if status == Status.RENEWAL_DUE:
        return fiscal_year_end(fiscal_year(today) - 1)
    return None


def commit_import(
    plan: ImportPlan,
    actor: User | None,
    today: datetime.date | None = None,
    *,
    search_now: bool = False,
) -> int:
    """Create the plan's groups, all or none; returns how many were created.

    The groups are written :data:`CHUNK` at a time (each with its contacts, history and
    audit entries) in one transaction, so the objects held in memory stay the same whatever
    the number of rows; a chunk's objects are dropped once written. The rows go in by COPY
    (:func:`~kamakura_portal.import_copy.copy_objects`), not INSERT statements, which took
    longer to build than to run.

    Their search tokens are not computed here (Sudachi takes ~2 ms a group, and its
    dictionary ~190 MB of memory): once the transaction commits, a worker task per chunk
    (:func:`~groups.search.refresh_search_index_later`) tokenises the chunk's texts and
    stores their tokens and vectors, as a group saved alone gets them. Until it has run, an
    imported group is listed in the directory and found by its filters but not by a keyword
    (nor by the matching, which reads the same tokens): never a wrong match, only a
    missing one for a few minutes. ``search_now`` tokenises in the transaction instead (the
    demo's 351 groups: searchable at once, with no worker and no task sent).
    """
    if not plan.is_valid:
        raise ImportRejected.for_plan(plan)
    today = today or timezone.localdate()
    audit = _Audit(actor)
    with acting_as(actor), transaction.atomic():
        for start in range(0, len(plan.groups), CHUNK):
            ids = _create(plan.groups[start : start + CHUNK], actor, today, audit)
            if search_now:
                refresh_search_index(ids)
            else:
                refresh_search_index_later(ids)
    return len(plan.groups)


def _create(
    planned: list[PlannedGroup], actor: User | None, today: datetime.date, audit: _Audit
) -> list[int]:
    groups = [
        CitizenGroup(
            **{
                **plan.profile,
                "registered_on": plan.profile["registered_on"] or today,
                "valid_until": _valid_until(plan.profile["status"], today),
            }
        )
        for plan in planned
    ]
    copy_objects(groups, take_ids=True)
    _link(groups, planned)
    contacts = []
    for group, plan in zip(groups, planned, strict=True):
        contacts.append(
            Contact(group=group, kind=Contact.Kind.REPRESENTATIVE, **plan.representative)
        )
        contacts.append(Contact(group=group, kind=Contact.Kind.LIAISON))
    copy_objects(contacts, take_ids=True)  # their audit entries name them
    record_arrival(groups, IMPORT_REASON, actor)
    audit.write(groups, contacts, planned)
    return [group.pk for group in groups]


def _link(groups: list[CitizenGroup], planned: list[PlannedGroup]) -> None:
    fields_through = CitizenGroup.activity_fields.through
    districts_through = CitizenGroup.districts.through
    copy_objects(
        [
            fields_through(citizengroup_id=group.pk, activityfield_id=term.pk)
            for group, plan in zip(groups, planned, strict=True)
            for term in plan.activity_fields
        ]
    )
    copy_objects(
        [
            districts_through(citizengroup_id=group.pk, district_id=term.pk)
            for group, plan in zip(groups, planned, strict=True)
            for term in plan.districts
        ]
    )


class _Audit:
    """The audit entries the signals would have written, had the rows been saved one by one:
    a creation per group and contact (:class:`~kamakura_portal.import_audit.CreatedChanges`),
    and per group an m2m addition for its activity fields and one for its districts."""

    def __init__(self, user: User | None) -> None:
        from auditlog.cid import get_cid
        from django.contrib.contenttypes.models import ContentType

        models: tuple[type[Model], ...] = (CitizenGroup, Contact)
        self.actor = (getattr(user, "pk", None), getattr(user, "email", None))
        self.cid = get_cid()
        self.content_types = {
            model: content_type.pk
            for model, content_type in ContentType.objects.get_for_models(*models).items()
        }
        self.changes = {model: CreatedChanges(model) for model in models}

    def _entry(self, obj: Model, action: int, changes: Any) -> Any:
        from auditlog.models import LogEntry

        # Ids, not objects: setting a relation costs a router call per entry.
        return LogEntry(
            content_type_id=self.content_types[type(obj)],
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj),
            action=action,
            changes=changes,
            actor_id=self.actor[0],
            actor_email=self.actor[1],
            cid=self.cid,
        )

    def write(
        self, groups: list[CitizenGroup], contacts: list[Contact], planned: list[PlannedGroup]
    ) -> None:
        from auditlog.models import LogEntry

        create, update = LogEntry.Action.CREATE, LogEntry.Action.UPDATE
        entries = [
            self._entry(obj, create, self.changes[type(obj)](obj)) for obj in [*groups, *contacts]
        ]
        for group, plan in zip(groups, planned, strict=True):
            for name, terms in (
                ("activity_fields", plan.activity_fields),
                ("districts", plan.districts),
            ):
                if terms:
                    added = {"type": "m2m", "operation": "add", "objects": _names(terms)}
                    entries.append(self._entry(group, update, {name: added}))
        copy_objects(entries)


def _names(terms: list[Any]) -> list[str]:
    """The terms' names in their model's order (its ``Meta.ordering``: plain ascending
    fields, codes in ASCII), as auditlog lists the objects a relation gained."""
    ordering = terms[0]._meta.ordering
    return [str(term) for term in sorted(terms, key=lambda t: [getattr(t, f) for f in ordering])]
