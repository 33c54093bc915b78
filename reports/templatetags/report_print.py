"""Tags of the printed reports: ``{{ day|wareki }}`` → 令和8年（2026年）8月1日, and
``{% print_chart chart %}``."""

from __future__ import annotations

import datetime
import re
from functools import cache
from pathlib import Path
from typing import Any

from django import template
from django.contrib.staticfiles import finders
from django.utils import timezone

from kamakura_portal.charts import PALETTE_SIZE, BarChart
from kamakura_portal.dates import wareki_date

register = template.Library()


@register.filter
def wareki(day: datetime.date | datetime.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localdate(day)
    return wareki_date(day)


@cache
def palette() -> list[str]:
    """The chart colours, read from the web's stylesheet so that there is one palette."""
    path = finders.find("css/charts.css")
    css = Path(str(path)).read_text(encoding="utf-8")
    fills = dict(re.findall(r"\.chart__fill--(\d+)\s*{\s*fill:\s*(#[0-9a-fA-F]{3,6})", css))
    return [fills.get(str(index), "#595959") for index in range(PALETTE_SIZE)]


@register.inclusion_tag("reports/pdf/_chart.html")
def print_chart(chart: BarChart, caption: bool = True) -> dict[str, Any]:
    """The chart of :mod:`kamakura_portal.charts` drawn for print: the same rows and table
    as ``{% bar_chart %}`` (``caption=False`` where a heading already says what the chart
    is), with the colours as SVG attributes (WeasyPrint does not apply
    the page's CSS to inline SVG, so the web's classes would print every bar black)."""
    colours = palette()
    return {
        "chart": chart,
        "rows": [
            {
                "label": row.label,
                "total_text": row.total_text,
                "lines": [
                    [(segment, colours[segment.series_index]) for segment in line]
                    for line in row.lines
                ],
            }
            for row in chart.rows()
        ],
        "legend": [(colours[index], name) for index, name in chart.legend],
        "table": chart.table(),
        "caption": caption,
    }
