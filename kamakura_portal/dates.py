"""Fiscal years (年度, April to March) and Japanese era dates (和暦)."""

from __future__ import annotations

import datetime


def fiscal_year(day: datetime.date) -> int:
    """The fiscal year a day belongs to: 2026-03-31 is in 2025, 2026-04-01 in 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_start(year: int) -> datetime.date:
    return datetime.date(year, 4, 1)


def fiscal_year_end(year: int) -> datetime.date:
    return datetime.date(year + 1, 3, 31)


def wareki_year(year: int) -> str:
    """令和8年 for 2026; 令和元年 for 2019 (from 1 May); 平成 before."""
    if year >= 2019:
        era, number = "令和", year - 2018
    elif year >= 1989:
        era, number = "平成", year - 1988
    else:
        era, number = "昭和", year - 1925
    return f"{era}{'元' if number == 1 else number}年"


def fiscal_year_label(year: int) -> str:
    """``2026年度（令和8年度）``, as the city's documents write it."""
    return f"{year}年度（{wareki_year(year)}度）"
