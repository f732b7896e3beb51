"""Tense of the clause around a word: does a relative date lie before or after the publication date?"""

from __future__ import annotations

import functools
from typing import Literal

from .resources import load_list, load_mapping
from .text import words_between

Tense = Literal["past", "future"] | None
LOOK_BACK = 8
LOOK_AHEAD = 3
LOOK_BACK_CHARS = 120  # enough for LOOK_BACK words
CLAUSE_BREAKS = (";", ":", "—", "\n")
PARTICIPLE_AUXILIARIES = {"be", "being"}


@functools.cache
def _cues() -> dict[str, str]:
    return load_mapping("tense_cues.tsv")


@functools.cache
def _irregular_past() -> frozenset[str]:
    return frozenset(load_list("past_verbs.txt"))


def is_past_verb(word: str) -> bool:
    """True for "met", "requested", "agreed": irregular past forms, or a regular -ed ending."""
    lowered = word.lower()
    if lowered in _irregular_past():
        return True
    return lowered.endswith("ed") and len(lowered) > 4 and word[0].islower() and lowered not in _cues()


def _word_tense(word: str) -> Tense:
    cue = _cues().get(word.lower())
    if cue:
        return cue  # type: ignore[return-value]
    return "past" if is_past_verb(word) else None


def clause_tense(text: str, sentence_start: int, start: int, end: int) -> Tense:
    """The tense cue nearest before ``text[start:end]`` in its clause, else a cue just after it.

    A possessive ("Wednesday's ruling") reads as past.
    """
    if text.startswith(("'s", "’s"), end):
        return "past"  # "Wednesday's ruling": news names past days in the possessive
    clause_start = max([sentence_start] + [text.rfind(mark, sentence_start, start) + 1 for mark in CLAUSE_BREAKS])
    before = words_between(text, max(clause_start, start - LOOK_BACK_CHARS), start)[-LOOK_BACK:]
    for index in range(len(before) - 1, -1, -1):
        if index > 0:
            phrase = _cues().get(f"{before[index - 1].text.lower()} {before[index].text.lower()}")
            if phrase:
                return phrase  # type: ignore[return-value]
        tense = _word_tense(before[index].text)
        if tense == "past" and index > 0 and before[index - 1].text.lower() in PARTICIPLE_AUXILIARIES:
            continue  # "must be returned": a participle, not a past tense
        if tense:
            return tense
    for word in words_between(text, end, min(len(text), end + 40))[:LOOK_AHEAD]:
        tense = _word_tense(word.text)
        if tense:
            return tense
    return None
