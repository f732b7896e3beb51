"""Layout of the visual timeline page: entries as bars on a linear time axis, in lanes that do not overlap.

Pure functions over the rows of ``storage.timeline_overview``; the Datasette plugin renders the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .export import display_date

MIN_WIDTH = 0.8  # percent of the axis: a one-day entry is still visible
LABEL_CHARS_PER_PERCENT = 1.6  # how much axis a label takes, to keep lanes readable
LABEL_EXTRA_CHARS = 40  # the date and counts after the name
LABEL_FLIP_AT = 55.0  # percent: labels of bars further right are drawn before the bar
STATUS_PRIORITY = ("false", "misleading", "unverifiable", "verified", "in_progress", "unreviewed")


@dataclass
class Bar:
    entry_id: str
    name: str
    display_date: str
    left: float
    width: float
    lane: int
    status: str
    conflicts: int
    mentions: int
    sources: int
    open_start: bool
    curated: bool
    label_left: bool


@dataclass
class Tick:
    label: str
    left: float


def entry_status(statuses: str | None) -> str:
    """The status that matters most among an entry's mentions (a false one outranks a verified one)."""
    present = set((statuses or "unreviewed").split(","))
    return next((status for status in STATUS_PRIORITY if status in present), "unreviewed")


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value)[:10])


def layout(entries: list[dict[str, Any]]) -> tuple[list[Bar], list[Tick]]:
    """Bars and axis ticks for timeline entries (rows with date_start/date_end, counts and statuses)."""
    dated = [e for e in entries if e["date_start"] or e["date_end"]]
    if not dated:
        return [], []
    first = min(_day(e["date_start"] or e["date_end"]) for e in dated)
    last = max(_day(e["date_end"] or e["date_start"]) for e in dated)
    span = max((last - first).days, 1)
    first, span = first - dt.timedelta(days=span // 50), span + 2 * (span // 50) + 1

    def position(day: dt.date) -> float:
        return 100.0 * (day - first).days / span

    bars: list[Bar] = []
    lane_ends: list[float] = []
    for entry in sorted(dated, key=lambda e: (str(e["date_start"] or e["date_end"]), str(e["date_end"]))):
        end = _day(entry["date_end"] or entry["date_start"])
        start = _day(entry["date_start"]) or end
        left = position(start)
        width = max(MIN_WIDTH, position(end + dt.timedelta(days=1)) - left)
        label = (len(entry["name"]) + LABEL_EXTRA_CHARS) / LABEL_CHARS_PER_PERCENT
        label_left = left > LABEL_FLIP_AT  # near the right edge the label goes before the bar
        occupied_from, occupied_to = (left - label, left + width) if label_left else (left, left + width + label)
        lane = next((i for i, lane_end in enumerate(lane_ends) if lane_end <= occupied_from), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(occupied_to)
        else:
            lane_ends[lane] = occupied_to
        bars.append(Bar(entry["id"], entry["name"], display_date(entry["date_start"], entry["date_end"]),
                        round(left, 3), round(width, 3), lane, entry_status(entry.get("statuses")),
                        int(entry.get("conflicts") or 0), int(entry.get("mentions") or 0),
                        int(entry.get("sources") or 0), entry["date_start"] is None, bool(entry["curated"]),
                        label_left))
    return bars, ticks(first, span)


def ticks(first: dt.date, span: int) -> list[Tick]:
    """Year ticks (every N years so that there are at most 12), or month ticks for short spans."""
    last = first + dt.timedelta(days=span)
    if span > 3 * 365:
        step = max(1, (last.year - first.year) // 12 + 1)
        days = [dt.date(year, 1, 1) for year in range(first.year + 1, last.year + 1, step)]
        labels = [str(day.year) for day in days]
    else:
        days, labels = [], []
        year, month = first.year, first.month
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = dt.date(year, month, 1)
            if day > last:
                break
            days.append(day)
            labels.append(day.strftime("%b %Y"))
    return [Tick(label, round(100.0 * (day - first).days / span, 3)) for label, day in zip(labels, days)]
