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
import re
from dataclasses import dataclass

from ..ids import IdMaker
from ..mentions import PersonIndex
from ..models import Document, Quote
from ..quote_patterns import compiled
from ..resources import load_mapping
from ..text import abbreviations

OPENERS = {"“": "”", "``": "''", "‘": "’", '"': '"', "'": "'"}
MARK_RE = re.compile(r"``|''|[“”‘’\"']")
MIN_UNATTRIBUTED_WORDS = 6
MIN_INDIRECT_WORDS = 3
LOOKAROUND_CHARS = 160


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


def _is_opening_single(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and (after.isalnum())


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
        for match in MARK_RE.finditer(text, p_start, p_end):
            mark, index = match.group(), match.start()
            if open_at is None:
                if mark in ("”", "’", "''"):
                    continue
                if mark in ("'", "‘") and not _is_opening_single(text, index):
                    continue
                if mark == '"' and index + 1 < p_end and text[index + 1].isspace() and index > p_start and not text[index - 1].isspace():
                    continue  # a stray closing straight quote
                open_at, opener = index, mark
                continue
            closer = OPENERS[opener]
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


def _is_abbreviation(mention: str) -> bool:
    last = mention.split()[-1]
    return last in abbreviations() or (len(last) == 2 and last[0].isupper())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "“”\"‘’'`"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“”\"'`"):
        end -= 1
    return start, end


class QuoteFinder:
    """Finds the quotes of one document; holds its people index and sentence boundaries."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.patterns = compiled()
        self.pronouns = load_mapping("pronouns.tsv")
        self.sentence_starts = [s.start for s in doc.sentences]
        self.people = PersonIndex.build(self.text, [(s.start, s.end) for s in doc.sentences])
        self.make_id = IdMaker("q", doc.article.id)

    def sentence_of(self, position: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        sentence = self.doc.sentences[index] if self.doc.sentences else None
        return (sentence.start, sentence.end) if sentence else (0, len(self.text))

    def attribute(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        text, patterns = self.text, self.patterns
        after_end = min(paragraph[1], span.close_mark + LOOKAROUND_CHARS)
        after = text[span.close_mark : after_end]
        for name in ("after_speaker_cue", "after_cue_speaker"):
            match = patterns[name].match(after)
            if match:
                return self._found(span.close_mark, match, "direct")
        sentence_start, _ = self.sentence_of(span.open_mark)
        before_start = max(paragraph[0], sentence_start, span.open_mark - LOOKAROUND_CHARS)
        before = text[before_start : span.open_mark]
        match = patterns["before"].search(before)
        if match:
            return self._found(before_start, match, "direct")
        for name in ("mixed", "according_to"):
            match = None
            for match in patterns[name].finditer(before):
                pass
            if match:
                return self._found(before_start, match, "mixed")
        return None

    def _found(self, base: int, match: re.Match[str], kind: str, speaker: str = "speaker", cue: str = "cue") -> Attribution:
        speaker_end = base + match.end(speaker)
        if self.text[speaker_end - 1] == "." and not _is_abbreviation(self.text[base + match.start(speaker) : speaker_end]):
            speaker_end -= 1
        return Attribution(base + match.start(speaker), speaker_end, base + match.start(cue), base + match.end(cue), kind)

    def paragraph_attribution(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        """A cue elsewhere in the quote's paragraph, outside the quotation marks ("He said: ... “...”")."""
        text = self.text
        for start, end in ((span.close_mark, paragraph[1]), (paragraph[0], span.open_mark)):
            outside = text[start:end]
            outside = re.sub(r"[“\"].*?[”\"]", lambda m: " " * len(m.group()), outside)
            match = self.patterns["mixed"].search(outside)
            if match:
                return self._found(start, match, "direct")
        return None

    def speaker_name(self, start: int | None, end: int | None) -> str | None:
        if start is None or end is None:
            return None
        mention = self.text[start:end]
        if mention.lower() in self.pronouns:
            kind = self.pronouns[mention.lower()]
            return self.people.last_before(start) if kind == "person" else None
        resolved = self.people.resolve(mention)
        if resolved:
            return resolved
        name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.I)
        return name if name[:1].isupper() else mention

    def quote(self, start: int, end: int, kind: str, attribution: Attribution | None) -> Quote:
        a = attribution or Attribution(None, None, None, None, kind)
        speaker = self.speaker_name(a.speaker_start, a.speaker_end)
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
        spans = quoted_spans(self.text, paragraphs)
        quotes: list[Quote] = []
        previous: tuple[QuotedSpan, Attribution | None] | None = None
        merged_until = -1
        for position, span in enumerate(spans):
            if span.start < merged_until:
                continue
            paragraph = paragraphs[span.paragraph]
            attribution = self.attribute(span, paragraph)
            end = span.end
            if attribution and attribution.cue_start is not None and attribution.cue_start >= span.close_mark:
                end, merged_until = self._merge_split(spans, position, attribution, span, paragraph)
            if attribution is None and previous and previous[1] and span.open_mark == paragraph[0] \
                    and previous[0].paragraph == span.paragraph - 1 and previous[0].close_mark == previous[0].end:
                attribution = previous[1]  # a quote continued from the previous paragraph
            if attribution is None:
                attribution = self.paragraph_attribution(span, paragraph)
            words = len(self.text[span.start : span.end].split())
            if attribution is None and words < MIN_UNATTRIBUTED_WORDS:
                continue  # scare quotes, titles, nicknames
            kind = "direct"
            if attribution is not None:
                kind = attribution.kind
                sentence_start, _ = self.sentence_of(span.open_mark)
                if kind == "mixed" and words >= MIN_UNATTRIBUTED_WORDS and self.text[sentence_start:span.open_mark].rstrip().endswith((":", ",")):
                    kind = "direct"
            start, end = _trim(self.text, span.start, end)
            if start < end:
                quotes.append(self.quote(start, end, kind, attribution))
            previous = (span, attribution)
        return quotes

    def _merge_split(self, spans: list[QuotedSpan], position: int, attribution: Attribution,
                     span: QuotedSpan, paragraph: tuple[int, int]) -> tuple[int, int]:
        """``“A,” he said, “B.”``: extend the quote over B when B follows the cue in the same paragraph."""
        if position + 1 < len(spans):
            following = spans[position + 1]
            between = self.text[attribution.cue_end or span.close_mark : following.open_mark]
            if following.paragraph == span.paragraph and len(between) <= 40 and re.fullmatch(r"[\s\w,.;:—–-]*", between) \
                    and between.rstrip().endswith((",", ":", ".")):
                return following.end, following.close_mark
        return span.end, -1

    def indirect_quotes(self, covered: list[tuple[int, int]]) -> list[Quote]:
        quotes = []
        patterns = self.patterns
        for sentence in self.doc.sentences:
            if any(s < sentence.end and sentence.start < e for s, e in covered):
                continue
            chunk = self.text[sentence.start : sentence.end]
            if "“" in chunk or '"' in chunk:
                continue
            for name in ("according_lead", "according_tail", "indirect_lead", "indirect_tail"):
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
    doc.people = [p for p in finder.people.people.values() if p.name in speakers]
    return doc
