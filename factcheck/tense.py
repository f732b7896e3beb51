"""Tense of the clause around a word: does a relative date lie before or after the publication date?"""

from __future__ import annotations

import functools
from typing import Literal

from .resources import load_list, load_mapping
from .text import Word, first_words, words_between

Tense = Literal["past", "future"] | None
LOOK_BACK = 12
LOOK_AHEAD = 3
LOOK_BACK_CHARS = 160  # enough for LOOK_BACK words
LOOK_AHEAD_CHARS = 40
PRESENT_AUXILIARIES = {"is", "are", "am"}
CLAUSE_BREAKS = (";", ":", "—", "\n")
# "must be returned", "is heard": a participle after these is no past tense
PARTICIPLE_AUXILIARIES = {"be", "being"} | PRESENT_AUXILIARIES
FRONTED_LOOK_AHEAD = 40  # words of the main clause searched for the tense of a date that opens the sentence


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


@functools.cache
def _modifier_words() -> frozenset[str]:
    """Determiners and possessives: an -ed word or a cue after one is an adjective or a noun
    ("the reduced dividend", "the plan")."""
    return frozenset(load_list("tense_noun_markers.txt"))


@functools.cache
def _no_past_after() -> frozenset[str]:
    """Words after which a past form is a participle or an adjective, not a past tense."""
    return frozenset(PARTICIPLE_AUXILIARIES) | _modifier_words()


def _is_regular_past(word: str) -> bool:
    lowered = word.lower()
    return lowered not in _irregular_past() and lowered not in _cues()


def clause_tense(text: str, sentence_start: int, start: int, end: int) -> Tense:
    """The tense cue nearest before ``text[start:end]`` in its clause, else the first cue after it.

    A possessive ("Wednesday's ruling") reads as past. A word after a determiner ("the plan", "the
    reduced dividend") is not a cue, a participle after "be" is not a past tense, and a regular -ed
    form not right before the date only counts when no auxiliary or irregular verb is in reach
    ("will redeem ... preferred shares on Oct. 31"). A plan reported in the past perfect ("had been
    due to expire Friday") has no direction. A date used as a modifier ("the Aug. 7 blasts killed")
    takes the tense of the verb after it.
    """
    if text.startswith(("'s", "’s"), end):
        return "past"  # "Wednesday's ruling": news names past days in the possessive
    window = max(sentence_start, start - LOOK_BACK_CHARS)  # nothing before it is read: linear in long sentences
    clause_start = max([window] + [text.rfind(mark, window, start) + 1 for mark in CLAUSE_BREAKS])
    before = words_between(text, clause_start, start)[-LOOK_BACK:]
    if before and before[-1].text.lower() == "the":
        return _tense_after(text, end) or _tense_before(before)
    return _tense_before(before) or _tense_after(text, end)


def _tense_before(before: list[Word]) -> Tense:
    lowered = [word.text.lower() for word in before]
    weak: Tense = None
    skip_to = len(before)
    for index in range(len(before) - 1, -1, -1):
        previous = lowered[index - 1] if index > 0 else ""
        if index >= skip_to or previous in _modifier_words():
            continue
        if index > 0:
            phrase = _cues().get(f"{previous} {lowered[index]}")
            if phrase == "none":
                skip_to = index - 1  # "next to": neither word is a cue
                continue
            if phrase:
                return _past_plan(phrase, lowered[:index - 1])  # type: ignore[arg-type]
        tense = _word_tense(before[index].text)
        if tense is None and previous in PRESENT_AUXILIARIES and lowered[index].endswith("ing"):
            return None  # "is calling for the redemption on Dec. 7": a present progressive points neither way
        if tense == "past" and previous in PARTICIPLE_AUXILIARIES:
            continue  # "must be returned": a participle, not a past tense
        if tense == "past" and index < len(before) - 2 and _is_regular_past(before[index].text):
            weak = weak or "past"
            continue
        if tense:
            return _past_plan(tense, lowered[:index])
    return weak


def _tense_after(text: str, end: int) -> Tense:
    after = words_between(text, end, min(len(text), end + LOOK_AHEAD_CHARS))[:LOOK_AHEAD]
    sentence_end = text.find(". ", end, end + LOOK_AHEAD_CHARS + 2)  # only a sentence end among those words counts
    return _first_tense([word for word in after if sentence_end == -1 or word.start <= sentence_end])


def _first_tense(words: list[Word]) -> Tense:
    """The first past or future cue among ``words`` (a participle after "be" or a modifier is none)."""
    for index, word in enumerate(words):
        previous = words[index - 1].text.lower() if index > 0 else ""
        tense = _word_tense(word.text)
        if tense == "past" and previous in _no_past_after():
            continue
        if tense in ("past", "future"):
            return tense
    return None


def fronted_tense(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Tense:
    """The tense of the main clause after a date that opens its sentence as an adverbial ("In January,
    a week after the 25th anniversary of Roe, a bomb exploded"), for a date whose clause has no cue."""
    lead = first_words(text, sentence_start, start, 2)
    if len(lead) > 1 or (lead and lead[0].text.lower() not in _sentence_openers()) or not text.startswith(",", end):
        return None
    return _first_tense(first_words(text, end, sentence_end, FRONTED_LOOK_AHEAD))


@functools.cache
def _sentence_openers() -> frozenset[str]:
    """Prepositions that open a sentence before its date ("In January, ...")."""
    return frozenset(word.lower() for word in load_list("prepositions.txt"))


def _past_plan(tense: Tense, earlier: list[str]) -> Tense:
    """A plan reported in the past perfect has no direction: "had been due to expire Friday"."""
    if tense == "none":
        return None
    return None if tense == "future" and "had" in earlier else tense
