"""The seed article's required records (issue 2), end to end through the pipeline."""

from __future__ import annotations

import datetime as dt


def timex_values(doc, text):
    return [t.value for t in doc.timexes if t.text == text]


def test_seed_metadata_comes_from_the_header_and_dateline(seed_doc):
    article = seed_doc.article
    assert (article.published, article.place, article.publisher) == (dt.date(2023, 6, 15), "BRUSSELS", "AP")


def test_thursday_resolves_to_the_publication_day(seed_doc):
    assert timex_values(seed_doc, "Thursday") == ["2023-06-15", "2023-06-15"]


def test_later_on_thursday_is_the_publication_day(seed_doc):
    later = seed_doc.text.index("later on Thursday")
    [timex] = [t for t in seed_doc.timexes if later <= t.start < later + len("later on Thursday")]
    assert timex.value == "2023-06-15"


def test_past_september_30_is_the_previous_year(seed_doc):
    [timex] = [t for t in seed_doc.timexes if t.text == "September 30"]
    assert (timex.value, timex.granularity) == ("2022-09-30", "day")


def test_in_2008_is_a_year_not_a_day(seed_doc):
    [timex] = [t for t in seed_doc.timexes if t.text == "2008"]
    assert (timex.type, timex.value, timex.granularity) == ("DATE", "2008", "year")
    assert (timex.date_start, timex.date_end) == (dt.date(2008, 1, 1), dt.date(2008, 12, 31))


def event_with(doc, trigger, date):
    return [e for e in doc.events if e.trigger == trigger and e.date == date]


def test_nato_2008_agreement_is_dated_2008(seed_doc):
    [event] = event_with(seed_doc, "agreed", "2008")
    assert event.description == "NATO agreed that Ukraine would one day join the organization"


def test_fast_track_request_is_dated_september_30_2022(seed_doc):
    [event] = event_with(seed_doc, "requested", "2022-09-30")
    assert event.description == "Ukraine requested “fast-track access” to NATO"
    assert event.participants == ["Ukraine"]


def test_lithuania_meeting_falls_within_a_month_after_the_ministers_meeting(seed_doc):
    [event] = [e for e in seed_doc.events if e.place == "Lithuania"]
    assert event.trigger == "met"
    assert event.date_start == dt.date(2023, 6, 15)
    assert dt.date(2023, 6, 15) < event.date_end <= dt.date(2023, 7, 16)
    assert event.qualifier == "after"
    assert "US President Joe Biden" in event.participants


def test_defense_ministers_meeting_is_dated_thursday(seed_doc):
    [event] = [e for e in seed_doc.events if e.text.startswith("NATO defense ministers met")]
    assert event.date == "2023-06-15"


def test_we_agree_quote_resolves_he_to_stoltenberg(seed_doc):
    [quote] = [q for q in seed_doc.quotes if q.text.startswith("We agree that the most urgent task")]
    assert (quote.speaker, quote.speaker_mention, quote.cue, quote.kind, quote.direct) == (
        "Jens Stoltenberg", "he", "said", "direct", True)
    assert quote.text.endswith("there is no question of membership to speak of at all,")


def test_multi_year_program_is_a_mixed_quote_by_stoltenberg(seed_doc):
    [quote] = [q for q in seed_doc.quotes if q.text.startswith("agree on a multi-year program")]
    assert (quote.speaker, quote.kind, quote.direct, quote.cue) == ("Jens Stoltenberg", "mixed", True, "said")
    assert quote.text.endswith("fully interoperable with NATO.")


def test_no_official_presence_is_a_claim_by_the_publisher(seed_doc):
    [claim] = [c for c in seed_doc.claims if c.text == "NATO has no official presence in Ukraine"]
    assert (claim.claimant, claim.kind) == ("AP", "reported")


def test_both_stoltenberg_quotes_are_claims_by_him(seed_doc):
    quoted = {c.text[:20] for c in seed_doc.claims if c.kind == "quote" and c.claimant == "Jens Stoltenberg"}
    assert {"We agree that the mo", "agree on a multi-yea"} <= quoted


def test_every_span_matches_its_text(seed_doc):
    for record in [*seed_doc.timexes, *seed_doc.quotes, *seed_doc.claims, *seed_doc.events]:
        assert seed_doc.text[record.start : record.end] == record.text


def test_present_perfect_event_is_on_or_before_the_publication_day(seed_doc):
    [event] = [e for e in seed_doc.events if e.trigger == "annexed"]
    assert (event.date_start, event.date_end, event.qualifier, event.edtf) == (
        None, dt.date(2023, 6, 15), "on_or_before", "../2023-06-15")
