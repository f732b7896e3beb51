"""Load the rule tables and word lists under ``factcheck/resources/<lang>/``, each once.

Tables are TSV with a header row; lists are one entry per line. Lines starting with ``#`` are
comments. Code never spells out a month name or a speech verb: it asks for a table here.
"""

from __future__ import annotations

import csv
import functools
from importlib import resources as importlib_resources

from .errors import ResourceError

DEFAULT_LANGUAGE = "en"


def _read_lines(name: str, language: str) -> list[str]:
    path = importlib_resources.files(__package__) / "resources" / language / name
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"resource {language}/{name} is missing") from exc
    return [line for line in content.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def load_table(name: str, language: str = DEFAULT_LANGUAGE) -> tuple[dict[str, str], ...]:
    """``load_table("months.tsv")`` -> rows as dicts keyed by the header; checks every row's width."""
    lines = _read_lines(name, language)
    if not lines:
        raise ResourceError(f"resource {language}/{name} is empty")
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ResourceError(
                f"resource {language}/{name}: row {number} has {len(row)} fields, header has {len(header)}"
            )
    return tuple(dict(zip(header, row)) for row in body)


@functools.cache
def load_mapping(name: str, language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """A two-column table as a dict from its first column to its second: ``{"Sept.": "09", ...}``."""
    rows = load_table(name, language)
    key, value = list(rows[0].keys())[:2]
    return {row[key]: row[value] for row in rows}


@functools.cache
def load_list(name: str, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """``load_list("speech_verbs.txt")`` -> the entries, in file order."""
    return tuple(line.strip() for line in _read_lines(name, language))


@functools.cache
def load_set(name: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """A word list as a lower-cased set, for membership tests."""
    return frozenset(entry.lower() for entry in load_list(name, language))
