"""Stage ``events``: dated occurrences, one per clause with an event verb.

A trigger is a past-tense verb (or "will"/"to" + verb with a date) that is not a reporting verb and
not a state. Its date is the time expression in its clause, else the sentence's single calendar date,
else the publication day for a simple past verb (news style), else undated (dropped). A clause of the
form "A came less than a month before B met ..." dates B after A's date, within the duration.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from ..edtf import to_edtf
from ..ids import IdMaker
from ..models import Document, Event, TimeExpression
from ..resources import load_mapping, load_set
from ..tense import PRESENT_AUXILIARIES, is_past_verb
from ..text import Word, capitalised_names, words
from ..timevalues import interval

# a run of spaces is tried from its first space only, and never backtracked into ("(?<!\s)\s++"): a long run
# made each pattern quadratic in its length
CLAUSE_SPLIT = re.compile(r"[;:]|(?<!\s)\s++(?=to be\b)|,\s++(?:and|but|while|although|though|so|as|which|who|where)\b|(?<!\s)\s++—\s++|(?<!\s)\s++(?:before|after|when|while|because|although|though)\s++")
VERB_JOIN = re.compile(r"(?:(?<!\s)\s++and|,)\s++(?:later\s++|then\s++|also\s++)?(?P<verb>[a-z]+)\b")
THAT_CLAUSE = re.compile(r"\b(?P<head>[a-z]+)\s+(?P<that>that)\s+")
ATTRIBUTIVE_STOP = re.compile(r" (?:and|or|to|when|after|before|that|until|in|on|at|for|was|were|is)\b", re.I)
DESCRIPTION_MAX = 140
# the preposition (and article) of a date the description cuts out: "met on", "held power in the", "On , Finland"
PREPOSITION_BEFORE_DATE = re.compile(
    r"(?:\b(?:on|in|at|during|since|by|until|till|through|from|before|after|of|for|to)\s+)?(?:\bthe\s+)?$", re.I)
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[,;:.])")  # "In Washington , the agency ..." once the date is out
LEADING_SUBCLAUSE = re.compile(r"^(?:As|While|When|After|Before|Since|Although|Though|If|Once)\b[^,]{0,80},\s*")
PERFECT_AUXILIARIES = {"has", "have", "'s"}
PAST_PERFECT_AUXILIARIES = {"had", "'d"}
COPULAS = PRESENT_AUXILIARIES | {"was", "were"}
PROGRESSIVE_AUXILIARIES = {"been", "was", "were"}
MODALS = {"can", "could", "may", "might", "must", "should"}
MODAL_FILLERS = {"not", "also", "now", "then", "still", "soon", "only", "never", "even", "just", "easily", "well"}
SUBJECT_PRONOUNS = {"he", "she", "it", "this", "that"}
DEMONSTRATIVES = {"these", "those"}
OBJECT_STARTS = {"a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "this", "these", "those"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "of", "this", "that"}
FUTURE = "future"  # the auxiliary recorded for a trigger after will/would
FUTURE_FILLERS = {"be", "have", "been", "also", "not", "now", "then", "still", "soon", "only", "first"}
FUTURE_MARKERS = {"will", "would", "shall", "'ll", "won't", "wo"}
DURATION_UNITS = {"Y": 365, "M": 31, "W": 7, "D": 1}


@functools.cache
def _non_events() -> frozenset[str]:
    return load_set("non_event_verbs.txt")


def _can_be_trigger(text: str, lowered: str) -> bool:
    """Not a plain reporting verb ("said") or a state (non_event_verbs.txt), and lower-case."""
    return text[0].islower() and lowered not in _non_events()


def _is_past_event(text: str, before_lowered: str) -> bool:
    """A past-tense event verb, not an adjective after a determiner ("the reduced dividend")."""
    return before_lowered not in DETERMINERS and is_past_verb(text)


def _is_present_event(lowered: str, before: str, before_lowered: str, earlier: str | None, following: str = "") -> bool:
    """A present-tense event or state: "is planning", "unveils" after a name or pronoun or right before its
    object ("the deal includes the first jets", "already operates an all-Airbus fleet"), "is"."""
    if before_lowered in PRESENT_AUXILIARIES and (lowered.endswith("ing") or is_past_verb(lowered)):
        return True
    if before_lowered in PROGRESSIVE_AUXILIARIES and lowered.endswith("ing") and len(lowered) > 4:
        return True  # "has been fighting", "were protesting"
    if lowered in COPULAS:
        return True
    if before_lowered in MODALS and lowered.isalpha() and lowered not in MODAL_FILLERS:
        return True  # "can fly", "may include", "could not be" (the filler is skipped)
    if before.endswith(("'s", "’s")) or before_lowered in DEMONSTRATIVES:
        return False  # "the FBI's decisions", "These employees": a noun
    determined_noun = earlier is not None and earlier.lower() in DETERMINERS and before.islower()
    named_subject = before[:1].isupper() and before_lowered not in DETERMINERS
    object_follows = following in OBJECT_STARTS and bool(before) and before_lowered not in DETERMINERS \
        and not before[0].isdigit() and before_lowered not in _number_words()  # "three cents a share": a noun
    subject_like = named_subject or before_lowered in SUBJECT_PRONOUNS or before.endswith("ly") or determined_noun \
        or object_follows
    return subject_like and lowered.endswith("s") and len(lowered) > 3 and not lowered.endswith(("ss", "us", "is", "'s", "’s"))


def _next_word(text: str, clause_words: list[Word], index: int) -> str:
    """The next word, lower-cased, when only spaces separate it ("comes in", not "months, the")."""
    if index + 1 >= len(clause_words) or not text[clause_words[index].end : clause_words[index + 1].start].isspace():
        return ""
    return clause_words[index + 1].text.lower()


@functools.cache
def _number_words() -> frozenset[str]:
    return frozenset(load_mapping("numbers.tsv"))


def _auxiliary(clause_words: list[Word], index: int) -> str:
    """The auxiliary before the word at ``index``, looking through "been" ("has been annexed" -> "has")."""
    aux = clause_words[index - 1].text.lower() if index >= 1 else ""
    if aux == "been" and index >= 2:
        aux = clause_words[index - 2].text.lower()
    return aux


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at semicolons, colons, dashes, clause-joining conjunctions,
    "and" before a past-tense verb ("fought cancer in 2004 and took time off in 2009"), a comma before
    a participle (", later revealing ...") and "that" after a verb ("announced that ...")."""
    cuts = [(m.start(), m.end()) for m in CLAUSE_SPLIT.finditer(text, start, end)]
    for match in VERB_JOIN.finditer(text, start, end):
        if is_past_verb(match.group("verb")) or match.group("verb").endswith("ing"):
            cuts.append((match.start(), match.start("verb")))
    for match in THAT_CLAUSE.finditer(text, start, end):
        if is_past_verb(match.group("head")) or match.group("head").endswith("s"):
            cuts.append((match.start("that"), match.end()))
    spans, clause_start = [], start
    for cut_start, cut_end in sorted(cuts):
        if cut_start < clause_start:
            continue
        if cut_start > clause_start:
            spans.append((clause_start, cut_start))
        clause_start = cut_end
    if clause_start < end:
        spans.append((clause_start, end))
    return spans


class EventFinder:
    def __init__(self, doc: Document) -> None:
        self.doc, self.text = doc, doc.text
        self.timexes = sorted(doc.timexes, key=lambda t: t.start)
        self.starts = [t.start for t in self.timexes]
        self.make_id = IdMaker("e", doc.article.id)
        self.quoted = sorted((q.start, q.end) for q in doc.quotes if q.direct)
        self.quote_starts = [start for start, _ in self.quoted]
        self.place_prepositions = set(load_mapping("event_prepositions.tsv"))
        self.signals = load_mapping("relative_event_signals.tsv")

    def timexes_in(self, start: int, end: int) -> list[TimeExpression]:
        low, high = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [t for t in self.timexes[low:high] if t.end <= end]

    def usable(self, word: Word) -> bool:
        """A word that can be a trigger: not inside a direct quote or a time expression."""
        return not self.in_quote(word.start) and not self.timexes_in(word.start, word.end)

    def in_quote(self, position: int) -> bool:
        at = bisect.bisect_right(self.quote_starts, position) - 1
        return at >= 0 and position < self.quoted[at][1]

    def place(self, start: int, end: int, trigger_end: int) -> str | None:
        for name in capitalised_names(self.text, trigger_end, end):
            before = self.text[max(start, name.start - 8) : name.start].split()
            if before and before[-1].lower() in self.place_prepositions and not self.timexes_in(name.start, name.end):
                return name.text
        return None

    def participants(self, start: int, end: int) -> list[str]:
        found = []
        for name in capitalised_names(self.text, start, end):
            if not self.timexes_in(name.start, name.end) and name.text not in found:
                found.append(name.text)
        return found

    def description(self, start: int, end: int, skip: list[TimeExpression]) -> str:
        pieces, position = [], start
        for timex in skip:
            before = self.text[position : timex.start]
            pieces.append(before[: PREPOSITION_BEFORE_DATE.search(before).start()])  # type: ignore[union-attr]
            position = timex.end
        pieces.append(self.text[position:end])
        line = SPACE_BEFORE_PUNCTUATION.sub("", " ".join("".join(pieces).split())).strip(" ,.;:")
        line = LEADING_SUBCLAUSE.sub("", line)
        return line if len(line) <= DESCRIPTION_MAX else line[: DESCRIPTION_MAX - 1].rsplit(" ", 1)[0] + "…"

    def find(self) -> list[Event]:
        events: list[Event] = []
        dct = self.doc.article.published
        for sentence in self.doc.sentences:
            sentence_timexes = [t for t in self.timexes_in(sentence.start, sentence.end) if t.date_start]
            anchor_event: Event | None = None
            for c_start, c_end in clauses(self.text, sentence.start, sentence.end):
                event = self.clause_event(c_start, c_end, sentence_timexes, dct, anchor_event, sentence.start)
                if event:
                    events.append(event)
                    anchor_event = event
        return events

    def relative_anchor(self, c_start: int, anchor: Event | None, sentence_start: int) -> tuple[dt.date, dt.date, str | None] | None:
        """``... came less than a month before`` + this clause: the interval after the anchor event's date."""
        if anchor is None or anchor.date_start is None:
            return None
        lead = self.text[sentence_start:c_start]
        match = re.search(r"(\w+)\s*$", lead)
        if not match or match[1].lower() not in self.signals:
            return None
        durations = [t for t in self.timexes_in(sentence_start, c_start) if t.type == "DURATION"]
        if not durations or not durations[-1].value[1:-1].isdigit():
            return None
        duration = durations[-1]
        days = int(duration.value[1:-1]) * DURATION_UNITS.get(duration.value[-1], 0)
        if not days:
            return None
        direction = self.signals[match[1].lower()]
        shift = dt.timedelta(days=days)
        if duration.mod is None and duration.value[-1] == "D":
            # "two days before the phone launches": exactly that many days after the anchor
            day = anchor.date_start + shift if direction == "after" else anchor.date_start - shift
            return day, day, None
        if direction == "after":
            return anchor.date_start, anchor.date_start + shift, "after"
        return anchor.date_start - shift, anchor.date_start, "before"

    def attributive(self, timex: TimeExpression) -> bool:
        """A date that modifies a noun ("the 1991 settlement", "this year's conference") does not date the clause."""
        after = self.text[timex.end : timex.end + 20]
        if re.match(r"['’]s\b", after):
            return True
        before = self.text[max(0, timex.start - 6) : timex.start].lower().split()
        modifies_noun = not ATTRIBUTIVE_STOP.match(after)
        if timex.rule == "holiday":  # "strong Christmas sales"
            return modifies_noun and bool(re.match(r" [a-z]+\b", after))
        return bool(before) and before[-1] in DETERMINERS and bool(re.match(r" [A-Za-z]+\b", after)) and modifies_noun

    def find_trigger(self, clause_words: list[Word]) -> tuple[Word, str] | None:
        """The clause's event verb and the auxiliary before it: a past-tense verb first ("met",
        "has annexed", "was introduced"), else a present ("is planning", "unveils"); None for a future
        ("will meet") or a clause without a verb."""
        present: tuple[Word, str] | None = None
        before, before_lowered = "", ""  # the previous word
        for index, word in enumerate(clause_words):
            text = word.text
            lowered = text.lower()
            if lowered in FUTURE_MARKERS:
                following = [w for w in clause_words[index + 1 :] if w.text.lower() not in FUTURE_FILLERS]
                if following and following[0].text[0].islower() and self.usable(following[0]):
                    return following[0], FUTURE
                return None
            if _can_be_trigger(text, lowered):
                if _is_past_event(text, before_lowered) and self.usable(word):
                    return word, _auxiliary(clause_words, index)
                if present is None:
                    earlier = clause_words[index - 2].text if index >= 2 else None
                    following = _next_word(self.text, clause_words, index)
                    if _is_present_event(lowered, before, before_lowered, earlier, following) and self.usable(word):
                        present = (word, _auxiliary(clause_words, index))
            if not (before_lowered in MODALS and lowered in MODAL_FILLERS):
                before, before_lowered = text, lowered  # (the modal stays "before" across "not", "still")
        return present

    def clause_event(self, start: int, end: int, sentence_timexes: list[TimeExpression], dct: dt.date | None,
                     anchor: Event | None, sentence_start: int) -> Event | None:
        found = self.find_trigger(words(self.text, start, end))
        if found is None:
            return None
        trigger, aux = found
        if aux == FUTURE and not any(t.date_start for t in self.timexes_in(start, end)):
            return None  # a plan without a date is not on the timeline
        clause_timexes = [t for t in self.timexes_in(start, end) if t.date_start and not self.attributive(t)]
        timex = min(clause_timexes, key=lambda t: abs(t.start - trigger.start)) if clause_timexes else None
        relative = None if timex is not None else self.relative_anchor(start, anchor, sentence_start)
        fronted = [t for t in sentence_timexes if t.end <= start and not self.attributive(t)]
        if timex is None and relative is None and len({t.value for t in fronted}) == 1:
            timex = fronted[0]  # "On August 24, Jobs resigned ...; later he ..." dates the clauses after it
        qualifier, date = None, None
        if timex is not None:
            date, date_start, date_end, granularity = timex.value, timex.date_start, timex.date_end, timex.granularity
            qualifier = {"APPROX": "approximate", "BEFORE": "before", "AFTER": "after"}.get(timex.mod or "")
            if aux == FUTURE:
                qualifier = "planned"
        elif relative is not None:
            date_start, date_end, qualifier = relative
            if date_start == date_end:
                date, granularity = date_start.isoformat(), "day"
            else:
                date, granularity = f"{date_start.isoformat()}/{date_end.isoformat()}", "interval"
        elif aux in PAST_PERFECT_AUXILIARIES and anchor is not None and anchor.date_end is not None:
            # "took six months off in early 2009, revealing he had undergone a transplant": on or before the
            # time of the sentence's event before it
            date, date_start, date_end, granularity = anchor.date, None, anchor.date_end, anchor.granularity
            qualifier = "on_or_before"
        elif dct is not None and aux in PERFECT_AUXILIARIES | PAST_PERFECT_AUXILIARIES:
            # "Russia has annexed ...", "had annexed": news style says it happened on or before the publication day
            date, date_start, date_end, granularity = dct.isoformat(), None, dct, "day"
            qualifier = "on_or_before"
        elif dct is not None:
            # a simple past, a passive past or a present in news copy: the publication day
            date, (date_start, date_end, granularity) = dct.isoformat(), interval(dct.isoformat())
            if trigger.text.lower() in COPULAS:
                qualifier = "state"  # "there is no consensus": true on that day, not a happening
        else:
            return None
        text = self.text
        edtf = to_edtf(date, date_start, date_end, qualifier)
        return Event(
            id=self.make_id("event", text[start:end]),
            article_id=self.doc.article.id,
            start=start,
            end=end,
            text=text[start:end],
            trigger_start=trigger.start,
            trigger_end=trigger.end,
            trigger=trigger.text,
            description=self.description(start, end, [t for t in ([timex] if timex else []) if start <= t.start < end]),
            date=date,
            date_start=date_start,
            date_end=date_end,
            granularity=granularity,
            year=(date_start or date_end).year if (date_start or date_end) else None,
            qualifier=qualifier,
            edtf=edtf,
            place=self.place(start, end, trigger.end),
            participants=self.participants(start, trigger.start),
            timex_id=timex.id if timex else None,
        )


def find_events(doc: Document) -> Document:
    """Fill ``doc.events`` with the dated events of every sentence."""
    doc.events = EventFinder(doc).find()
    return doc
