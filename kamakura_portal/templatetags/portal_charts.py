"""``{% bar_chart chart %}``: draws a :class:`kamakura_portal.charts.BarChart`.

``{% bar_chart chart print=True %}`` prints the table in full instead of behind a disclosure,
for PDF reports.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from django import template

from kamakura_portal.charts import BarChart

register = template.Library()
_ids = count(1)


@register.inclusion_tag("charts/_bar_chart.html")
def bar_chart(chart: BarChart, print: bool = False, id: str = "") -> dict[str, Any]:
    return {
        "chart": chart,
        "rows": chart.rows(),
        "table": chart.table(),
        "print": print,
        "chart_id": id or f"chart-{next(_ids)}",
    }
