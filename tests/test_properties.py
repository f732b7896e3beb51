"""Property tests: whatever the text, every parser returns valid spans and valid dates (10,000 inputs)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.inputs import article_from_text
from factcheck.models import Document
from factcheck.pipeline import parse
from factcheck.timevalues import is_valid_value

from conftest import SEED

SEED_WORDS = SEED.read_text(encoding="utf-8").split()
TRICKY = ["“", "”", '"', "'", "‘", "’", "``", "''", "said", "he", "she", "told", "according to", "Thursday",
          "September 30", "Feb. 30", "2008", "1990s", "last year", "two weeks ago", "$2008", "10 p.m.", "noon",
          "early", "more than", "a year earlier", "the following year", "May", "March", "\n", "\n\n", "\r\n", ",",
          ".", ":", "—", "(AP)", "BRUSSELS", "Mr.", "U.S.", "will", "has", "was", "before", "after", "less than a month",
          "\ufeff", "İ", "ß", "𝔘", "\t", "  ", "date 2023-06-15", "<script>", "&amp;"]
EXAMPLES = 2500  # four tests: 10,000 generated inputs

texts = st.lists(st.one_of(st.sampled_from(SEED_WORDS + TRICKY), st.text(max_size=6)), max_size=60).map(" ".join)
published = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def extract(text: str, day: dt.date | None) -> Document:
    return parse(article_from_text(text, "prop", "prop.txt", published=day))


def assert_span(doc: Document, start: int | None, end: int | None) -> None:
    if start is not None or end is not None:
        assert start is not None and end is not None and 0 <= start < end <= len(doc.text)


@SETTINGS
@given(texts, published)
def test_time_expressions_have_valid_spans_and_values(text, day):
    doc = extract(text, day)
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
        assert is_valid_value(timex.value), timex.value
        assert "@" not in timex.value
        if timex.date_start is not None:
            assert timex.date_start <= timex.date_end


@SETTINGS
@given(texts, published)
def test_quotes_have_valid_content_speaker_and_cue_spans(text, day):
    doc = extract(text, day)
    for quote in doc.quotes:
        assert doc.text[quote.start : quote.end] == quote.text and quote.text.strip()
        assert_span(doc, quote.speaker_start, quote.speaker_end)
        assert_span(doc, quote.cue_start, quote.cue_end)
        assert quote.direct == (quote.kind != "indirect")


@SETTINGS
@given(texts, published)
def test_events_have_valid_spans_and_ordered_dates(text, day):
    doc = extract(text, day)
    for event in doc.events:
        assert doc.text[event.start : event.end] == event.text
        assert_span(doc, event.trigger_start, event.trigger_end)
        assert event.start <= event.trigger_start < event.trigger_end <= event.end
        if event.date_start and event.date_end:
            assert event.date_start <= event.date_end
        assert event.date_start or event.date_end


@SETTINGS
@given(texts, published)
def test_claims_have_valid_spans_and_scores(text, day):
    doc = extract(text, day)
    for claim in doc.claims:
        assert doc.text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.checkworthiness <= 1.0
