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

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal import imports
from kamakura_portal.audit import acting_as
from kamakura_portal.dates import fiscal_year, fiscal_year_end
from kamakura_portal.import_files import ImportFileError, Table, read_rows
from kamakura_portal.imports import ImportReport, Problem, map_columns, problem_line
from kamakura_portal.japanese import matching_key
from kamakura_portal.workflow import record_arrival

from .import_rows import PlannedGroup, RowChecker, Taxonomies
from .models import CitizenGroup, Contact
from .search import refresh_search_index
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
# Groups written at a time by commit_import, and rows per INSERT.
CHUNK = 2000
BATCH = 500


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


def commit_import(plan: ImportPlan, actor: User | None, today: datetime.date | None = None) -> int:
    """Create the plan's groups, all or none; returns how many were created.

    The groups are written :data:`CHUNK` at a time (each with its contacts, history, audit
    entries and search document) in one transaction, so the objects held in memory and the
    size of each statement stay the same whatever the number of rows.
    """
    if not plan.is_valid:
        raise ImportRejected.for_plan(plan)
    today = today or timezone.localdate()
    with acting_as(actor), transaction.atomic():
        for start in range(0, len(plan.groups), CHUNK):
            _create(plan.groups[start : start + CHUNK], actor, today)
    return len(plan.groups)


def _create(planned: list[PlannedGroup], actor: User | None, today: datetime.date) -> None:
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
    CitizenGroup.objects.bulk_create(groups, batch_size=BATCH)
    _link(groups, planned)
    contacts = []
    for group, plan in zip(groups, planned, strict=True):
        contacts.append(
            Contact(group=group, kind=Contact.Kind.REPRESENTATIVE, **plan.representative)
        )
        contacts.append(Contact(group=group, kind=Contact.Kind.LIAISON))
    Contact.objects.bulk_create(contacts, batch_size=BATCH)
    record_arrival(groups, IMPORT_REASON, actor)
    _audit_created(groups, contacts, planned, actor)
    refresh_search_index([group.pk for group in groups])


def _link(groups: list[CitizenGroup], planned: list[PlannedGroup]) -> None:
    fields_through = CitizenGroup.activity_fields.through
    districts_through = CitizenGroup.districts.through
    fields_through.objects.bulk_create(
        [
            fields_through(citizengroup_id=group.pk, activityfield_id=term.pk)
            for group, plan in zip(groups, planned, strict=True)
            for term in plan.activity_fields
        ],
        batch_size=1000,
    )
    districts_through.objects.bulk_create(
        [
            districts_through(citizengroup_id=group.pk, district_id=term.pk)
            for group, plan in zip(groups, planned, strict=True)
            for term in plan.districts
        ],
        batch_size=1000,
    )


def _audit_created(
    groups: list[CitizenGroup],
    contacts: list[Contact],
    planned: list[PlannedGroup],
    user: User | None,
) -> None:
    """The audit entries the signals would have written, had the rows been saved one by one."""
    from auditlog.cid import get_cid
    from auditlog.diff import model_instance_diff
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    use_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    cid = get_cid()

    def entry(obj: Any, action: int, changes: Any) -> LogEntry:
        return LogEntry(
            content_type=ContentType.objects.get_for_model(obj),
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj),
            action=action,
            changes=changes,
            actor=user,
            actor_email=getattr(user, "email", None),
            cid=cid,
        )

    entries = [
        entry(
            obj,
            LogEntry.Action.CREATE,
            model_instance_diff(None, obj, use_json_for_changes=use_json),
        )
        for obj in [*groups, *contacts]
    ]
    for group, plan in zip(groups, planned, strict=True):
        for name, terms in (
            ("activity_fields", plan.activity_fields),
            ("districts", plan.districts),
        ):
            if terms:
                changes = {
                    name: {"type": "m2m", "operation": "add", "objects": [str(t) for t in terms]}
                }
                entries.append(entry(group, LogEntry.Action.UPDATE, changes))
    LogEntry.objects.bulk_create(entries, batch_size=500)
