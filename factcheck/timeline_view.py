"""Layout of the visual timeline page: entries as bars on a linear time axis, in lanes that do not overlap.

Pure functions over the rows of ``storage.timeline_overview``; the Datasette plugin renders the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .export import display_date

MIN_WIDTH = 0.8  # percent of the axis: a one-day entry is still visible
LABEL_CHARS_PER_PERCENT = 1.3  # how much axis a label takes (at 0.85em on a page 1,200-1,400 px wide)
LABEL_EXTRA_CHARS = 45  # the date and counts after the name
MIN_LABEL_ROOM = 15.0  # percent: with less room on both sides, the label goes over its bar
LABEL_MAX_CHARS = 70  # a longer name is cut (with "…") on the page; its bar's title keeps it whole
WEEK_TICKS_DAYS = 100  # an axis this short is marked by weeks
STATUS_PRIORITY = ("false", "misleading", "unverifiable", "verified", "in_progress", "unreviewed")


@dataclass
class Bar:
    entry_id: str
    name: str
    label: str
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
    label_inside: bool
    label_room: float  # percent of the axis the label may take (it is cut with "…" past it)


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


def layout(entries: list[dict[str, Any]], start: dt.date | None = None,
           end: dt.date | None = None) -> tuple[list[Bar], list[Tick]]:
    """Bars and axis ticks for timeline entries (rows with date_start/date_end, counts and statuses). The axis
    spans the entries, or runs from ``start`` to ``end`` when given (a bar reaching past them is cut there)."""
    dated = [e for e in entries if e["date_start"] or e["date_end"]]
    if not dated:
        return [], []
    first = start or min(_day(e["date_start"] or e["date_end"]) for e in dated)
    last = end or max(_day(e["date_end"] or e["date_start"]) for e in dated)
    span = max((last - first).days, 1)
    before, after = (0 if start else span // 50), (0 if end else span // 50)  # room at an open end
    first, span = first - dt.timedelta(days=before), span + before + after + 1

    def position(day: dt.date) -> float:
        return 100.0 * (day - first).days / span

    bars: list[Bar] = []
    lane_ends: list[float] = []
    for entry in sorted(dated, key=lambda e: (str(e["date_start"] or e["date_end"]), str(e["date_end"]))):
        to = _day(entry["date_end"] or entry["date_start"])
        since = _day(entry["date_start"]) or to
        left = max(0.0, position(since))
        width = max(MIN_WIDTH, min(100.0, position(to + dt.timedelta(days=1))) - left)
        name = short_label(entry["name"])
        label = (len(name) + LABEL_EXTRA_CHARS) / LABEL_CHARS_PER_PERCENT
        # the label goes after the bar where it fits, else before it, else on the roomier side (cut to the room
        # there, with "…"), or over the bar when it runs across the axis
        after, before = 100 - left - width, left
        label_left = label > after and (label <= before or before > after)
        label_inside = label > after and not label_left and after < MIN_LABEL_ROOM
        room = 100 - left if label_inside else before if label_left else after
        label = min(label, room)
        occupied_from, occupied_to = (left - label, left + width) if label_left else \
            (left, max(left + width, left + label)) if label_inside else (left, left + width + label)
        lane = next((i for i, lane_end in enumerate(lane_ends) if lane_end <= occupied_from), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(occupied_to)
        else:
            lane_ends[lane] = occupied_to
        bars.append(Bar(entry["id"], entry["name"], name, display_date(entry["date_start"], entry["date_end"]),
                        round(left, 3), round(width, 3), lane, entry_status(entry.get("statuses")),
                        int(entry.get("conflicts") or 0), int(entry.get("mentions") or 0),
                        int(entry.get("sources") or 0), entry["date_start"] is None, bool(entry["curated"]),
                        label_left, label_inside, round(room, 3)))
    return bars, ticks(first, span)


def short_label(name: str) -> str:
    """``name`` cut at a word to at most ``LABEL_MAX_CHARS`` characters, with "…" when cut."""
    if len(name) <= LABEL_MAX_CHARS:
        return name
    cut = name[: LABEL_MAX_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def ticks(first: dt.date, span: int) -> list[Tick]:
    """Year ticks (every N years so that there are at most 12), month ticks for shorter spans, and week
    ticks (Mondays) for spans of a few months."""
    last = first + dt.timedelta(days=span)
    if span <= WEEK_TICKS_DAYS:
        monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        days = [monday + dt.timedelta(weeks=n) for n in range((last - monday).days // 7 + 1)]
        labels = [f"{day.day} {day:%b}" for day in days]
    elif span > 3 * 365:
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
