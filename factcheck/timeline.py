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
import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NamedTuple

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
# shared names that reach the link score on their own (no keyword count needed), if names alone can
NAMES_ENOUGH = LINK_SCORE if MAX_NAME_POINTS >= LINK_SCORE else float("inf")
BLOCK_YEARS = 1  # a mention is compared with entries dated within a year of it
MAX_BLOCK_SPAN = 10  # years: a decade-long entry is indexed under its last ten years
MAX_POSTING = 200  # a key shared by more entries than this is too common to find candidates by
RAREST_KEYS = 2  # when every key is common, the rarest ones still are used
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
    capitalised: list[str] | None = None  # the capitalised names of ``text``, once found (None: not yet)

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Names and words together: what an entry's participants are compared with."""
        return frozenset(self.names | self.words)

    @functools.cached_property
    def keyword_words(self) -> frozenset[str]:
        """Words and the trigger: what an entry's keywords are compared with."""
        return frozenset(self.words | {(self.trigger or "").lower()})

    @functools.cached_property
    def place_words(self) -> frozenset[str]:
        return frozenset(words_of(self.place))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Mention":
        participants = row["participants"]
        if isinstance(participants, str):
            participants = json.loads(participants or "[]")
        text = row["text"]
        capitalised = [n.text for n in capitalised_names(text, 0, len(text))]
        names = name_keys([*participants, *([row["place"]] if row.get("place") else []), *capitalised])
        return cls(row["id"], row["article_id"], text, row.get("trigger"), row["description"],
                   _date(row.get("date_start")), _date(row.get("date_end")), row.get("place"), participants,
                   names, words_of(text), capitalised)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def overlaps(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None) -> bool:
    """Can two intervals (None = open) share a day?"""
    return (a_start is None or b_end is None or a_start <= b_end) and (b_start is None or a_end is None or b_start <= a_end)


@dataclass(frozen=True, slots=True)
class EntryKeys:
    """What evidence compares, computed once per entry."""

    names: frozenset[str]
    keywords: frozenset[str]
    place: frozenset[str]

    @classmethod
    def of(cls, entry: TimelineEntry) -> "EntryKeys":
        return cls(frozenset(name_keys(entry.participants)), frozenset(k.lower() for k in entry.keywords),
                   frozenset(words_of(entry.place)))


class Evidence(NamedTuple):
    score: int
    shared_names: int
    shared_keywords: int


def evidence(mention: Mention, keys: EntryKeys) -> Evidence:
    """How much a mention and an entry have in common, whatever their dates."""
    shared_names = len(keys.names & mention.name_words)
    shared_keywords = len(keys.keywords & mention.keyword_words)
    score = min(shared_names, MAX_NAME_POINTS) + min(shared_keywords, MAX_KEYWORD_POINTS)
    if mention.place and keys.place:
        score += PLACE_MATCH if mention.place_words & keys.place else PLACE_MISMATCH
    return tuple.__new__(Evidence, (score, shared_names, shared_keywords))


def years(start: dt.date | None, end: dt.date | None, margin: int = 0) -> range:
    """The years an interval touches (open ends take the known one), widened by ``margin``."""
    first, last = (start or end), (end or start)
    if first is None or last is None:
        return range(0)
    first_year = max(first.year, last.year - MAX_BLOCK_SPAN)
    return range(first_year - margin, last.year + margin + 1)


def entry_from_mention(mention: Mention) -> TimelineEntry:
    """A new uncurated entry for a mention that matches none."""
    names = mention.capitalised
    if names is None:
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
        # only what linking reads is kept per entry (its keys, dates and whether it is curated), not the entry
        # itself, and created entries are handed over as they are stored: memory per entry stays small
        self.keys: dict[str, EntryKeys] = {}
        self.dates: dict[str, tuple[dt.date | None, dt.date | None, bool]] = {}
        self.by_key: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.created: list[TimelineEntry] = []  # entries made for mentions that matched none, until taken
        for entry in entries:
            self._add(entry)

    def _add(self, entry: TimelineEntry) -> None:
        keys = self.keys[entry.id] = EntryKeys.of(entry)
        self.dates[entry.id] = (entry.date_start, entry.date_end, entry.curated)
        for year in years(entry.date_start, entry.date_end):
            for key in keys.names | keys.place:
                self.by_key[(key, year)].add(entry.id)

    def take_created(self) -> list[TimelineEntry]:
        """The entries created since the last call (to be stored), forgotten here."""
        created, self.created = self.created, []
        return created

    def candidates(self, mention: Mention) -> set[str]:
        """Entries sharing a name or place word with the mention, dated within a year of it (blocking).

        Only the mention's rarer keys are used: a name on every other entry ("Trump" in a campaign corpus)
        cannot tell events apart and would make linking quadratic."""
        # sized and sorted with their keys, so that which keys are the rarest never depends on set order
        postings = sorted((len(self.by_key[(key, year)]), key, year)
                          for year in years(mention.date_start, mention.date_end, margin=BLOCK_YEARS)
                          for key in mention.names | mention.place_words if (key, year) in self.by_key)
        rare = [posting for posting in postings if posting[0] <= MAX_POSTING] or postings[:RAREST_KEYS]
        chosen = [self.by_key[(key, year)] for _, key, year in rare]
        return set().union(*chosen) if chosen else set()

    def link(self, mention: Mention) -> Link:
        """The entry for ``mention``: the best compatible one, else a conflicting one, else a new one.

        Among equally good entries the smallest id wins, so a tie goes the same way in every process."""
        best: tuple[tuple[bool, int, bool], str, bool] | None = None
        names, keywords = mention.name_words, mention.keyword_words
        place_bonus = PLACE_MATCH if mention.place else 0
        keys_of, dates_of = self.keys, self.dates
        for entry_id in self.candidates(mention):
            keys = keys_of[entry_id]
            if len(keys.names) < LINK_SCORE and keys.keywords.isdisjoint(keywords) and not (place_bonus and keys.place):
                continue  # neither keyword nor place, and too few names to reach the score alone (most candidates)
            shared_names = len(keys.names & names)
            # a cheap bound first (an upper one: keywords and place uncapped) skips most candidates
            if shared_names < NAMES_ENOUGH and \
                    shared_names + len(keys.keywords & keywords) + (place_bonus if keys.place else 0) < LINK_SCORE:
                continue
            found = evidence(mention, keys)
            if found.score < LINK_SCORE:
                continue
            entry_start, entry_end, curated = dates_of[entry_id]
            compatible = overlaps(mention.date_start, mention.date_end, entry_start, entry_end)
            if not compatible and (found.shared_names < CONFLICT_NAMES or not found.shared_keywords):
                continue
            rank = (compatible, found.score, curated)
            if best is None or rank > best[0] or (rank == best[0] and entry_id < best[1]):
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
