"""TIMEX3 values as calendar intervals: granularity and first/last day of a value."""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:{_AMOUNT}(?:DE|CE|WE|Y|M|W|D|Q))*(?:T(?:{_AMOUNT}[HMS])+)?"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), _month_end(end_year, end_month)


def interval(value: str | None) -> tuple[dt.date | None, dt.date | None, str | None]:
    """``interval("2008")`` -> (2008-01-01, 2008-12-31, "year"); (None, None, None) when not a calendar value.

    Invalid calendar values ("2023-02-30") give (None, None, None) rather than an exception.
    """
    if not value:
        return None, None, None
    try:
        return _interval(value)
    except ValueError:
        return None, None, None


def _interval(value: str) -> tuple[dt.date | None, dt.date | None, str | None]:
    if match := _DAY.match(value):
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        return day, day, "time" if match[4] else "day"
    if match := _MONTH.match(value):
        return (*_months(int(match[1]), int(match[2]), int(match[2])), "month")
    if match := _YEAR.match(value):
        return dt.date(int(match[1]), 1, 1), dt.date(int(match[1]), 12, 31), "year"
    if match := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend"
        return monday, monday + dt.timedelta(days=6), "week"
    if match := _QUARTER.match(value):
        first = 3 * (int(match[2]) - 1) + 1
        return (*_months(int(match[1]), first, first + 2), "quarter")
    if match := _HALF.match(value):
        first = 6 * (int(match[2]) - 1) + 1
        return (*_months(int(match[1]), first, first + 5), "half")
    if match := _SEASON.match(value):
        first, last = SEASON_MONTHS[match[2]]
        return (*_months(int(match[1]), first, last), "season")
    if match := _DECADE.match(value):
        year = int(match[1]) * 10
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade"
    if match := _CENTURY.match(value):
        year = int(match[1]) * 100
        return dt.date(year, 1, 1), dt.date(year + 99, 12, 31), "century"
    return None, None, None


def is_valid_value(value: str) -> bool:
    """True for a well-formed TIMEX3 value this project emits (calendar, duration, set or reference)."""
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return True
    if value != "P" and re.fullmatch(_DURATION, value) and not value.endswith("T"):
        return True
    if re.fullmatch(r"XXXX(?:-\d{2}(?:-\d{2})?|-WXX-\d|-SP|-SU|-FA|-WI|-Q[1-4])?(?:T[\w:]+)?", value):
        return True
    start, _, granularity = interval(value)
    return start is not None or granularity is not None
