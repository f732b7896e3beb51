"""TIMEX3 values as EDTF strings (Library of Congress Extended Date/Time Format), keeping uncertainty.

``to_edtf("2023-SU")`` -> ``"2023-22"``; a week or any other value with known bounds becomes the interval
of its days; a qualifier adds EDTF's own marks: approximate ``2023-07~``, on or before ``../2023-06-15``.
References (PAST_REF) and durations have no EDTF form and give None.
"""

from __future__ import annotations

import datetime as dt
import re

SEASON_CODES = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}
QUARTER_CODES = {"1": "33", "2": "34", "3": "35", "4": "36"}
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$")


def to_edtf(value: str | None, start: dt.date | None = None, end: dt.date | None = None,
            qualifier: str | None = None) -> str | None:
    """The EDTF form of a date value and its day bounds, with the qualifier's uncertainty."""
    if qualifier == "on_or_before" and end is not None:
        return f"../{end.isoformat()}"
    base = _plain(value, start, end)
    if base is None:
        return None
    if qualifier == "approximate" and "/" not in base:
        return f"{base}~"
    return base


def _plain(value: str | None, start: dt.date | None, end: dt.date | None) -> str | None:
    if value and _CALENDAR.match(value):
        return value
    if value and (match := _TIME.match(value)):
        return f"{match[1]}T{match[2]}:00"
    if value and (match := re.match(r"^(\d{4})-(SP|SU|FA|WI)$", value)):
        return f"{match[1]}-{SEASON_CODES[match[2]]}"
    if value and (match := re.match(r"^(\d{4})-Q([1-4])$", value)):
        return f"{match[1]}-{QUARTER_CODES[match[2]]}"
    if value and re.match(r"^\d{3}$", value):
        return f"{value}X"
    if value and re.match(r"^\d{2}$", value):
        return f"{value}XX"
    if value and (match := re.match(r"^(\d{4}-\d{2}-\d{2})T", value)):
        return match[1]  # a part of day (TNI, TMO): the day
    if start is not None and end is not None:
        return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return None
