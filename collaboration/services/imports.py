"""Import of past proposals, with the columns of DESIGN.md §3.

Columns: 事業名, 年度, 制度, 提案者区分, 提案団体, 担当課, 結果, 実施.

As the registry import (:mod:`kamakura_portal.imports`): the file is read as CSV in UTF-8
or CP932, or XLSX, :func:`plan_import` checks every row and lists every problem with the
row number the spreadsheet shows, and :func:`commit_import` saves a plan without errors in
one transaction, so a file with any bad row imports nothing.

年度 is 西暦 (2019, 2019年度) or 和暦 (令和元年度, 平成30年度). The group and the department are
linked when their names match the registry and the department list; otherwise the name is
kept as written, since many past groups never registered.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Department, User
from groups.import_rows import text
from groups.models import CitizenGroup
from kamakura_portal import imports
from kamakura_portal.audit import acting_as
from kamakura_portal.import_files import ImportFileError, Table, read_rows
from kamakura_portal.imports import ImportReport, Problem, map_columns, problem_line
from kamakura_portal.japanese import matching_key
from kamakura_portal.workflow import record_arrival

from ..errors import ProposalError
from ..models import Program, Proposal

__all__ = [
    "COLUMNS",
    "ImportFileError",
    "ImportPlan",
    "ImportRejected",
    "Problem",
    "Table",
    "commit_import",
    "plan_import",
    "problem_line",
    "read_rows",
]

Status = Proposal.Status
COLUMNS = ("事業名", "年度", "制度", "提案者区分", "提案団体", "担当課", "結果", "実施")
REQUIRED_COLUMNS = ("事業名", "年度", "制度", "提案者区分", "結果")
SIDES = {
    "市": Proposal.ProposerSide.CITY,
    "市提案": Proposal.ProposerSide.CITY,
    "団体": Proposal.ProposerSide.GROUP,
    "団体提案": Proposal.ProposerSide.GROUP,
}
RESULTS = {
    "採択": Status.ADOPTED,
    "不採択": Status.REJECTED,
    "取下げ": Status.WITHDRAWN,
    "取り下げ": Status.WITHDRAWN,
}
IMPLEMENTED = {"実施": True, "未実施": False}
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_YEAR_RE = re.compile(r"^(\d{4})(?:年度?)?$")
_ERA_RE = re.compile(r"^(令和|平成|昭和)(元|\d{1,2})年度?$")
# The reason recorded in each imported proposal's status history.
IMPORT_REASON = "履歴の取り込み"


class ImportRejected(ProposalError, imports.ImportRejected):
    """A plan with errors was given to :func:`commit_import`."""


@dataclass
class PlannedProposal:
    row: int
    fields: dict[str, Any]
    group: CitizenGroup | None = None
    department: Department | None = None


@dataclass
class ImportPlan(ImportReport):
    proposals: list[PlannedProposal]
    problems: list[Problem]
    row_count: int


def parse_fiscal_year(value: str) -> int | None:
    """2019, 2019年度, 令和元年度, 平成30年度 (full-width digits too) → 2019, 2018; else None."""
    folded = "".join(unicodedata.normalize("NFKC", value).split())
    match = _YEAR_RE.match(folded)
    if match:
        return int(match.group(1))
    match = _ERA_RE.match(folded)
    if match:
        number = 1 if match.group(2) == "元" else int(match.group(2))
        return ERAS[match.group(1)] + number
    return None


class _Lookups:
    """The programmes, groups and departments by matching key, and titles already imported."""

    def __init__(self) -> None:
        self.programs: dict[str, Program] = {}
        for program in Program.objects.select_related("parent"):
            self.programs.setdefault(matching_key(str(program)), program)
            self.programs.setdefault(matching_key(program.name), program)
        self.groups = {matching_key(g.name): g for g in CitizenGroup.objects.all()}
        self.departments = {matching_key(d.name): d for d in Department.objects.all()}
        self.existing = {
            (matching_key(title), year)
            for title, year in Proposal.objects.filter(is_imported=True).values_list(
                "title", "first_fiscal_year"
            )
        }


def plan_import(table: Table) -> ImportPlan:
    """Check every row; nothing is saved."""
    columns, problems = map_columns(table, COLUMNS, REQUIRED_COLUMNS, key=matching_key)
    if not table.rows:
        problems.append(Problem(1, "", _("The file has no rows below the column names.")))
    if not table.rows or any(name not in columns.values() for name in REQUIRED_COLUMNS):
        return ImportPlan([], problems, len(table.rows))
    lookups = _Lookups()
    seen: set[tuple[str, int]] = set()
    planned = []
    for number, cells in table.rows:
        values = {
            name: text(cells[index]) if index < len(cells) else ""
            for index, name in columns.items()
        }
        row, row_problems = _check_row(number, values, lookups, seen)
        problems.extend(row_problems)
        if row is not None and not any(problem.is_error for problem in row_problems):
            planned.append(row)
    return ImportPlan(planned, problems, len(table.rows))


def _check_row(
    number: int, values: dict[str, str], lookups: _Lookups, seen: set[tuple[str, int]]
) -> tuple[PlannedProposal | None, list[Problem]]:
    problems: list[Problem] = []

    def error(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    title = values.get("事業名", "")
    if not title:
        error("事業名", _("Enter the project's title."))
    elif len(title) > 200:
        error("事業名", _("Write at most %(limit)d characters.") % {"limit": 200})
    year = parse_fiscal_year(values.get("年度", ""))
    if year is None:
        error(
            "年度",
            _("Write the fiscal year as 2019, 2019年度 or 令和元年度 (“%(value)s” is not one).")
            % {"value": values.get("年度", "")},
        )
    program = lookups.programs.get(matching_key(values.get("制度", "")))
    if program is None:
        error(
            "制度",
            _("“%(value)s” is not a programme. The programmes are: %(choices)s.")
            % {
                "value": values.get("制度", ""),
                "choices": "、".join(sorted({str(p) for p in lookups.programs.values()})),
            },
        )
    side = SIDES.get(values.get("提案者区分", "").replace(" ", ""))
    if side is None:
        error("提案者区分", _("Write 市 or 団体."))
    status = RESULTS.get(values.get("結果", ""))
    if status is None:
        error("結果", _("Write 採択, 不採択 or 取下げ."))
    implemented_text = values.get("実施", "")
    implemented = IMPLEMENTED.get(implemented_text) if implemented_text else False
    if implemented is None:
        error("実施", _("Write 実施 or 未実施."))
    elif implemented and status not in (None, Status.ADOPTED):
        error("実施", _("Only an adopted proposal can have been implemented."))
    if title and year is not None:
        key = (matching_key(title), year)
        if key in lookups.existing:
            error("事業名", _("This project of that fiscal year has been imported already."))
        elif key in seen:
            error("事業名", _("This project of that fiscal year appears twice in the file."))
        seen.add(key)
    if problems or side is None or status is None or year is None:
        return None, problems
    group_name, department_name = values.get("提案団体", ""), values.get("担当課", "")
    group = lookups.groups.get(matching_key(group_name)) if group_name else None
    department = lookups.departments.get(matching_key(department_name)) if department_name else None
    fields: dict[str, Any] = {
        "title": title,
        "first_fiscal_year": year,
        "last_fiscal_year": year,
        "program": program,
        "proposer_side": side,
        # 採択 and 実施: a past project, finished. 採択 alone: adopted, never carried out.
        "status": Status.CLOSED if implemented else status,
        "implemented": bool(implemented),
        "is_imported": True,
    }
    if side == Proposal.ProposerSide.GROUP:
        fields["proposing_group"] = group
        fields["proposer_name"] = "" if group else group_name
        fields["counterpart_name"] = "" if department else department_name
        return PlannedProposal(number, fields, department=department), problems
    fields["proposing_department"] = department
    fields["proposer_name"] = "" if department else department_name
    fields["counterpart_name"] = "" if group else group_name
    return PlannedProposal(number, fields, group=group), problems


def commit_import(plan: ImportPlan, actor: User | None) -> int:
    """Create the plan's proposals, all or none; returns how many were created."""
    if not plan.is_valid:
        raise ImportRejected.for_plan(plan)
    with acting_as(actor), transaction.atomic():
        created = []
        for planned in plan.proposals:
            proposal = Proposal.objects.create(created_by=actor, **planned.fields)
            if planned.fields["proposer_side"] == Proposal.ProposerSide.GROUP:
                if planned.department is not None:
                    proposal.counterpart_departments.add(planned.department)
            elif planned.group is not None:
                proposal.counterpart_groups.add(planned.group)
            created.append(proposal)
        record_arrival(created, IMPORT_REASON, actor)
    return len(created)
