"""Stage ``quotes``: direct, mixed and indirect quotes with their cue and resolved speaker.

1. Quoted spans are found paragraph by paragraph in every quotation-mark style; a paragraph that
   opens a quote without closing it runs to its end (the next paragraph continues it).
2. Each quoted span looks for its attribution: right after it (``,” he said``), right before it
   (``Stoltenberg said: “``), earlier in its sentence (a mixed quote), elsewhere in its paragraph, or
   in the previous paragraph when it continues a quote. Short unattributed quoted words are scare
   quotes or titles and are dropped.
3. Sentences with no direct quote are read for indirect speech (``X said (that) ...``,
   ``..., X said.``, ``according to X``).
4. Speakers resolve through the article's people: "Stoltenberg" and "he" become "Jens Stoltenberg".
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..ids import IdMaker
from ..mentions import PersonIndex, split_title
from ..models import Document, Quote
from ..quote_patterns import base_form_cues, before_end_words, compiled, cue_word_pattern, speech_cue_words
from ..regex_trie import alternation
from ..resources import load_list, load_mapping, load_set, load_table
from ..tense import is_past_verb
from ..text import Spans, abbreviations

OPENERS = {"”": "”", "“": "”", "``": "''", "''": "''", "‘": "’", '"': '"', "'": "'"}
MIXED_CLOSERS = {"“": '"', '"': "”"}  # the other double mark that may close a quote after its punctuation
MARK_RE = re.compile(r"``|''|[“”‘’\"']")
QUOTATION_RE = re.compile(r"``|''|[“”\"]|(?<!\w)[‘']|[’'](?!\w)")  # a quotation mark, not the apostrophe of "University's"
# a person's name in apposition to a role: "the company's chief executive, Tim Cook, said"
APPOSITIVE_NAME = re.compile(r",\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+),")
POSSESSIVE_ROLE = re.compile(r"['’]s\s")
QUOTE_CLOSE = re.compile(r"[”\"'’](?![\w’'])")  # a closing mark, not the apostrophe of "Trump’s"
WITH_PHRASE_END = re.compile(r"\b(?:with|of)\s+$")  # "with McCain calling it", "footage of Clinton asking"
APPOSITION_PART = re.compile(r",\s+(?P<part>[^,]+?)(?=\s*(?:,|$))")
CLAUSE_COMMA = re.compile(r",\s+")
AFFILIATION = re.compile(r"(?<=[a-z])\s+of\s+the\s+.*$", re.S)  # a name's "of the ..." tail is its affiliation
EMBEDDED = re.compile(r"\s+(?:that\s+)?")  # "said (that) he believes": a clause reported by the cue before it
LAST_WORD = re.compile(r"[\w’'.-]+$")
ABOUT_PHRASE = re.compile(r"\b(?:of|about|to)\b")
NEXT_QUOTE = re.compile(r"\s*[,:]\s*(?:[“\"‘]|``)")
DETERMINER = re.compile(r"(?:the|an?|one|another|some|many|several)\s", re.I)
MIN_UNATTRIBUTED_WORDS = 6
MIN_SUBJECT_QUOTE_WORDS = 3  # a shorter quote with no cue needs a colon before it to count
MIN_INDIRECT_WORDS = 3
LOOKAROUND_CHARS = 160
HEADLINE_CHARS = 200  # a line this short that starts "Name:" is a headline naming its speaker


@dataclass
class QuotedSpan:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    open_mark: int
    close_mark: int  # index after the closing mark (== end when unclosed)
    paragraph: int


@dataclass
class Attribution:
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    kind: str
    antecedent: tuple[int, int] | None = None  # what the relative pronoun speaker ("..., who said") refers to


def _opens(text: str, start: int, end: int) -> bool:
    """A mark at [start, end) opens a quote: after a space, bracket or dash, before a word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([—–-") and (after.isalnum() or after in "‘'`\"“$")


def _is_opening_single(text: str, index: int) -> bool:
    return _opens(text, index, index + 1) and text[index + 1 : index + 2].isalnum()


def _closes(text: str, index: int) -> bool:
    """A mark right after a word or punctuation and before a space or the line end closes a quote."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else "\n"
    return not before.isspace() and after.isspace()


def _is_closing_single(text: str, index: int) -> bool:
    after = text[index + 1] if index + 1 < len(text) else " "
    before = text[index - 1] if index > 0 else " "
    return not after.isalpha() and not before.isspace()


def quoted_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Top-level quoted spans of every paragraph; nested quotes stay inside their outer quote."""
    spans = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        opener = ""
        nested = 0  # “...“hell” than ...”: curly quotes opened inside a curly quote
        for match in MARK_RE.finditer(text, p_start, p_end):
            mark, index = match.group(), match.start()
            if open_at is None:
                if mark == "”" and not text[p_start:index].strip() and _opens(text, index, index + 1):
                    open_at, opener = index, mark  # ”What is most infuriating ...”: a closing mark typed to open
                    continue
                if mark in ("”", "’"):
                    continue
                if mark == "''" and not _opens(text, index, index + 2):
                    continue  # NYT style opens with '' too: only before a word
                if mark in ("'", "‘") and not _is_opening_single(text, index):
                    continue
                if mark == '"' and index + 1 < p_end and text[index + 1].isspace() and index > p_start and not text[index - 1].isspace():
                    continue  # a stray closing straight quote
                open_at, opener, nested = index, mark, 0
                continue
            closer = OPENERS[opener]
            if mark == "“" and opener == "“" and _closes(text, index):
                mark = closer  # “...,“ said Jim Clyburn: an opening mark typed where the closing one belongs
            elif mark == "“" and opener == "“" and _opens(text, index, index + 1):
                nested += 1
                continue
            if mark == "”" and nested:
                nested -= 1
                continue
            if mark in MIXED_CLOSERS.get(opener, "") and text[index - 1] in ",.!?" and _closes(text, index):
                mark = closer  # “... need be," Ryan continued: a straight mark closing a curly one, or the reverse
            if mark == closer and (closer not in ("'", "’") or _is_closing_single(text, index)):
                spans.append(QuotedSpan(open_at + len(opener), index, open_at, index + len(mark), number))
                open_at = None
        if open_at is not None and opener not in ("'", "‘"):
            end = p_end
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end > open_at + len(opener):
                spans.append(QuotedSpan(open_at + len(opener), end, open_at, end, number))
    return [s for s in spans if text[s.start : s.end].strip()]


@functools.cache
def _listener_verbs() -> frozenset[str]:
    lemmas = frozenset(load_list("listener_verbs.txt"))
    return frozenset(verb for verb, lemma in load_mapping("speech_verbs.tsv").items() if lemma in lemmas)


def _takes_a_listener(cue: str) -> bool:
    """A cue whose object is the listener ("told", "asked", "urged"), not the speaker."""
    return cue.lower() in _listener_verbs()


@functools.cache
def _other_clause() -> re.Pattern[str]:
    """A word that opens another clause, which may bring its own speaker (clause_openers.txt)."""
    return re.compile(rf"\b(?:{alternation(load_list('clause_openers.txt'))})\b")


@functools.cache
def _preposition_before() -> re.Pattern[str]:
    """A preposition (and "the") ending the text: what follows is its object, not a subject."""
    return re.compile(rf"\b(?i:{alternation(load_list('prepositions.txt'))})\s+(?:the\s+)?$")


def _is_verb(word: str) -> bool:
    """A finite verb after a subject: "went", "endorsed", "says", "has" (not "in", "of", "and")."""
    return is_past_verb(word) or word in load_set("finite_auxiliaries.txt") or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _agrees(match: re.Match[str]) -> bool:
    """A singular name does not take a verb's base form: "Apple Music show The 411" is no cue, "polls show" is."""
    if match.re.groupindex.get("relative") and match.start("relative") >= 0:
        return True
    speaker, cue = match.group("speaker"), match.group("cue")
    if not speaker or not cue or cue.split()[0] not in base_form_cues():
        return True
    if speaker.lower() in load_mapping("pronouns.tsv"):
        return True  # "I say", "They call"
    last = speaker.split()[-1]
    return not (speaker[0].isupper() and last[0].isupper() and not last.endswith("s") and " and " not in speaker)


def _may_end_before(before: str) -> bool:
    """Can the ``before`` pattern ("Stoltenberg told reporters: “...") match at the end of ``before``? Not when
    its last word is lower case and no cue, listener or "of/about/to" phrase can end there: a cheap test
    that spares a costly search before most mid-sentence quotes ("... called it a “...”")."""
    tail = before.rstrip()
    if tail.endswith((":", ",")):
        tail = tail[:-1].rstrip()
    last = LAST_WORD.search(tail)
    if last is None:
        return True
    word = last.group()
    if not word[0].islower() or word.lower() in before_end_words():
        return True
    return ABOUT_PHRASE.search(tail, max(0, len(tail) - 60)) is not None


def _is_abbreviation(mention: str) -> bool:
    last = mention.split()[-1]
    return last in abbreviations() or (len(last) == 2 and last[0].isupper())


def _is_role(mention: str) -> bool:
    """A common-noun speaker ("Another critic", "Apple's chief executive"), not a name ("Sen. Bob Dole")."""
    words = mention.split()
    return not words[0][:1].isupper() or bool(POSSESSIVE_ROLE.search(mention)) or (
        len(words) > 1 and all(word[:1].islower() for word in words[1:]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "“”\"‘’'`"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“”\"'`"):
        end -= 1
    return start, end


@dataclass
class PendingQuote:
    """A direct quote being assembled from one or more quoted spans."""

    start: int
    end: int
    kind: str
    attribution: Attribution | None
    span: QuotedSpan


class QuoteFinder:
    """Finds the quotes of one document; holds its people index and sentence boundaries."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.body_patterns, self.headline_patterns = compiled(), compiled(headline=True)
        self.patterns = self.body_patterns
        self.pronouns = {row["pronoun"]: row for row in load_table("pronouns.tsv")}
        self.sentence_starts = [s.start for s in doc.sentences]
        self.spans = quoted_spans(self.text, [(p.start, p.end) for p in doc.paragraphs])
        self.people = PersonIndex.build(
            self.text, [(s.start, s.end) for s in doc.sentences], [(q.start, q.end) for q in self.spans]
        )
        self.make_id = IdMaker("q", doc.article.id)
        cue_words = list(cue_word_pattern().finditer(self.text))
        self.cue_positions = [match.start() for match in cue_words]
        speech = speech_cue_words()
        self.speech_positions = [match.start() for match in cue_words if match.group() in speech]

    def has_cue(self, start: int, end: int, positions: list[int] | None = None) -> bool:
        """Is there a word that can cue an attribution in ``text[start:end]``? (Other patterns need one.)
        With ``positions=self.speech_positions``: a speech verb, which indirect speech needs."""
        positions = self.cue_positions if positions is None else positions
        at = bisect.bisect_left(positions, start)
        return at < len(positions) and positions[at] < end

    def sentence_of(self, position: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        sentence = self.doc.sentences[index] if self.doc.sentences else None
        return (sentence.start, sentence.end) if sentence else (0, len(self.text))

    def attribute(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        headline = span.paragraph == 0 and paragraph[1] - paragraph[0] <= HEADLINE_CHARS
        text, patterns = self.text, (self.headline_patterns if headline else self.body_patterns)
        after_end = min(paragraph[1], span.close_mark + LOOKAROUND_CHARS)
        after = text[span.close_mark : after_end]
        for name in ("after_speaker_cue", "after_cue_speaker", "after_according", "after_dash"):
            match = patterns[name].match(after)
            if match and not self._introduces_next(span, after, match):
                return self._found(span.close_mark, match, "direct")
        if not after.strip() and span.paragraph + 1 < len(self.doc.paragraphs):
            below = self.doc.paragraphs[span.paragraph + 1]  # “...”  ¶ - Bernie Sanders.
            match = patterns["after_dash"].match(text, below.start, below.end)
            if match:
                return self._found(0, match, "direct")
        sentence_start, _ = self.sentence_of(span.open_mark)
        before_start = max(paragraph[0], sentence_start, span.open_mark - LOOKAROUND_CHARS)
        before = text[before_start : span.open_mark]
        has_cue = patterns["any_cue"].search(before) is not None if headline else self.has_cue(before_start, span.open_mark)
        colon = before.rstrip().endswith((":", "--", "—"))
        for name in ("before", "before_inverted", "before_colon") if has_cue else ("before_colon",):
            if (name == "before_colon" and not colon) or (name == "before" and not _may_end_before(before)):
                continue
            match = patterns[name].search(before)
            if match and name == "before_inverted" and _takes_a_listener(match.group("cue")):
                continue  # ", told her supporters, “...”": a listener, not an inverted speaker
            if match and name == "before" and match.group("speaker").lower() in self.pronouns:
                outer = [m for m in patterns["mixed"].finditer(before, 0, match.start("speaker")) if _agrees(m)]
                match = self._reporting([*outer, match])  # "Benjamin said he believes “...”"
            if match:
                return self._found(before_start, match, "direct")
        nearest: re.Match[str] | None = None
        speech = headline or self.has_cue(before_start, span.open_mark, self.speech_positions)
        for names in (("mixed", "participle"), ("according_to",), ("partial",), ("coordinated",)) if has_cue else ():
            for name in names:  # a speech verb or participle nearest the quote, then weaker cues
                if name in ("mixed", "according_to") and not speech:
                    continue  # both need a speech verb or "according"
                matches = [m for m in patterns[name].finditer(before) if _agrees(m)]
                if matches and (nearest is None or matches[-1].end("cue") > nearest.end("cue")):
                    nearest = self._reporting(matches)
            if nearest is not None:
                return self._found(before_start, nearest, "mixed")
        tail = self.sentence_tail_attribution(span)
        if tail is not None:
            return tail
        headline = self.patterns["headline"].match(text, paragraph[0], span.open_mark)
        if headline and paragraph[1] - paragraph[0] <= HEADLINE_CHARS:
            return Attribution(headline.start("speaker"), headline.end("speaker"), None, None, "direct")
        return self.intro_attribution(span, paragraph) or self.transcript_attribution(span)

    def _reporting(self, matches: list[re.Match[str]]) -> re.Match[str]:
        """The last cue, or the one that reports it when its speaker is a pronoun right after that cue: in
        "He says he believes his campaign has “the wind at its back”" the speaker is the one who says."""
        last = matches[-1]
        if len(matches) > 1 and last.group("speaker").lower() in self.pronouns:
            outer = matches[-2]
            if EMBEDDED.fullmatch(outer.string, outer.end("cue"), last.start("speaker")):
                return outer
        return last

    def _introduces_next(self, span: QuotedSpan, after: str, match: re.Match[str]) -> bool:
        """“... change.” She adds, “What kind of genius ...”: after a quote that ends its sentence, a cue
        followed by another quote introduces that one."""
        return self.text[span.close_mark - 2 : span.close_mark].rstrip("”\"’'")[-1:] in (".", "!", "?") and (
            NEXT_QUOTE.match(after, match.end()) is not None)

    def sentence_tail_attribution(self, span: QuotedSpan) -> Attribution | None:
        """A cue at the end of the sentence the quote opens, after more words: “He can assert it, but it
        seems extremely unlikely” that Sanders can catch Clinton, said Steve Elmendorf."""
        _, sentence_end = self.sentence_of(span.close_mark)
        if sentence_end <= span.close_mark or not self.has_cue(span.close_mark, sentence_end, self.speech_positions):
            return None
        match = self.patterns["sentence_tail"].search(self.text, span.close_mark, sentence_end)
        if match is None:
            return None
        speaker, cue = ("speaker", "cue") if match.start("speaker") >= 0 else ("speaker2", "cue2")
        if speaker == "speaker2" and _takes_a_listener(match.group(cue)):
            return None  # "..., told POLITICO before the interview.": a listener
        return self._found(0, match, "direct", speaker, cue)

    def intro_attribution(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        """A quote opening a paragraph after an introduction ending in a colon: "Caddell continued:"."""
        if span.open_mark != paragraph[0] or span.paragraph == 0:
            return None
        previous = self.doc.paragraphs[span.paragraph - 1]
        intro = self.text[previous.start : previous.end].rstrip()
        if not intro.endswith(":"):
            return None
        position = 0
        while (match := self.patterns["intro"].search(intro, position)) is not None:
            cue = match.group("cue")  # "He then listed ...:", "From Josh Feldman writing at Mediaite:"
            if _is_verb(cue) or cue.endswith("ing"):  # not "Republican presidential nominee ...:"
                return self._found(previous.start, match, "direct")
            position = match.start() + 1
        return None

    def transcript_attribution(self, span: QuotedSpan) -> Attribution | None:
        """A transcript line inside the marks: "PENCE: Well, look, ..." is Pence speaking."""
        match = self.patterns["transcript"].match(self.text, span.start, span.end)
        if not match:
            return None
        return Attribution(match.start("speaker"), match.end("speaker"), None, None, "direct")

    def _found(self, base: int, match: re.Match[str], kind: str, speaker: str = "speaker", cue: str = "cue") -> Attribution:
        speaker_start, speaker_end = base + match.start(speaker), base + match.end(speaker)
        cue_start, cue_end = base + match.start(cue), base + match.end(cue)
        if speaker == "speaker" and match.re.groupindex.get("relative") and match.start("relative") >= 0:
            # "..., Mike Lee, who declared": the speaker is "who", and "who" is the name before it
            relative, relative_end = base + match.start("relative"), base + match.end("relative")
            antecedent = self.antecedent(relative)
            if antecedent is not None:
                return Attribution(relative, relative_end, cue_start, cue_end, kind, antecedent)
        participle = cue_start < cue_end and (self.text[cue_start:cue_end].endswith("ing") or speaker_start == speaker_end)
        if participle and not self._after_with(speaker_start, speaker_end, cue_start):
            # "..., calling him a “loser”": a participle's speaker is its clause's subject, not the word before it
            subject = self.clause_subject(cue_start)
            if subject:
                speaker_start, speaker_end = subject
        speaker_start, speaker_end = self._within_a_sentence(speaker_start, speaker_end, cue_start)
        if cue_start == cue_end:
            cue_start = cue_end = None  # "Philip Bump: “...”": the colon is the only cue
        if speaker_start == speaker_end:
            return Attribution(None, None, cue_start, cue_end, kind)
        if self.text[speaker_end - 1] == "." and not _is_abbreviation(self.text[speaker_start:speaker_end]):
            speaker_end -= 1
        role = self.text[speaker_start:speaker_end]
        named = APPOSITIVE_NAME.match(self.text, speaker_end)
        if named and _is_role(role):
            speaker_start, speaker_end = named.span("name")  # "Apple's chief executive, Tim Cook, called"
        elif cue_start is not None and cue_start > speaker_end and (preposition := _preposition_before().search(
                self.text, max(0, speaker_start - 12), speaker_start)):
            subject = self.subject_in_apposition(speaker_end, cue_start) or self.subject_before(speaker_start)
            if subject is None and _is_role(role) and preposition.group().split()[0].lower() not in ("and", "or"):
                subject = self.name_before(preposition.start())  # "Trump at the time said"
            if subject:
                speaker_start, speaker_end = subject
        return Attribution(speaker_start, speaker_end, cue_start, cue_end, kind)

    def _within_a_sentence(self, start: int, end: int, cue: int) -> tuple[int, int]:
        """A speaker the patterns ran across a sentence end ("added another Republican. Yet another said")
        keeps the part on the cue's side of it."""
        low, high = bisect.bisect_right(self.sentence_starts, start), bisect.bisect_left(self.sentence_starts, end)
        if low >= high:
            return start, end
        if cue >= end:  # the cue follows the speaker: the last sentence's part
            return self.sentence_starts[high - 1], end
        stop = self.sentence_starts[low]
        while stop > start and (self.text[stop - 1].isspace() or self.text[stop - 1] in ".!?"):
            stop -= 1
        return start, stop

    def antecedent(self, relative: int) -> tuple[int, int] | None:
        """The noun phrase right before a relative pronoun ("Sen. Mike Lee, who") within its sentence; the
        name before a role in apposition ("Scott Reed, the Chamber's chief strategist, who")."""
        sentence_start, _ = self.sentence_of(relative)
        found = self._phrase_ending(sentence_start, relative)
        if found is not None and _is_role(self.text[found[0] : found[1]]):
            name = self._phrase_ending(sentence_start, found[0])
            if name is not None and self.text[name[1] : found[0]].strip() == "," and not _is_role(self.text[name[0] : name[1]]):
                return name
        return found

    def _phrase_ending(self, start: int, end: int) -> tuple[int, int] | None:
        """The speaker-like noun phrase that ends right before ``end`` (past spaces and a comma)."""
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        match = self.patterns["speaker_alone"].search(self.text, start, end)
        return match.span("speaker") if match else None

    def subject_in_apposition(self, start: int, end: int) -> tuple[int, int] | None:
        """The subject among the comma-separated parts after a place or an object that a pattern took for
        the speaker: "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said"."""
        found: list[tuple[int, int]] = []
        for part in APPOSITION_PART.finditer(self.text, start, end):
            match = self.patterns["speaker_alone"].match(self.text, part.start("part"), part.end("part"))
            if match:
                found.append(match.span("speaker"))
        names = [span for span in found if self.text[span[0]].isupper()]
        if names:
            return names[-1]  # ", her senior policy adviser, Jake Sullivan, said"
        return found[0] if found else None

    def subject_before(self, position: int) -> tuple[int, int] | None:
        """The noun phrase opening the sentence, when the speaker a pattern found at ``position`` is the
        object of a preposition in it: "Another intelligence source speaking to Fox News said"."""
        sentence_start, _ = self.sentence_of(position)
        match = self.patterns["speaker_first"].match(self.text, sentence_start, position)
        return match.span("speaker") if match and match.end("speaker") < position else None

    def name_before(self, position: int) -> tuple[int, int] | None:
        """A name right before the preposition at ``position``: "Trump at the time said"."""
        sentence_start, _ = self.sentence_of(position)
        found = self._phrase_ending(sentence_start, position)
        if found is None or self.text[found[1] : position].strip() or _is_role(self.text[found[0] : found[1]]):
            return None
        return found

    def _after_with(self, speaker_start: int, speaker_end: int, cue_start: int) -> bool:
        """"..., with Sen. John McCain calling it a “Chinese menu”": the noun phrase after "with" is the
        participle's own subject."""
        return (speaker_start < speaker_end and not self.text[speaker_end:cue_start].strip()
                and WITH_PHRASE_END.search(self.text[max(0, speaker_start - 8) : speaker_start]) is not None)

    def clause_subject(self, cue_start: int) -> tuple[int, int] | None:
        """The subject of the clause a participle cue ("..., calling him a “loser”") belongs to.

        After a quote in the sentence, the subject that follows it (“...,” Trump said, adding ...). Else a
        noun phrase right before a verb at the start of the nearest comma-separated stretch that has one
        (the participle belongs to the nearest clause), so that a leading phrase is skipped ("At a rally in
        Portsmouth, N.H., on Tuesday, Bernie Sanders endorsed Clinton, saying ..."); else the looser
        ``subject`` pattern from the sentence start.
        """
        text = self.text
        sentence_start, _ = self.sentence_of(cue_start)
        closing = [m.end() for m in QUOTE_CLOSE.finditer(text, sentence_start, cue_start)]
        after_quote = closing[-1] if closing else sentence_start
        if after_quote > sentence_start:
            while after_quote < cue_start and text[after_quote] in " ,":
                after_quote += 1
            subject = self.patterns["subject"].match(text, after_quote, cue_start)
            if subject:
                return subject.span("speaker")
            inverted = self.patterns["after_cue_speaker"].match(text[after_quote:cue_start])  # said Mr. Burr, adding
            if inverted:
                return after_quote + inverted.start("speaker"), after_quote + inverted.end("speaker")
        for start in reversed([sentence_start, *(m.end() for m in CLAUSE_COMMA.finditer(text, sentence_start, cue_start))]):
            subject = self.patterns["clause_subject"].match(text, start, cue_start)
            if subject and _is_verb(subject.group("verb")) and not subject.group("speaker").endswith("ing"):
                return subject.span("speaker")
        subject = self.patterns["subject"].match(text, sentence_start, cue_start)
        return subject.span("speaker") if subject else None

    def paragraph_attribution(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        """A cue elsewhere in the quote's paragraph, outside the quotation marks ("He said: ... “...”")."""
        text = self.text
        for start, end in ((span.close_mark, paragraph[1]), (paragraph[0], span.open_mark)):
            if not self.has_cue(start, end):
                continue
            outside = text[start:end]
            outside = re.sub(r"[“\"].*?[”\"]", lambda m: " " * len(m.group()), outside)
            match = self.patterns["mixed"].search(outside)
            if match:
                return self._found(start, match, "direct")
        return None

    def speaker_name(self, start: int | None, end: int | None, antecedent: tuple[int, int] | None = None) -> str | None:
        if start is None or end is None:
            return None
        if antecedent is not None:
            start, end = antecedent
        mention = self.text[start:end]
        head = AFFILIATION.sub("", mention)
        if head != mention and len(head.split()) > 1 and not _is_role(head):
            mention = head  # "Robert Antonacci of the New York delegation", not "Some of the women"
        pronoun = self.pronouns.get(mention.lower())
        if pronoun:
            if pronoun["kind"] != "person":
                return None
            return self.people.last_before(start, pronoun["gender"] or None, self.sentence_starts)
        resolved = self.people.resolve(mention)
        if resolved:
            return resolved
        name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
        if not name[:1].isupper():
            return mention
        if _is_role(name):
            return name  # "Republican nominee": a role, not a titled name
        return split_title(name)[1]  # "Senator John McCain of Arizona" -> "John McCain of Arizona"

    def quote(self, start: int, end: int, kind: str, attribution: Attribution | None) -> Quote:
        a = attribution or Attribution(None, None, None, None, kind)
        speaker = self.speaker_name(a.speaker_start, a.speaker_end, a.antecedent)
        text = self.text
        return Quote(
            id=self.make_id("quote", text[start:end]),
            article_id=self.doc.article.id,
            start=start,
            end=end,
            text=text[start:end],
            direct=kind != "indirect",
            kind=kind,  # type: ignore[arg-type]
            speaker=speaker,
            speaker_start=a.speaker_start,
            speaker_end=a.speaker_end,
            speaker_mention=text[a.speaker_start : a.speaker_end] if a.speaker_start is not None else None,
            cue=" ".join(text[a.cue_start : a.cue_end].split()) if a.cue_start is not None else None,
            cue_start=a.cue_start,
            cue_end=a.cue_end,
        )

    def direct_quotes(self) -> list[Quote]:
        paragraphs = [(p.start, p.end) for p in self.doc.paragraphs]
        pending: list[PendingQuote] = []
        for span in self.spans:
            paragraph = paragraphs[span.paragraph]
            attribution = self.attribute(span, paragraph)
            last = pending[-1] if pending else None
            if last is not None and self._continues(last, span, attribution, paragraph):
                last.end, last.span = span.end, span  # "A," he said, "B." / a quote over several paragraphs
                continue
            if attribution is None:
                attribution = self.paragraph_attribution(span, paragraph)
            words = len(self.text[span.start : span.end].split())
            if words < MIN_UNATTRIBUTED_WORDS and self._after_a_title_noun(span):
                continue  # the reality show “Cake Boss”: a title, whatever cue is near
            if attribution is None and words < MIN_UNATTRIBUTED_WORDS:
                # a short quote is kept only when its sentence's subject is a source: "Trump leaned in and
                # boomed: “Let’s defeat her.”"; a word or two needs the colon too (scare quotes, nicknames)
                introduced = self.text[paragraph[0] : span.open_mark].rstrip().endswith(":")
                if introduced or (words >= MIN_SUBJECT_QUOTE_WORDS and not self._names_something(span)):
                    attribution = self.subject_attribution(span)
                if attribution is None:
                    continue
            kind = "direct"
            if attribution is not None:
                kind = attribution.kind
                sentence_start, _ = self.sentence_of(span.open_mark)
                if kind == "mixed" and words >= MIN_UNATTRIBUTED_WORDS and self.text[sentence_start:span.open_mark].rstrip().endswith((":", ",")):
                    kind = "direct"
            pending.append(PendingQuote(span.start, span.end, kind, attribution, span))
        quotes = []
        for item in pending:
            start, end = _trim(self.text, item.start, item.end)
            if start < end:
                quotes.append(self.quote(start, end, item.kind, item.attribution or self.subject_attribution(item.span)))
        return quotes

    def _word_before(self, span: QuotedSpan, skip: str = "") -> str:
        """The lower-cased word right before a quote's opening mark, past the characters in ``skip``."""
        before = self.text[max(0, span.open_mark - 12) : span.open_mark].rstrip(skip).split()
        return before[-1].lower() if before else ""

    def _after_a_title_noun(self, span: QuotedSpan) -> bool:
        """A quote right after "show", "book", "film" ... (title_nouns.txt) is that work's title."""
        return self._word_before(span, skip=" ,") in load_set("title_nouns.txt")

    def _names_something(self, span: QuotedSpan) -> bool:
        """A quote after "of", "the", "titled" ... is a title or a name, not speech (name_quote_markers.txt)."""
        return self._word_before(span) in load_set("name_quote_markers.txt")

    def subject_attribution(self, span: QuotedSpan) -> Attribution | None:
        """The speaker of a quote no cue attributes: the subject of the sentence the quote ends
        ("Paul Ryan worried that the safety net was becoming “a hammock ...”"); for a quote opening its
        sentence, of the sentence before it in the paragraph ("Clinton touted her credentials. “...”"), or,
        opening its paragraph, of the paragraph's last sentence before it when that sentence has a cue word
        and no quote ("Howard continued his scathing remarks."). Only when that subject is a person or a
        source (a name, a personal pronoun, "the campaign") and no other clause ("..., who mused ...",
        "while ...") comes between. No cue is recorded."""
        sentence_start, _ = self.sentence_of(span.open_mark)
        end = span.open_mark
        if sentence_start >= span.open_mark:
            # a quote opening its sentence, after a sentence that announces it: "Clinton touted her credentials."
            paragraph = self.doc.paragraphs[span.paragraph]
            if span.open_mark > paragraph.start:
                sentence_start, end = self.sentence_of(span.open_mark - 1)[0], span.open_mark
                if sentence_start < paragraph.start or QUOTATION_RE.search(self.text, sentence_start, end):
                    return None
            else:  # the quote opens its paragraph: the last sentence of the paragraph before, with a cue word
                if span.paragraph == 0:
                    return None
                previous = self.doc.paragraphs[span.paragraph - 1]
                sentence_start, end = self.sentence_of(previous.end - 1)[0], previous.end
                if QUOTATION_RE.search(self.text, previous.start, previous.end) or not self.has_cue(sentence_start, end):
                    return None
        match = self.patterns["subject"].match(self.text, sentence_start, end)
        if match is None or _other_clause().search(self.text, match.end("speaker"), end):
            return None
        mention = match.group("speaker")
        pronoun = self.pronouns.get(mention.lower())
        if pronoun:
            source = pronoun["kind"] == "person"
        elif DETERMINER.match(mention) or not mention[:1].isupper():
            source = mention.split()[-1].lower() in load_set("source_nouns.txt")  # "the campaign", not "the inquiry"
        else:  # a name ("Paul Ryan", "Politico"), not a participle opening the sentence ("Acknowledging ...")
            source = not mention.split()[0].endswith("ing") or self.people.resolve(mention) is not None
        return Attribution(*match.span("speaker"), None, None, "direct") if source else None

    @staticmethod
    def _continues(last: "PendingQuote", span: QuotedSpan, attribution: Attribution | None,
                   paragraph: tuple[int, int]) -> bool:
        """Does ``span`` continue the previous quote rather than start a new one?

        Yes when it shares the previous quote's cue (the second half of ``"A," he said, "B."``, or
        another fragment of a mixed quote), or has no attribution of its own and follows an attributed
        quote in the same paragraph or opens the next paragraph.
        """
        if last.attribution is None:
            return False
        if attribution is not None:
            return attribution.cue_start is not None and attribution.cue_start == last.attribution.cue_start
        same_paragraph = span.paragraph == last.span.paragraph
        opens_next = span.paragraph == last.span.paragraph + 1 and span.open_mark == paragraph[0]
        return same_paragraph or opens_next

    def indirect_quotes(self, covered: list[tuple[int, int]]) -> list[Quote]:
        quotes = []
        patterns = self.patterns
        direct = Spans(covered)
        for sentence in self.doc.sentences:
            if direct.overlap(sentence.start, sentence.end):
                continue  # a direct quote overlaps the sentence
            chunk = self.text[sentence.start : sentence.end]
            if "“" in chunk or '"' in chunk or not self.has_cue(sentence.start, sentence.end, self.speech_positions):
                continue
            according = "ccording to" in chunk
            for name in ("according_lead", "according_tail", "according_middle", "indirect_lead", "indirect_tail",
                         "indirect_middle", "indirect_participle", "indirect_tail_appositive", "indirect_coordinated"):
                if name.startswith("according") and not according:
                    continue
                match = patterns[name].match(chunk)
                if not match:
                    continue
                content_start, content_end = _trim(self.text, sentence.start + match.start("content"), sentence.start + match.end("content"))
                if len(self.text[content_start:content_end].split()) < MIN_INDIRECT_WORDS:
                    continue
                speaker_group = "speaker" if match.start("speaker") >= 0 else "speaker2"
                cue_group = "cue" if match.start("cue") >= 0 else "cue2"
                attribution = self._found(sentence.start, match, "indirect", speaker_group, cue_group)
                quotes.append(self.quote(content_start, content_end, "indirect", attribution))
                break
        return quotes


def find_quotes(doc: Document) -> Document:
    """Fill ``doc.quotes`` (in text order) and ``doc.people``."""
    finder = QuoteFinder(doc)
    direct = finder.direct_quotes()
    covered = [(q.start, q.end) for q in direct]
    doc.quotes = sorted(direct + finder.indirect_quotes(covered), key=lambda q: q.start)
    speakers = {q.speaker for q in doc.quotes}
    doc.people = [finder.people.person(name) for name in finder.people.people if name in speakers]
    return doc
