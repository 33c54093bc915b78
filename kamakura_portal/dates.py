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


REIWA_START = datetime.date(2019, 5, 1)
HEISEI_START = datetime.date(1989, 1, 8)


def wareki_date(day: datetime.date, *, with_day: bool = True) -> str:
    """``令和8年（2026年）8月1日`` as printed documents date themselves (``with_day=False``:
    ``令和8年（2026年）8月``). The era changes on its first day, not on 1 January."""
    if day >= REIWA_START:
        era, number = "令和", day.year - 2018
    elif day >= HEISEI_START:
        era, number = "平成", day.year - 1988
    else:
        era, number = "昭和", day.year - 1925
    text = f"{era}{'元' if number == 1 else number}年（{day.year}年）{day.month}月"
    return f"{text}{day.day}日" if with_day else text
