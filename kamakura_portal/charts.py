"""The one chart helper, for web pages and PDF reports alike: horizontal bar charts.

A chart is plain data (:class:`BarChart`); one template, ``charts/_bar_chart.html``, draws it
through ``{% bar_chart chart %}`` (``kamakura_portal.templatetags.portal_charts``). Labels and
values are HTML text, so they wrap on a phone, grow with the reader's font size and print
sharply; each bar is a small inline SVG whose width is a presentation attribute, so the strict
content-security policy (no inline styles) holds and WeasyPrint draws the same chart in a PDF.
Every chart comes with its table: behind a 「表で見る」 disclosure on the web, printed in full
in a PDF.

Bars are horizontal because Japanese labels are long (「特定の個人に責任や作業が集中する」).
Several series are drawn side by side (2019 vs 2025) or stacked (measures per status).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format

Number = int | float | Decimal

# The fills cycle through seven colours, each with at least 3:1 contrast against white (WCAG
# 1.4.11); stacked segments are outlined in white so that they stay apart, and every chart has
# its table for exact values. They are SVG attributes, not CSS: WeasyPrint does not apply a
# page's CSS to inline SVG, and the web and the print read the same list.
PALETTE = ("#0017c1", "#b35f00", "#197a4b", "#5c10be", "#595959", "#b50000", "#00707d")
PALETTE_SIZE = len(PALETTE)


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category; ``texts`` override how a value reads."""

    name: str
    values: Sequence[Number]
    texts: Sequence[str] | None = None


@dataclass(frozen=True)
class Segment:
    series_index: int
    series_name: str
    value: Number
    text: str
    x: float  # percent of the bar's width where the segment starts
    width: float  # percent of the bar's width

    @property
    def colour(self) -> str:
        return PALETTE[self.series_index]


@dataclass(frozen=True)
class Row:
    label: str
    lines: list[list[Segment]] = field(default_factory=list)
    total_text: str = ""


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: ``categories`` down the side, one value per series for each.

    ``max_value`` fixes the scale (100 for percentages); otherwise the largest bar (or stack)
    fills the width. ``unit`` follows every value that has no text of its own.
    """

    title: str
    categories: Sequence[str]
    series: Sequence[Series]
    stacked: bool = False
    max_value: Number | None = None
    unit: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series {s.name!r}: {len(s.values)} values for "
                    f"{len(self.categories)} categories"
                )
            if s.texts is not None and len(s.texts) != len(s.values):
                raise ValueError(f"series {s.name!r}: texts and values differ in length")

    @property
    def has_legend(self) -> bool:
        return len(self.series) > 1 or self.stacked

    @property
    def legend(self) -> list[tuple[str, str]]:
        """``(colour, name)`` of each series."""
        return [(PALETTE[n % PALETTE_SIZE], s.name) for n, s in enumerate(self.series)]

    def text(self, series: Series, index: int) -> str:
        if series.texts is not None:
            return series.texts[index]
        return f"{number_format(series.values[index], force_grouping=True)}{self.unit}"

    def scale(self) -> float:
        if self.max_value is not None:
            return float(self.max_value) or 1.0
        if self.stacked:
            sums = [
                sum(float(s.values[i]) for s in self.series) for i in range(len(self.categories))
            ]
            largest = max(sums, default=0.0)
        else:
            largest = max((float(v) for s in self.series for v in s.values), default=0.0)
        return largest or 1.0

    def rows(self) -> list[Row]:
        """The geometry the template draws: per category, one line per series (or one stack)."""
        scale = self.scale()
        rows = []
        for i, label in enumerate(self.categories):
            segments = [
                Segment(
                    series_index=n % PALETTE_SIZE,
                    series_name=s.name,
                    value=s.values[i],
                    text=self.text(s, i),
                    x=0.0,
                    width=_percent(s.values[i], scale),
                )
                for n, s in enumerate(self.series)
            ]
            if not self.stacked:
                rows.append(Row(label=label, lines=[[segment] for segment in segments]))
                continue
            x = 0.0
            stack = []
            for segment in segments:
                stack.append(replace(segment, x=round(x, 2)))
                x += segment.width
            total = sum(float(s.values[i]) for s in self.series)
            rows.append(
                Row(
                    label=label,
                    lines=[[s for s in stack if s.width > 0]],
                    total_text=f"{number_format(_tidy(total), force_grouping=True)}{self.unit}",
                )
            )
        return rows

    def table(self) -> dict[str, Any]:
        """Header and body rows of the chart's table alternative."""
        header = [s.name for s in self.series]
        body = [
            {"label": label, "cells": [self.text(s, i) for s in self.series]}
            for i, label in enumerate(self.categories)
        ]
        return {"header": header, "body": body}


def _percent(value: Number, scale: float) -> float:
    share = max(float(value), 0.0) / scale * 100
    return round(min(share, 100.0), 2)


def _tidy(value: float) -> Number:
    return int(value) if float(value).is_integer() else round(value, 1)


def bar_chart(
    title: str,
    data: Sequence[tuple[str, Number]] | dict[str, Number],
    *,
    series_name: str = "",
    unit: str = "",
    max_value: Number | None = None,
    texts: Sequence[str] | None = None,
    note: str = "",
) -> BarChart:
    """A one-series chart from ``[(label, value), …]`` or ``{label: value}``."""
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    return BarChart(
        title=title,
        categories=[label for label, _ in pairs],
        series=[Series(series_name or title, [value for _, value in pairs], texts)],
        unit=unit,
        max_value=max_value,
        note=note,
    )
