"""Dates as the city writes them: ``{{ 2026|fiscal_year }}`` → 2026年度（令和8年度）."""

from __future__ import annotations

from django import template

from kamakura_portal.dates import fiscal_year_label

register = template.Library()


@register.filter(name="fiscal_year")
def fiscal_year_filter(year: int | str | None) -> str:
    if year in (None, ""):
        return ""
    return fiscal_year_label(int(year))  # type: ignore[arg-type]
