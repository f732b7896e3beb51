"""Text primitives shared by the stages: words, paragraphs, sentences and capitalised names.

All functions return offsets into the text they are given; nothing is stripped or rewritten.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import itertools
import re
from typing import Iterable, NamedTuple

from .resources import load_list, load_set

WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[-'’.][A-Za-z0-9\u00C0-\u024F]+)*\.?")
PARAGRAPH_RE = re.compile(r"[^\n]*\S[^\n]*")
INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
# a match starts only at the first mark of a run and never backtracks into it: "a!!!...!b" is linear
SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s|$)")
NAME_JOINERS = ("of", "de", "van", "von", "der", "da", "al", "bin", "del", "la", "le")  # "Secretary of Defense"
_LETTER = "A-Za-z0-9\u00C0-\u024F"
# a word (as WORD_RE cuts it) starting with a capital, where the tokeniser would start a word; the capital comes
# first and the look-behinds after it, so that the scan skips other characters in C
NAME_TOKEN_RE = re.compile(
    rf"[A-Z\u00C0-\u00DE](?<![{_LETTER}].)(?<![{_LETTER}][-'’.].)[{_LETTER}]*(?:[-'’.][{_LETTER}]+)*\.?"
)
# what may stand between two words of a name: spaces (no line break) and joiners ("Secretary of Defense")
NAME_GAP_RE = re.compile(rf"[^\S\n]+(?:(?:{'|'.join(NAME_JOINERS)})[^\S\n]+)*")


class Word(NamedTuple):
    start: int
    end: int
    text: str


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Words (letters, digits, inner hyphens and apostrophes) of ``text[start:end]`` with offsets.

    A trailing period is kept only on known abbreviations ("Sen.", "U.S."), so sentence ends stay out.
    The whole text is tokenised once (cached) and sliced; a word cut by ``start`` or ``end`` is left out.
    """
    end = len(text) if end is None else end
    tokens, starts = _tokenise(text)
    low = bisect.bisect_left(starts, start)
    high = bisect.bisect_left(starts, end)
    while high > low and tokens[high - 1].end > end:
        high -= 1
    return tokens[low:high]


@functools.lru_cache(maxsize=4)
def _tokenise(text: str) -> tuple[list[Word], list[int]]:
    tokens = _words(text, 0, len(text))
    return tokens, [token.start for token in tokens]


@functools.lru_cache(maxsize=4)
def _name_tokens(text: str) -> tuple[list[Word], list[int]]:
    """The capitalised words, which may begin or continue a name, with their starts.

    Found by one scan for words that start with a capital, not by tokenising the whole text; each is the
    word the tokeniser would give at that position.
    """
    known = abbreviations()
    make = tuple.__new__
    found = [
        _word(match, known) if match.group()[-1] == "." else make(Word, (match.start(), match.end(), match.group()))
        for match in NAME_TOKEN_RE.finditer(text)
    ]
    return found, [word.start for word in found]


def words_between(text: str, start: int, end: int) -> list[Word]:
    """Like ``words`` for a short stretch, tokenised directly (no whole-text cache)."""
    return _words(text, start, end)


def first_words(text: str, start: int, end: int, count: int) -> list[Word]:
    """``words_between(text, start, end)[:count]``, reading no further than those words: in a long
    stretch, the first few words cost what they cost in a short one."""
    known = abbreviations()
    make = tuple.__new__
    return [_word(match, known) if match.group()[-1] == "." else make(Word, (match.start(), match.end(), match.group()))
            for match in itertools.islice(WORD_RE.finditer(text, start, end), count)]


def _words(text: str, start: int, end: int) -> list[Word]:
    known = abbreviations()
    make = tuple.__new__  # NamedTuple's own constructor is a Python function: too slow per word
    return [
        _word(match, known) if match.group()[-1] == "." else make(Word, (match.start(), match.end(), match.group()))
        for match in WORD_RE.finditer(text, start, end)
    ]


def _word(match: re.Match[str], known: frozenset[str]) -> Word:
    """A token ending in a period keeps it only when it is an abbreviation ("Sen.", "U.S.")."""
    token = match.group()
    if token not in known and "." not in token[:-1] and not (len(token) == 2 and token[0].isupper()):  # "D." of "Paul D. Ryan"
        return Word(match.start(), match.end() - 1, token[:-1])
    return Word(match.start(), match.end(), token)


@functools.cache
def abbreviations() -> frozenset[str]:
    return frozenset(load_list("abbreviations.txt"))


class Spans:
    """A fixed set of ``(start, end)`` spans that answers "does any of them overlap [start, end)?" by bisection.

    (A span's end may precede its start, as ``(speaker_start, cue_end)`` of "said Smith" does; such a span
    overlaps what a plain pairwise test ``s < end and start < e`` says it does.)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))  # furthest end so far

    def overlap(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        return at >= 0 and self._reach[at] > start


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines: news copy puts one paragraph on a line."""
    return [(m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text)]


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, not splitting after abbreviations or initials."""
    spans = []
    known = abbreviations()
    sentence_start = _skip_space(text, start, end)
    for match in SENTENCE_END_RE.finditer(text, start, end):
        stop = match.end()
        if match.group().startswith(".") and _ends_with_abbreviation(text, sentence_start, match.start(), known):
            continue
        following = _skip_space(text, stop, end)
        if following < end and text[following].islower():
            continue
        if stop > sentence_start:
            spans.append((sentence_start, stop))
        sentence_start = following
    if sentence_start < end:
        tail_end = end
        while tail_end > sentence_start and text[tail_end - 1].isspace():
            tail_end -= 1
        if tail_end > sentence_start:
            spans.append((sentence_start, tail_end))
    return spans


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _ends_with_abbreviation(text: str, start: int, period: int, abbreviations: frozenset[str]) -> bool:
    word_start = period
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    token = text[word_start : period + 1].lstrip("(\"“‘'")
    if token in abbreviations:
        return True
    return INITIALS_RE.fullmatch(token) is not None  # initials: "John F. Kennedy", "J.J. MacNab"


class Name(NamedTuple):
    """A run of capitalised words, e.g. "NATO Secretary General Jens Stoltenberg"."""

    start: int
    end: int
    text: str


def capitalised_names(text: str, start: int, end: int) -> list[Name]:
    """Runs of capitalised words in ``text[start:end]``; a sentence-initial function word is skipped.

    Runs may contain lower-case joiners such as "of" and "de" between capitalised words.
    """
    return capitalised_names_in(text, [(start, end)])[0]


def capitalised_names_in(text: str, spans: list[tuple[int, int]]) -> list[list[Name]]:
    """``capitalised_names`` of each of the ordered, non-overlapping ``spans`` (e.g. sentences), in one pass."""
    function_words = load_set("function_words.txt")
    candidates, starts = _name_tokens(text)
    result: list[list[Name]] = []
    for start, end in spans:
        names: list[Name] = []
        run: list[Word] = []
        for word in candidates[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
            word_start, word_end, word_text = word
            if word_end > end:
                break
            if run:
                gap = text[run[-1].end : word_start]
                if gap != " " and NAME_GAP_RE.fullmatch(gap) is None:
                    _close(text, run, names)  # another word, punctuation or a line break lies in between
            if not run and word_text.lower() in function_words and not (word_text.isupper() and len(word_text) > 1):
                continue  # "The", "In" does not begin a name
            if word_text[-2:] in ("'s", "’s"):  # a possessive ends the name
                run.append(Word(word_start, word_end - 2, word_text[:-2]))
                _close(text, run, names)
            else:
                run.append(word)
        _close(text, run, names)
        result.append(names)
    return result


def _close(text: str, run: list[Word], names: list[Name]) -> None:
    while run and run[-1].text.lower() in NAME_JOINERS:
        run.pop()  # "... To Avoid Mistakes Of": a name does not end with a joiner
    if run:
        start, end = run[0].start, run[-1].end
        names.append(tuple.__new__(Name, (start, end, text[start:end])))  # (NamedTuple's constructor is slow)
    run.clear()


