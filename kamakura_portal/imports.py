"""What the registry import and the proposal history import share, besides reading the file.

Each import checks a :class:`~kamakura_portal.import_files.Table` into a plan listing every
:class:`Problem` with the row number the spreadsheet shows (the header is row 1), and
commits a plan without errors in one transaction, so a file with any bad row imports
nothing. The checks of a row and the writes are each app's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .import_files import Table, filled


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str
    is_error: bool = True


class ImportRejected(Exception):
    """A plan with errors was given to a ``commit_import``; nothing was saved."""

    @classmethod
    def for_plan(cls, plan: ImportReport) -> ImportRejected:
        count = len(plan.errors)
        return cls(
            ngettext(
                "The file has %(count)d problem; nothing was imported.",
                "The file has %(count)d problems; nothing was imported.",
                count,
            )
            % {"count": count}
        )


class ImportReport:
    """The dry run's verdict, for an app's plan dataclass that has these two fields."""

    problems: list[Problem]
    row_count: int

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def notes(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def is_valid(self) -> bool:
        return self.row_count > 0 and not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({problem.row for problem in self.errors if problem.row > 1})


def map_columns(
    table: Table,
    columns: tuple[str, ...],
    required: tuple[str, ...],
    *,
    key: Callable[[str], str],
    report_unnamed: bool = False,
) -> tuple[dict[int, str], list[Problem]]:
    """Which column holds which field; unknown, doubled and missing columns are problems.

    Headings are compared by ``key`` (width and spacing folded). With ``report_unnamed``, a
    column with values but no heading is a problem too; otherwise it is ignored.
    """
    known = {key(name): name for name in columns}
    found: dict[int, str] = {}
    problems = []
    for index, heading in enumerate(table.header):
        if not heading:
            if report_unnamed and any(
                index < len(cells) and filled(cells[index]) for _n, cells in table.rows
            ):
                problems.append(
                    Problem(
                        1,
                        _("column %(number)d") % {"number": index + 1},
                        _("This column has values but no name in the first row."),
                    )
                )
            continue
        name = known.get(key(heading))
        if name is None:
            problems.append(
                Problem(
                    1,
                    heading,
                    _("Unknown column “%(column)s”. The columns are: %(columns)s.")
                    % {"column": heading, "columns": "、".join(columns)},
                )
            )
        elif name in found.values():
            problems.append(
                Problem(1, name, _("The column “%(column)s” appears twice.") % {"column": name})
            )
        else:
            found[index] = name
    for name in required:
        if name not in found.values():
            problems.append(
                Problem(1, name, _("The file has no “%(column)s” column.") % {"column": name})
            )
    return found, problems


def problem_line(problem: Problem) -> str:
    """「行 12・フリガナ: …」 as the commands print it."""
    return _("Row %(row)d · %(column)s: %(message)s") % {
        "row": problem.row,
        "column": problem.column or "-",
        "message": problem.message,
    }
