"""Stage ``timexes``: find time expressions with the rules of ``date_rules.tsv``.

Candidates from every rule are filtered by the negative rules, then chosen longest first (an earlier
rule wins a tie), then extended leftwards over a modifier ("early", "more than"). Values may still
hold ``@fn(...)`` parts, which the ``anchor`` stage resolves against the publication date.
"""

from __future__ import annotations

import bisect
import itertools
from typing import NamedTuple

from ..ids import IdMaker
from ..models import Document, TimeExpression
from ..timex_rules import Rule, date_rules, modifiers, negative_rules

MODIFIER_WINDOW = 24


class Candidate(NamedTuple):
    start: int
    end: int
    rule_index: int
    value: str


def lower_same_length(text: str) -> str:
    """``text.lower()``, or ``text`` itself when lower-casing would move offsets (e.g. "İ")."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def find_candidates(text: str) -> list[Candidate]:
    """Every rule match in ``text`` that no negative rule vetoes."""
    lowered = lower_same_length(text)
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    vetoed = sorted(scanner.span(match) for scanner in negative_rules()
                    for match in scanner.finditer(text, lowered, windows) if not scanner.keeps(match))
    # a span [start, end) meets a veto when a veto starting before ``end`` ends after ``start``: the latest end
    # among the vetoes that start before a point answers it in log time (many dates: linear, not quadratic)
    veto_starts = [v_start for v_start, _ in vetoed]
    latest_end = list(itertools.accumulate((v_end for _, v_end in vetoed), max))
    candidates = []
    for index, rule in enumerate(date_rules()):
        for match in rule.finditer(text, lowered, windows):
            start, end = rule.span(match)
            before = bisect.bisect_left(veto_starts, end)
            if start == end or (before and latest_end[before - 1] > start):
                continue
            candidates.append(Candidate(start, end, index, rule.fill(match, text)))
    return candidates


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first; ties go to the rule listed first."""
    chosen: list[Candidate] = []  # sorted by start, never overlapping: a new one only meets its neighbours
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule_index, c.start)):
        place = bisect.bisect_left(starts, candidate.start)
        if (place and chosen[place - 1].end > candidate.start) or \
                (place < len(chosen) and chosen[place].start < candidate.end):
            continue
        chosen.insert(place, candidate)
        starts.insert(place, candidate.start)
    return chosen


def attach_modifier(text: str, start: int) -> tuple[int, str | None]:
    """The modifier directly before ``start``: "early" + "December" -> (start of "early", START);
    a modifier that does not join the span ("about") keeps ``start`` and still gives its mod."""
    window = text[max(0, start - MODIFIER_WINDOW) : start]
    for pattern, mod, joins in modifiers():
        match = pattern.search(window)
        if match:
            return (start - (len(window) - match.start()) if joins else start), mod
    return start, None


def find_timexes(doc: Document) -> Document:
    """Fill ``doc.timexes`` (values not yet anchored)."""
    text = doc.text
    rules: tuple[Rule, ...] = date_rules()
    make_id = IdMaker("t", doc.article.id)
    for candidate in choose(find_candidates(text)):
        rule = rules[candidate.rule_index]
        start, mod = attach_modifier(text, candidate.start)
        if rule.type == "SET":
            start = candidate.start
        if start < candidate.start and any(t.end > start for t in doc.timexes):
            start, mod = candidate.start, None
        doc.timexes.append(
            TimeExpression(
                id=make_id(start, candidate.end),
                article_id=doc.article.id,
                start=start,
                end=candidate.end,
                text=text[start : candidate.end],
                type=rule.type,
                value=candidate.value,
                mod=mod,
                rule=rule.name,
            )
        )
    return doc
