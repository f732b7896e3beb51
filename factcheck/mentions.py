"""People and speaker mentions: titles stripped, short forms and pronouns resolved to full names."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from .ids import stable_id
from .models import Person
from .resources import load_list, load_mapping, load_set
from .text import capitalised_names_in

MAX_NAME_TOKENS = 4
WHITESPACE_RE = re.compile(r"\s")
PRONOUN_LOOKBACK = 12  # mentions searched back for an antecedent of agreeing gender


@functools.cache
def _titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles as word tuples, indexed by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in load_list("titles.txt"):
        words = tuple(title.split())
        by_first.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in by_first.items()}


@functools.cache
def _calendar_words() -> frozenset[str]:
    return frozenset(load_mapping("months.tsv")) | frozenset(load_mapping("weekdays.tsv"))


@functools.lru_cache(maxsize=4096)
def split_title(name: str) -> tuple[str | None, str]:
    """``"NATO Secretary General Jens Stoltenberg"`` -> ("NATO Secretary General", "Jens Stoltenberg")."""
    tokens = name.split()
    last_title_end = 0
    titles = _titles()
    for index, token in enumerate(tokens):
        for title in titles.get(token, ()):
            if tuple(tokens[index : index + len(title)]) == title and index + len(title) < len(tokens):
                last_title_end = max(last_title_end, index + len(title))
    role = " ".join(tokens[:last_title_end]) or None
    return role, " ".join(tokens[last_title_end:])


@functools.lru_cache(maxsize=4096)
def looks_like_person(name: str, has_title: bool) -> bool:
    """A person's name: 1-4 capitalised tokens, not an organisation, a month, or an acronym run."""
    tokens = name.split()
    if not tokens or len(tokens) > MAX_NAME_TOKENS:
        return False
    org_words = load_set("org_words.txt")
    if any(token.lower() in org_words for token in tokens) or any(t in _calendar_words() for t in tokens):
        return False
    if any(token.isupper() and len(token) > 1 and not token.endswith(".") for token in tokens):
        return False
    if not all(token[0].isupper() or token in ("de", "van", "von", "al", "bin", "la", "le", "da") for token in tokens):
        return False
    return has_title or len(tokens) >= 2


def gender_of(name: str) -> str | None:
    """"f" or "m" from the first name (``first_names.tsv``), None when unknown."""
    first = name.split()[0] if name else ""
    return load_mapping("first_names.tsv").get(first)


@dataclass
class Named:
    """A person as the index knows them; ``PersonIndex.person`` makes the stored ``Person`` record."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class PersonIndex:
    """The people named in one article, in order of mention, for resolving short forms and pronouns."""

    people: dict[str, Named] = field(default_factory=dict)
    by_surname: dict[str, str] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)
    names_at: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, spans: list[tuple[int, int]], quoted: list[tuple[int, int]] = ()) -> "PersonIndex":
        """Index the names in ``spans``; names inside ``quoted`` spans are known but never antecedents."""
        index = cls()
        quoted_starts = [start for start, _ in quoted]
        people, by_surname = index.people, index.by_surname
        for names in capitalised_names_in(text, spans):
            for mention in names:
                name = mention.text
                if name not in people and name not in by_surname and len(name.split()) == 1:
                    continue  # a lone capitalised word that is no known surname: ``add`` would skip it
                at = bisect.bisect_right(quoted_starts, mention.start) - 1
                inside = at >= 0 and mention.start < quoted[at][1]
                index.add(mention.text, mention.start, antecedent=not inside)
        return index

    def add(self, mention: str, position: int, antecedent: bool = True) -> str | None:
        if mention not in self.people and mention not in self.by_surname and not WHITESPACE_RE.search(mention):
            return None  # a lone capitalised word is a person only as a known surname
        role, name = split_title(mention)
        if name in self.people or (len(name.split()) == 1 and name in self.by_surname):
            full = self.people[name].name if name in self.people else self.by_surname[name]
        elif looks_like_person(name, role is not None):
            full = name
            self.people[full] = Named(full)  # (a Person record is made only for a speaker: validation costs)
            self.by_surname.setdefault(full.split()[-1], full)
        else:
            return None
        person = self.people[full]
        if role and role not in person.roles:
            person.roles.append(role)
        if mention != full and mention not in person.aliases:
            person.aliases.append(mention)
        if antecedent:
            at = bisect.bisect_right(self.positions, position)
            self.positions.insert(at, position)
            self.names_at.insert(at, full)
        return full

    def person(self, name: str) -> Person:
        """The ``Person`` record of a full name the index knows."""
        known = self.people[name]
        return Person(id=stable_id("p", name), name=name, aliases=list(known.aliases), roles=list(known.roles))

    def resolve(self, mention: str) -> str | None:
        """Full name for a named mention ("Stoltenberg" -> "Jens Stoltenberg"); None if not a known person."""
        _, name = split_title(mention.strip())
        name = re.sub(r"['’]s$", "", name)
        if name in self.people:
            return self.people[name].name
        return self.by_surname.get(name.split()[-1]) if name else None

    def last_before(self, position: int, gender: str | None = None, sentence_starts: list[int] | None = None) -> str | None:
        """The person most recently mentioned before ``position`` whose gender is ``gender`` or unknown.

        With ``sentence_starts``, the first fitting person of that mention's sentence instead: its subject, as
        a rule ("Reid said he spoke with Sanders. “...,” he said" is Reid speaking)."""
        fits = lambda name: gender is None or gender_of(name) in (None, gender)  # noqa: E731
        at = bisect.bisect_left(self.positions, position)
        for index in range(at - 1, max(-1, at - 1 - PRONOUN_LOOKBACK), -1):
            if not fits(self.names_at[index]):
                continue
            if sentence_starts:
                sentence = sentence_starts[max(0, bisect.bisect_right(sentence_starts, self.positions[index]) - 1)]
                first = bisect.bisect_left(self.positions, sentence)
                return next(name for name in self.names_at[first : index + 1] if fits(name))
            return self.names_at[index]
        return None
