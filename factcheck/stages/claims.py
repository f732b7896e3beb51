"""Stage ``claims``: check-worthy statements with their claimant and a transparent score.

Every quote becomes a claim by its speaker. Every other clause that is not inside a quote becomes a
claim by the publisher when its check-worthiness (features of ``checkworthiness.tsv``: numbers, names,
comparatives score high; hedges, opinions, questions, predictions low) reaches ``MIN_SCORE``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from ..ids import IdMaker
from ..models import Claim, Document
from ..resources import load_table
from ..text import Spans

BASE_SCORE = 0.2
MIN_SCORE = 0.45
MIN_WORDS = 5
CLAIM_SPLIT = re.compile(r";|,\s++(?:and|but|although|though|while|whereas|so)\s++|(?<!\s)\s++—\s++")  # linear in runs of spaces


@functools.cache
def _features() -> tuple[tuple[str, float, re.Pattern[str], bool], ...]:
    """(name, weight, pattern, lowered): a pattern without case-sensitive parts runs, faster, without
    IGNORECASE on the lower-cased text."""
    features = []
    for row in load_table("checkworthiness.tsv"):
        lowered = re.search(r"(?<!\\)[A-Z]", row["pattern"]) is None  # no literal capitals, no (?-i:...)
        pattern = re.compile(row["pattern"]) if lowered else re.compile(row["pattern"], re.IGNORECASE)
        features.append((row["feature"], float(row["weight"]), pattern, lowered))
    return tuple(features)


def score(text: str, attributed: bool = False, dated: bool = False) -> tuple[float, list[str]]:
    """``score("NATO has no official presence in Ukraine")`` -> (score in [0, 1], feature names)."""
    lowered_text = text.lower()
    found, total = [], BASE_SCORE
    for name, weight, pattern, lowered in _features():
        if pattern.search(lowered_text if lowered else text):
            found.append(name)
            total += weight
    if attributed:
        found.append("attributed")
        total += 0.15
    if dated:
        found.append("date")
        total += 0.15
    return round(min(1.0, max(0.0, total)), 3), found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "”’\")%"):
        end -= 1
    return start, end


def find_claims(doc: Document) -> Document:
    """Fill ``doc.claims``: the quotes, then the check-worthy unattributed clauses."""
    text = doc.text
    make_id = IdMaker("c", doc.article.id)
    dated = sorted((t.start, t.end) for t in doc.timexes if t.date_start)
    dated_starts = [t_start for t_start, _ in dated]
    # the earliest end among the dated timexes from each one on: one starting at or after ``start`` ends by
    # ``end`` exactly when that minimum does (bisection: linear in the article, where a scan was quadratic)
    earliest_end = list(itertools.accumulate((t_end for _, t_end in reversed(dated)), min))[::-1]

    def has_date(start: int, end: int) -> bool:
        first = bisect.bisect_left(dated_starts, start)
        return first < len(dated) and earliest_end[first] <= end
    claims = []
    for quote in doc.quotes:
        value, features = score(quote.text, attributed=True, dated=has_date(quote.start, quote.end))
        claims.append(Claim(
            id=make_id("claim", quote.text), article_id=doc.article.id, start=quote.start, end=quote.end,
            text=quote.text, claimant=quote.speaker or quote.speaker_mention, kind="quote", quote_id=quote.id,
            checkworthiness=value, features=features,
        ))
    attributed = Spans([(q.start, q.end) for q in doc.quotes] + [
        (q.speaker_start, q.cue_end) for q in doc.quotes if q.speaker_start is not None and q.cue_end is not None
    ])
    for sentence in doc.sentences:
        if attributed.overlap(sentence.start, sentence.end) or "?" in text[sentence.end - 2 : sentence.end]:
            continue  # a quote or an attribution overlaps the sentence, or it asks a question
        splits = list(CLAIM_SPLIT.finditer(text, sentence.start, sentence.end))
        starts = [sentence.start] + [m.end() for m in splits]
        ends = [m.start() for m in splits] + [sentence.end]
        for c_start, c_end in zip(starts, ends):
            c_start, c_end = _trim(text, c_start, c_end)
            clause = text[c_start:c_end]
            if len(clause.split()) < MIN_WORDS:
                continue
            value, features = score(clause, dated=has_date(c_start, c_end))
            if value < MIN_SCORE:
                continue
            claims.append(Claim(
                id=make_id("claim", clause), article_id=doc.article.id, start=c_start, end=c_end, text=clause,
                claimant=doc.article.publisher, kind="reported", checkworthiness=value, features=features,
            ))
    doc.claims = sorted(claims, key=lambda c: c.start)
    return doc
