"""The current figures the guideline booklet prints in place of the figures its text was
written with (seed 001 prints the register of July 2025; the booklet prints today's).

:data:`FIGURES` is the one table of them: the line of a section's text where a figure goes
→ what prints there. A caption (【…】) or a label line is replaced by the figure, with the
caption's date line and stale table; a subsection heading gets the figure at the end of its
subsection (its text speaks of the figure but has no line for it). A caption not in the table
prints as written, followed by its table.

Registry figures come from :mod:`groups.queries`, survey comparisons from
:func:`surveys.breakdown.compare` (published results only: a booklet may be published), and
charts from the one chart helper.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from groups.queries import Figure as Count
from groups.queries import groups_by_activity_field, groups_by_organization_type, registered_total
from kamakura_portal.charts import BarChart, bar_chart
from kamakura_portal.dates import wareki_date
from surveys.breakdown import compare

from .booklet_text import key


@dataclass(frozen=True)
class Figure:
    """What the booklet prints for a figure: its caption, the line under it (the date and
    total, or the question asked), the chart, or a note when there is none. ``table``: the
    chart's table of values follows the bars (a register's figure, as the booklet prints it);
    a comparison's bars already print every count and share beside them."""

    caption: str
    sub: str = ""
    chart: BarChart | None = None
    note: str = ""
    table: bool = False
    kind: str = "figure"  # beside the text's blocks in a section's parts


@dataclass
class Live:
    """What several figures share, read once per booklet."""

    today: datetime.date

    @cached_property
    def as_of(self) -> str:
        """Today's date and the register's total (「（…12月4日時点 計 353 団体）」)."""
        return _("(As of %(date)s: %(count)s groups in all)") % {
            "date": wareki_date(self.today),
            "count": registered_total(),
        }


Provider = Callable[[Live, str], Figure]


def _registry_chart(caption: str, counts: list[Count]) -> BarChart:
    return bar_chart(
        caption,
        [(count.label, count.count) for count in counts],
        series_name=pgettext("chart series", "Number of groups"),
        unit=pgettext("unit after a number of groups", " groups"),
    )


def activity_fields(live: Live, caption: str) -> Figure:
    chart = _registry_chart(caption, groups_by_activity_field())
    return Figure(caption, live.as_of, chart, table=True)


def organization_types(live: Live, caption: str) -> Figure:
    chart = _registry_chart(caption, groups_by_organization_type())
    return Figure(caption, live.as_of, chart, table=True)


def survey_comparison(question_key: str) -> Provider:
    """The answers to one question in every published survey that asked it, side by side
    (nothing to compare while nobody has answered it)."""

    def provide(live: Live, caption: str) -> Figure:
        comparison = compare(question_key, published_only=True)
        if comparison is None or not any(answering for _s, answering in comparison.surveys):
            return Figure(caption, note=_("No published survey results to compare yet."))
        return Figure(caption, comparison.title, comparison.chart)

    return provide


@dataclass(frozen=True)
class Place:
    provider: Provider
    # A figure at the end of a subsection has no caption in the text: it brings its own.
    caption: str | Promise = ""


FIGURES: dict[str, Place] = {
    key("【市民活動センター登録団体 活動分野別一覧】"): Place(activity_fields),
    key("【市民活動センターに登録している組織形態別団体数】"): Place(organization_types),
    # 3 (2) compares the groups' challenges of 2019 and 2025 in words only.
    key("市民活動の課題"): Place(
        survey_comparison("activity_challenges"),
        gettext_lazy("Challenges in continuing the groups' activities"),
    ),
    key("市民活動団体の課題"): Place(survey_comparison("group_collaboration_challenges")),
    key("市の課題"): Place(survey_comparison("city_collaboration_challenges")),
}


def figure_for(live: Live, text: str) -> Figure | None:
    """The figure that stands for a line of the text (a caption, label or subsection title)."""
    place = FIGURES.get(key(text))
    if place is None:
        return None
    return place.provider(live, str(place.caption) or text)
