"""Progress figures as a reader sees them: the table of measures per progress with its stacked
chart, and the chart of self-assessments. Shared by the progress page and the printed status
report (進捗状況報告書), so both show the same columns, labels and colours; the counts come
from :mod:`measures.queries`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kamakura_portal.charts import BarChart, Series, bar_chart

from .models import ProgressReport
from .queries import NOT_REPORTED

Progress = ProgressReport.Progress


@dataclass(frozen=True)
class ProgressRow:
    label: str
    cells: list[int]  # one per column
    total: int


@dataclass(frozen=True)
class ProgressTable:
    """Measures per progress of their report, one row per tier or category."""

    columns: list[str]
    rows: list[ProgressRow]
    totals: list[int]
    chart: BarChart

    @property
    def grand_total(self) -> int:
        return sum(self.totals)


def progress_labels() -> dict[str, str]:
    """The columns' labels: each progress, then the measures without a published report."""
    return {
        **{value: str(label) for value, label in Progress.choices},
        NOT_REPORTED: _("No published report"),
    }


def progress_table(counts: dict[str, dict[str, int]], title: str, unnamed: str) -> ProgressTable:
    """The table and stacked chart of ``{row label: {progress: measures}}``
    (:func:`measures.queries.measures_by_tier_and_status` or ``…_by_category_…``); a row
    with an empty label is called ``unnamed``."""
    labels = progress_labels()
    columns = list(labels)
    rows = [
        ProgressRow(
            label or unnamed,
            [cells.get(column, 0) for column in columns],
            sum(cells.values()),
        )
        for label, cells in counts.items()
    ]
    totals = [sum(row.cells[i] for row in rows) for i in range(len(columns))]
    chart = BarChart(
        title,
        categories=[row.label for row in rows],
        series=[
            Series(labels[column], [row.cells[i] for row in rows])
            for i, column in enumerate(columns)
        ],
        stacked=True,
    )
    return ProgressTable([labels[column] for column in columns], rows, totals, chart)


def grade_chart(grades: dict[str, int], title: str) -> BarChart:
    """Reports per self-assessment grade (:func:`measures.queries.grade_distribution`)."""
    return bar_chart(
        title,
        [(str(ProgressReport.Grade(grade).label), count) for grade, count in grades.items()],
        series_name=_("Number of reports"),
    )
