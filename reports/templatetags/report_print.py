"""Tags of the printed reports: ``{{ day|wareki }}`` → 令和8年（2026年）8月1日, and
``{% print_chart chart %}``."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone

from kamakura_portal.charts import BarChart
from kamakura_portal.dates import wareki_date

register = template.Library()


@register.filter
def wareki(day: datetime.date | datetime.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return wareki_date(day)


@register.inclusion_tag("reports/pdf/_chart.html")
def print_chart(chart: BarChart, caption: bool = True, table: bool = True) -> dict[str, Any]:
    """The chart of :mod:`kamakura_portal.charts` laid out for print: the same rows, colours
    and table as ``{% bar_chart %}`` in a table WeasyPrint sets well (``caption=False`` where
    a heading already says what the chart is; ``table=False`` for a chart of one series, whose
    bars already print every value beside them)."""
    return {
        "chart": chart,
        "rows": chart.rows(),
        "table": chart.table() if table else None,
        "caption": caption,
    }
