"""The cross-article timeline: link event mentions to timeline entries and flag date conflicts.

A mention links to the entry that shares the most evidence with it — names (participants, place, the
capitalised names of its clause), the place, and keywords or trigger — provided the evidence reaches
``LINK_SCORE``. Entries whose dates can overlap the mention's are preferred; a mention linked to an
entry whose dates it cannot overlap is a *conflict* (sources disagree on the date), which needs
stronger evidence (``CONFLICT_NAMES`` shared names and a shared keyword). A mention that links
nowhere starts a new, uncurated entry, so two articles about the same event share one entry.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .edtf import to_edtf
from .errors import InputError
from .ids import stable_id
from .models import TimelineEntry
from .text import capitalised_names

LINK_SCORE = 3
CONFLICT_NAMES = 2
PLACE_MATCH, PLACE_MISMATCH = 2, -2
MAX_NAME_POINTS, MAX_KEYWORD_POINTS = 3, 2
MAX_NAME_CHARS = 80
WORD_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
POSSESSIVE = re.compile(r"['’]s$")


def words_of(text: str | None) -> set[str]:
    return set(WORD_RE.findall((text or "").lower()))


def name_keys(names: Iterable[str]) -> set[str]:
    """The last word of each name, lower-cased: "US President Joe Biden" -> "biden"."""
    return {POSSESSIVE.sub("", name.split()[-1].lower()) for name in names if name.split()}


@dataclass
class Mention:
    """What the linker needs of an event mention (a row of the events table)."""

    id: str
    article_id: str
    text: str
    trigger: str | None
    description: str
    date_start: dt.date | None
    date_end: dt.date | None
    place: str | None
    participants: list[str]
    names: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Mention":
        participants = row["participants"]
        if isinstance(participants, str):
            participants = json.loads(participants or "[]")
        text = row["text"]
        names = name_keys([*participants, *([row["place"]] if row.get("place") else []),
                           *(n.text for n in capitalised_names(text, 0, len(text)))])
        return cls(row["id"], row["article_id"], text, row.get("trigger"), row["description"],
                   _date(row.get("date_start")), _date(row.get("date_end")), row.get("place"), participants,
                   names, words_of(text))


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def overlaps(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None) -> bool:
    """Can two intervals (None = open) share a day?"""
    return (a_start is None or b_end is None or a_start <= b_end) and (b_start is None or a_end is None or b_start <= a_end)


@dataclass
class Evidence:
    score: int
    shared_names: int
    shared_keywords: int


def evidence(mention: Mention, entry: TimelineEntry) -> Evidence:
    """How much a mention and an entry have in common, whatever their dates."""
    entry_names = name_keys(entry.participants)
    shared_names = len(entry_names & (mention.names | mention.words))
    keywords = {k.lower() for k in entry.keywords}
    shared_keywords = len(keywords & (mention.words | {(mention.trigger or "").lower()}))
    score = min(shared_names, MAX_NAME_POINTS) + min(shared_keywords, MAX_KEYWORD_POINTS)
    if mention.place and entry.place:
        score += PLACE_MATCH if words_of(mention.place) & words_of(entry.place) else PLACE_MISMATCH
    return Evidence(score, shared_names, shared_keywords)


def entry_from_mention(mention: Mention) -> TimelineEntry:
    """A new uncurated entry for a mention that matches none."""
    names = [n.text for n in capitalised_names(mention.text, 0, len(mention.text))]
    participants = list(dict.fromkeys([*mention.participants, *names]))
    name = mention.description if len(mention.description) <= MAX_NAME_CHARS else mention.description[: MAX_NAME_CHARS - 1] + "…"
    return TimelineEntry(
        id=stable_id("tl", mention.id), name=name, date_start=mention.date_start, date_end=mention.date_end,
        edtf=edtf_interval(mention.date_start, mention.date_end), place=mention.place,
        description=mention.description, participants=participants,
        keywords=[mention.trigger.lower()] if mention.trigger else [], curated=False,
    )


def edtf_interval(start: dt.date | None, end: dt.date | None) -> str | None:
    """EDTF for a day interval: "2023-06-15", "2023-06-15/2023-06-16", "../2023-06-15" (open start)."""
    if start is None:
        return to_edtf(None, start, end, "on_or_before")
    return to_edtf(None, start, end or start)


@dataclass
class Link:
    entry_id: str
    conflict: bool


class Linker:
    """Links mentions one by one, growing the set of entries; candidates are found by shared names."""

    def __init__(self, entries: Iterable[TimelineEntry]) -> None:
        self.entries: dict[str, TimelineEntry] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.created: list[TimelineEntry] = []
        for entry in entries:
            self._add(entry)

    def _add(self, entry: TimelineEntry) -> None:
        self.entries[entry.id] = entry
        for key in name_keys(entry.participants) | {k.lower() for k in entry.keywords}:
            self.by_key[key].add(entry.id)

    def link(self, mention: Mention) -> Link:
        """The entry for ``mention``: the best compatible one, else a conflicting one, else a new one."""
        candidates = set().union(*(self.by_key.get(key, set()) for key in mention.names | mention.words))
        best: tuple[tuple[int, int, int], str, bool] | None = None
        for entry_id in candidates:
            entry = self.entries[entry_id]
            found = evidence(mention, entry)
            if found.score < LINK_SCORE:
                continue
            compatible = overlaps(mention.date_start, mention.date_end, entry.date_start, entry.date_end)
            if not compatible and (found.shared_names < CONFLICT_NAMES or not found.shared_keywords):
                continue
            rank = (int(compatible), found.score, int(entry.curated))
            if best is None or rank > best[0]:
                best = (rank, entry_id, not compatible)
        if best is not None:
            return Link(best[1], best[2])
        entry = entry_from_mention(mention)
        self._add(entry)
        self.created.append(entry)
        return Link(entry.id, False)


def load_curated(path: Path) -> list[TimelineEntry]:
    """The curated entries of a timeline YAML file (see seeds/timeline.yml); InputError names the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read timeline entries ({exc})") from exc
    entries = []
    for number, item in enumerate(data.get("entries") or [], start=1):
        try:
            entry = TimelineEntry(**{**item, "curated": True})
        except (TypeError, ValueError) as exc:
            raise InputError(f"{path} entry {number}: {exc}") from exc
        entries.append(entry.model_copy(update={"edtf": entry.edtf or edtf_interval(entry.date_start, entry.date_end)}))
    return entries
