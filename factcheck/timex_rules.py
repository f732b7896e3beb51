"""Compile the time-expression rules in ``date_rules.tsv`` from the vocabulary tables.

A rule pattern names vocabularies in braces (``{month} {day}``); each becomes a named group whose
matched text is normalised by the same vocabulary (``Sept.`` -> ``09``). This module holds the only
regular expressions for dates; the words themselves live in the resource tables.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

from .errors import ResourceError
from .regex_trie import alternation
from .resources import load_mapping, load_table

PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
TEMPLATE_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Vocabulary:
    pattern: str
    normalise: Callable[[str], str]
    case_sensitive: bool = False


def _alternatives(surfaces: list[str]) -> str:
    """A word list as one trie regex; each surface starts at a word boundary and, if it ends in a letter or
    digit, ends at one."""
    return f"(?:{alternation(surfaces, word_start=True, word_end=True)})"


def _table_vocabulary(table: str, case_sensitive: bool = False) -> Vocabulary:
    mapping = load_mapping(table)
    folded = {" ".join(key.lower().split()): value for key, value in mapping.items()}
    return Vocabulary(
        _alternatives(list(mapping)),
        lambda text: folded[" ".join(text.lower().split())],
        case_sensitive,
    )


@functools.cache
def _tens() -> list[str]:
    """Number words for 20, 30, ... 90 (from numbers.tsv): the first half of "twenty-four"."""
    return [w for w, v in load_mapping("numbers.tsv").items() if v.isdigit() and 20 <= int(v) <= 90 and int(v) % 10 == 0]


@functools.cache
def _units() -> list[str]:
    """Number words for 1 to 9 (not the articles "a"/"an"): the second half of "twenty-four"."""
    return [w for w, v in load_mapping("numbers.tsv").items() if v.isdigit() and 1 <= int(v) <= 9 and len(w) > 2]


def _number(text: str) -> str:
    text = " ".join(text.lower().split())
    words = load_mapping("numbers.tsv")
    if text in words:
        return words[text]
    if text.endswith(("1/2", "½")):
        return f"{int(re.sub(r'[^0-9]', '', text.split()[0].rstrip('½')))}.5"
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and parts[0] in _tens() and parts[1] in _units():
        return str(int(words[parts[0]]) + int(words[parts[1]]))  # "twenty-four", "twenty four"
    return text.replace(",", "")


def _spelled_year(text: str) -> str:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "two thousand and one" -> 2001."""
    text = " ".join(text.lower().split())
    if text.startswith("two thousand"):
        rest = text.removeprefix("two thousand").removeprefix(" and").strip()
        return str(2000 + (int(_number(rest)) if rest else 0))
    century, _, rest = text.replace("-", " ", 1).partition(" ")
    return str(int(load_mapping("numbers.tsv")[century]) * 100 + int(_number(rest)))


def _ordinal(text: str) -> str:
    text = text.lower()
    return load_mapping("ordinals.tsv").get(text) or re.sub(r"\D", "", text)


def _day(text: str) -> str:
    return f"{int(re.sub(r'[^0-9]', '', text)):02d}"


def _decade_short(text: str) -> str:
    digit = text[1]
    return ("20" if digit in "01" else "19") + digit


def _clock(text: str) -> str:
    match = re.match(r"(\d{1,2})(?::(\d\d))?\s*([ap])", text.lower())
    if not match:
        raise ResourceError(f"clock time {text!r} does not match its own pattern")
    hour, minute = int(match[1]) % 12, match[2] or "00"
    if match[3] == "p":
        hour += 12
    return f"T{hour:02d}:{minute}"


def _unit_vocabulary(plural: bool | None) -> Vocabulary:
    mapping = load_mapping("time_units.tsv")
    chosen = [s for s in mapping if plural is None or s.endswith("s") == plural]
    return Vocabulary(_alternatives(chosen), lambda text: mapping[text.lower()])


@functools.cache
def vocabularies() -> dict[str, Vocabulary]:
    """Every ``{name}`` a rule may use, with its pattern and normaliser."""
    number_words = [w for w in load_mapping("numbers.tsv")]
    return {
        "month": _table_vocabulary("months.tsv", case_sensitive=True),
        "weekday": _table_vocabulary("weekdays.tsv", case_sensitive=True),
        "season": _table_vocabulary("seasons.tsv"),
        "timezone": _table_vocabulary("timezones.tsv", case_sensitive=True),
        "holiday": _table_vocabulary("holidays.tsv", case_sensitive=True),
        "pod": _table_vocabulary("parts_of_day.tsv"),
        "rel": _table_vocabulary("relative_words.tsv"),
        "frequency": _table_vocabulary("frequencies.tsv"),
        "unit": _unit_vocabulary(None),
        "unitplural": _unit_vocabulary(True),
        "unitsingular": _unit_vocabulary(False),
        "number": Vocabulary(
            rf"\b\d+(?:\s+1/2\b|½)|\b\d+(?:\.\d+)?\b|(?:{_alternatives(_tens())})[- ](?:{_alternatives(_units())})"
            rf"|{_alternatives(number_words)}",
            _number,
        ),
        "ordinal": Vocabulary(
            rf"{_alternatives(list(load_mapping('ordinals.tsv')))}|\b[1-4](?:st|nd|rd|th)\b", _ordinal
        ),
        "day": Vocabulary(r"\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)", _day),
        "monthnum": Vocabulary(r"(?:1[0-2]|0?[1-9])(?!\d)", lambda t: f"{int(t):02d}"),
        "spelledyear": Vocabulary(
            rf"\b(?:nineteen|twenty)[- ](?:{_alternatives(_tens())})(?:[- ](?:{_alternatives(_units())}))?\b"
            rf"|\btwo thousand(?:(?: and)? (?:{_alternatives(_units())}))?\b",
            _spelled_year,
        ),
        "year": Vocabulary(r"\b(?:1[6-9]\d\d|20\d\d)(?!\d)", lambda t: t),
        "decade": Vocabulary(r"\b(?:1[6-9]|20)\d0['’]?s\b", lambda t: t[:3]),
        "decadeshort": Vocabulary(r"['’]\d0s\b", _decade_short),
        "centurynum": Vocabulary(r"\b(?:1\d|2[01])(?:st|nd|rd|th)\b", lambda t: f"{int(t[:2]) - 1:02d}"),
        "clock": Vocabulary(r"\b(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", _clock),
    }


def expand(pattern: str) -> str:
    """Replace ``{name}`` and ``{name:n}`` by the vocabulary's pattern as a named group."""

    def replace(match: re.Match[str]) -> str:
        name, suffix = match[1], match[2]
        vocabulary = vocabularies().get(name)
        if vocabulary is None:
            raise ResourceError(f"unknown vocabulary {{{name}}} in pattern {pattern!r}")
        group = f"{name}_{suffix}" if suffix else name
        body = f"(?-i:{vocabulary.pattern})" if vocabulary.case_sensitive else vocabulary.pattern
        return f"(?P<{group}>{body})"

    return PLACEHOLDER.sub(replace, pattern)


WINDOW = 80


@dataclass(frozen=True)
class Scanner:
    """A compiled pattern that runs only where its required text occurs, on lowered text when it can.

    Patterns without case-sensitive vocabularies run without IGNORECASE over the lower-cased text,
    which Python's ``re`` matches about twice as fast; ``requires`` limits the search to windows around
    the occurrences of a rare word the pattern cannot match without.
    """

    name: str
    regex: re.Pattern[str]
    lowered: bool
    requires: tuple[str, ...]

    def finditer(self, text: str, lowered_text: str,
                 windows: dict[tuple[str, ...], list[tuple[int, int]]] | None = None) -> list[re.Match[str]]:
        """Matches in ``text`` (offsets are the same in ``lowered_text``, which must have equal length).

        ``windows`` caches the search windows of one text between scanners that require the same thing.
        """
        subject = lowered_text if self.lowered else text
        if not self.requires:
            return list(self.regex.finditer(subject))
        if windows is None:
            windows = {}
        if self.requires not in windows:
            windows[self.requires] = _windows(text, lowered_text, self.requires)
        matches: dict[tuple[int, int], re.Match[str]] = {}
        for start, end in windows[self.requires]:
            for match in self.regex.finditer(subject, start, end):
                matches.setdefault(match.span(), match)
        return [matches[key] for key in sorted(matches)]

    def keeps(self, match: re.Match[str]) -> bool:
        """Did group ``keep`` take part: a negative rule's match that marks a date after all, vetoing nothing."""
        return "keep" in self.regex.groupindex and match.start("keep") >= 0

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The expression's span: group ``t`` when the pattern has one, else the whole match."""
        if "t" in self.regex.groupindex and match.start("t") >= 0:
            return match.span("t")
        return match.span()


@functools.cache
def _vocabulary_regex(name: str) -> re.Pattern[str]:
    return re.compile(vocabularies()[name].pattern)


def _occurrences(text: str, lowered_text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of a required word, or of any word of a vocabulary when the needle is ``{name}``."""
    if needle.startswith("{") and needle.endswith("}"):
        name = needle[1:-1]
        subject = text if vocabularies()[name].case_sensitive else lowered_text
        return [match.span() for match in _vocabulary_regex(name).finditer(subject)]
    spans = []
    position = lowered_text.find(needle)
    while position >= 0:
        spans.append((position, position + len(needle)))
        position = lowered_text.find(needle, position + 1)
    return spans


def _windows(text: str, lowered_text: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged windows of WINDOW characters around every occurrence of any needle."""
    spans = [
        (max(0, start - WINDOW), min(len(lowered_text), end + WINDOW))
        for needle in needles
        for start, end in _occurrences(text, lowered_text, needle)
    ]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Rule(Scanner):
    type: str = "DATE"
    value: str = ""
    example: str = ""
    expected: str = ""

    def fill(self, match: re.Match[str], text: str) -> str:
        """The value template with every ``{group}`` normalised by its vocabulary (read from ``text``)."""

        def replace(field: re.Match[str]) -> str:
            group = field[1]
            vocabulary = vocabularies()[group.split("_")[0]]
            return vocabulary.normalise(text[match.start(group) : match.end(group)])

        return TEMPLATE_FIELD.sub(replace, self.value)


def _scanner_fields(row: dict[str, str], where: str) -> dict[str, object]:
    pattern = row["pattern"]
    literal_letters = re.sub(r"\\.|\(\?P<\w+>|\{\w+(?::\w+)?\}", "", pattern)
    case_sensitive = bool(re.search(r"[A-Z]", literal_letters)) or any(
        vocabularies()[name].case_sensitive for name, _ in PLACEHOLDER.findall(pattern) if name in vocabularies()
    )
    expanded = expand(pattern)
    try:
        regex = re.compile(expanded, re.IGNORECASE) if case_sensitive else re.compile(expanded)
    except re.error as exc:
        raise ResourceError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
    requires = tuple(part for part in row.get("requires", "").split("|") if part)
    for part in requires:
        if part.startswith("{") and part[1:-1] not in vocabularies():
            raise ResourceError(f"{where}: requires unknown vocabulary {part}")
    return {"name": row["name"], "regex": regex, "lowered": not case_sensitive, "requires": requires}


@functools.cache
def date_rules() -> tuple[Rule, ...]:
    """The rules of ``date_rules.tsv``, compiled once, in file order (earlier wins a tie)."""
    return tuple(
        Rule(**_scanner_fields(row, f"date_rules.tsv:{row['name']}"), type=row["type"], value=row["value"],
             example=row["example"], expected=row["expected"])
        for row in load_table("date_rules.tsv")
    )


@functools.cache
def negative_rules() -> tuple[Scanner, ...]:
    """The patterns of ``negative_rules.tsv``: phrases that look like dates but are not."""
    return tuple(
        Scanner(**_scanner_fields(row, f"negative_rules.tsv:{row['name']}"))  # type: ignore[arg-type]
        for row in load_table("negative_rules.tsv")
    )


@functools.cache
def modifiers() -> tuple[tuple[re.Pattern[str], str | None, bool], ...]:
    """Modifier words before a time expression, longest first: (pattern, TIMEX3 mod, joins the span)."""
    rows = sorted(load_table("modifiers.tsv"), key=lambda row: len(row["surface"]), reverse=True)
    compiled = []
    for row in rows:
        surface = row["surface"]
        gap = "" if surface.endswith("-") else r"\s+"
        pattern = re.compile(rf"(?:^|(?<=\W)){re.escape(surface)}{gap}$", re.IGNORECASE)
        compiled.append((pattern, row["mod"] or None, row["joins"] == "yes"))
    return tuple(compiled)
