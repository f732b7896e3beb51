"""Exports: ClaimReview JSON-LD, TimelineJS3, JSON Lines checked against schemas/, the CSV bundle."""

from __future__ import annotations

import csv
import datetime as dt
import json

import jsonschema
import pytest
import sqlite_utils
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.export import claimreview, display_date, iter_jsonl, timelinejs, write_csv_bundle
from factcheck.models import Review
from factcheck.storage import add_review, open_db, relink_timeline, save_document, save_timeline_entries
from factcheck.timeline import load_curated
from factcheck.timeline_view import layout

from conftest import ROOT

CLAIM_TEXT = "NATO has no official presence in Ukraine"


@pytest.fixture
def db(tmp_path, seed_doc):
    database = open_db(tmp_path / "factcheck.db")
    save_timeline_entries(database, load_curated(ROOT / "seeds" / "timeline.yml"))
    save_document(database, seed_doc)
    relink_timeline(database)
    claims = {c.text: c.id for c in seed_doc.claims}
    created = dt.datetime(2023, 6, 16, 9, 30, tzinfo=dt.timezone.utc)
    add_review(database, Review(record_kind="claim", record_id=claims[CLAIM_TEXT], status="verified",
                                note="NATO lists no mission in Ukraine", evidence_url="https://www.nato.int/",
                                reviewer="alice", created=created))
    quoted = next(text for text in claims if text.startswith("We agree"))
    add_review(database, Review(record_kind="claim", record_id=claims[quoted], status="in_progress",
                                reviewer="bob", created=created))
    return database


def test_claimreview_has_the_required_schema_org_properties(db):
    [review] = claimreview(db, "https://factcheck.example.org")
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == CLAIM_TEXT
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "True",
                                      "ratingExplanation": "NATO lists no mission in Ukraine"}
    assert review["url"].startswith("https://factcheck.example.org/factcheck/claims/c_")
    assert review["author"] == {"@type": "Person", "name": "alice"}
    assert dt.date.fromisoformat(review["datePublished"]) == dt.date(2023, 6, 16)
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"] == {"@type": "Organization", "name": "AP"}
    assert item["datePublished"] == "2023-06-15"
    assert item["appearance"] == [{"@type": "CreativeWork",
                                   "url": "https://factcheck.example.org/factcheck/articles/000_4074f54713a64406"}]


def test_claimreview_status_filter_and_no_verdict_without_a_rating(db):
    assert claimreview(db, "https://x.org", status="false") == []
    assert [r["claimReviewed"] for r in claimreview(db, "https://x.org", status="verified")] == [CLAIM_TEXT]


def test_timelinejs_follows_the_timelinejs3_format(db):
    data = timelinejs(db)
    assert set(data["title"]["text"]) == {"headline", "text"}
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    vilnius = slides["vilnius-summit-2023"]
    assert vilnius["start_date"] == {"year": 2023, "month": 7, "day": 11}
    assert vilnius["end_date"] == {"year": 2023, "month": 7, "day": 12}
    assert vilnius["display_date"] == "11–12 July 2023" and vilnius["group"] == "curated"
    assert "1 source(s)" in vilnius["text"]["text"]
    for slide in data["events"]:
        assert set(slide["start_date"]) == {"year", "month", "day"} and slide["text"]["headline"]


@pytest.mark.parametrize("start, end, shown", [
    ("2008-01-01", "2008-12-31", "2008"),
    ("2023-06-15", "2023-07-16", "c. June–July 2023"),
    ("2023-07-11", "2023-07-12", "11–12 July 2023"),
    (None, "2023-06-15", "before 15 June 2023"),
    ("2022-09-30", "2022-09-30", "30 September 2022"),
])
def test_display_date_shows_uncertainty(start, end, shown):
    assert display_date(start, end) == shown


def test_jsonl_records_validate_against_the_committed_schemas(db):
    schemas = {path.name.split(".")[0]: json.loads(path.read_text()) for path in (ROOT / "schemas").glob("*.json")}
    lines = list(iter_jsonl(db))
    assert {line["type"] for line in lines} >= {"article", "timex", "event", "quote", "claim", "review", "timeline_entry"}
    for line in lines:
        jsonschema.validate(line["record"], schemas[line["type"]])


def test_csv_bundle_has_one_file_per_table_with_model_columns(db, tmp_path):
    files = write_csv_bundle(db, tmp_path / "bundle")
    assert sorted(f.name for f in files) == sorted(f"{t}.csv" for t in
        ("articles", "timexes", "events", "quotes", "claims", "reviews", "people", "timeline_entries"))
    with (tmp_path / "bundle" / "claims.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert CLAIM_TEXT in {r["text"] for r in rows}
    assert next(r for r in rows if r["text"] == CLAIM_TEXT)["review_status"] == "verified"


def test_export_command_writes_each_format(db, tmp_path):
    db_path = tmp_path / "factcheck.db"
    runner = CliRunner()
    for fmt in ("claimreview", "timelinejs", "jsonl"):
        result = runner.invoke(cli, ["export", "--format", fmt, "--db", str(db_path), str(tmp_path / f"out.{fmt}")])
        assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out.claimreview").read_text())[0]["@type"] == "ClaimReview"
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == sum(
        sqlite_utils.Database(db_path)[t].count for t in
        ("articles", "timexes", "events", "quotes", "claims", "reviews", "people", "timeline_entries"))


def test_layout_puts_entries_in_date_order_and_keeps_labels_apart(db):
    from factcheck.storage import timeline_overview

    bars, ticks = layout(timeline_overview(db))
    by_id = {bar.entry_id: bar for bar in bars}
    assert by_id["bucharest-summit-declaration"].left < by_id["ukraine-accelerated-membership-application"].left
    assert by_id["ukraine-accelerated-membership-application"].left < by_id["vilnius-summit-2023"].left
    same_day = [bar.lane for bar in bars if bar.display_date.startswith("15")]
    assert len(same_day) >= 2 and len(set(same_day)) == len(same_day)
    years = [int(tick.label) for tick in ticks]
    assert years == sorted(years) and 2008 <= years[0] and years[-1] <= 2023 and len(years) <= 12


def test_long_entry_names_are_cut_at_a_word_for_their_labels():
    from factcheck.timeline_view import LABEL_MAX_CHARS, short_label

    name = "NATO defence ministers met in Brussels to discuss future relations with Ukraine as Russia's war went on"
    label = short_label(name)
    assert len(label) <= LABEL_MAX_CHARS and label.endswith("…") and name.startswith(label[:-1])
    assert name[len(label) - 1] == " "  # cut between words
    assert short_label("Vilnius summit") == "Vilnius summit"


def test_an_axis_of_given_dates_cuts_longer_bars_and_keeps_their_labels_on_the_page():
    from factcheck.timeline_view import layout

    def row(entry_id, start, end):
        return {"id": entry_id, "name": f"Entry {entry_id} of the October campaign", "date_start": start,
                "date_end": end, "curated": 0, "mentions": 1, "sources": 1}

    rows = [row("year", "2016-01-01", "2016-12-31"), row("day", "2016-10-09", "2016-10-09"),
            row("late", "2016-10-30", "2016-10-30")]
    bars, ticks = layout(rows, dt.date(2016, 10, 1), dt.date(2016, 10, 31))
    by_id = {bar.entry_id: bar for bar in bars}
    assert (by_id["year"].left, by_id["year"].width) == (0.0, 100.0) and by_id["year"].label_inside
    assert 20 < by_id["day"].left < 30 and not by_id["day"].label_left and not by_id["day"].label_inside
    assert by_id["late"].label_left  # no room after it: the label goes before the bar
    assert [tick.label for tick in ticks] == ["3 Oct", "10 Oct", "17 Oct", "24 Oct", "31 Oct"]
    for bar in bars:  # every label stays on the axis (labels ran off the page's right edge)
        start = bar.left - bar.label_room if bar.label_left else bar.left if bar.label_inside else bar.left + bar.width
        assert 0 <= start and start + bar.label_room <= 100.001, bar
