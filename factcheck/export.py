"""Exports built from the stored records: ClaimReview JSON-LD, TimelineJS3 JSON, JSON Lines, CSV.

Every format derives from the models (``model_dump``) and the storage read functions; nothing here
writes to the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from .resources import load_table
from .storage import TABLE_MODELS, iter_records, reviewed_claims, timeline_overview

EXPORT_TABLES = ("articles", "timexes", "events", "quotes", "claims", "reviews", "people", "timeline_entries")
RECORD_TYPE = {"articles": "article", "timexes": "timex", "events": "event", "quotes": "quote", "claims": "claim",
               "reviews": "review", "people": "person", "timeline_entries": "timeline_entry"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def ratings() -> dict[str, str]:
    """``{"verified": "True", "false": "False", ...}``: statuses that are verdicts, with their rating."""
    return {row["status"]: row["rating"] for row in load_table("review_statuses.tsv") if row["rating"]}


def claimreview(db: sqlite_utils.Database, base_url: str, database: str = "factcheck",
                status: str | None = None) -> list[dict[str, Any]]:
    """schema.org ClaimReview objects for every claim whose latest review is a verdict."""
    verdicts = ratings()
    reviews = []
    for row in reviewed_claims(db, status):
        if row["status"] not in verdicts:
            continue
        appearance = {"@type": "CreativeWork", "url": row["url"] or f"{base_url}/{database}/articles/{row['article_id']}"}
        if row["title"]:
            appearance["headline"] = row["title"]
        item: dict[str, Any] = {"@type": "Claim", "appearance": [appearance]}
        if row["claimant"]:
            item["author"] = {"@type": "Organization" if row["claimant"].isupper() else "Person", "name": row["claimant"]}
        if row["published"]:
            item["datePublished"] = row["published"]
        rating = {"@type": "Rating", "alternateName": verdicts[row["status"]]}
        if row["note"]:
            rating["ratingExplanation"] = row["note"]
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{base_url}/{database}/claims/{row['id']}",
            "claimReviewed": row["text"],
            "reviewRating": rating,
            "author": {"@type": "Person", "name": row["reviewer"]},
            "datePublished": row["created"][:10],
            "itemReviewed": item,
        }
        if row["evidence_url"]:
            review["citation"] = row["evidence_url"]
        reviews.append(review)
    return reviews


def _date_parts(day: dt.date | str | None) -> dict[str, int] | None:
    if day is None:
        return None
    day = dt.date.fromisoformat(str(day)[:10])
    return {"year": day.year, "month": day.month, "day": day.day}


def display_date(start: str | None, end: str | None) -> str:
    """A reader's date with its uncertainty: "3 April 2008", "11–12 July 2023", "c. June–July 2023",
    "2008" (a whole year), "before 15 June 2023" (only an end)."""
    if start is None and end is None:
        return "date unknown"
    if start is None:
        last = dt.date.fromisoformat(str(end)[:10])
        return f"before {last.day} {MONTHS[last.month - 1]} {last.year}"
    first = dt.date.fromisoformat(str(start)[:10])
    last = dt.date.fromisoformat(str(end or start)[:10])
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if first.year == last.year and first.month == last.month:
        return f"{first.day}–{last.day} {MONTHS[first.month - 1]} {first.year}"
    if (last - first).days <= 62 and first.year == last.year:
        return f"c. {MONTHS[first.month - 1]}–{MONTHS[last.month - 1]} {first.year}"
    return f"{first.isoformat()} – {last.isoformat()}"


def timelinejs(db: sqlite_utils.Database, title: str = "factcheck timeline") -> dict[str, Any]:
    """TimelineJS3 JSON: one slide per timeline entry, with its sources and date conflicts in the text."""
    events = []
    for entry in timeline_overview(db):
        start = entry["date_start"] or entry["date_end"]
        if start is None:
            continue
        sources = ", ".join(html.escape(s) for s in (entry["source_names"] or "").split(",") if s)
        text = html.escape(entry["description"] or "")
        text += f"<p>{entry['mentions']} mention(s) in {entry['sources']} source(s): {sources}</p>" if entry["mentions"] else ""
        if entry["conflicts"]:
            text += f"<p><strong>{entry['conflicts']} source(s) give a conflicting date.</strong></p>"
        slide: dict[str, Any] = {
            "unique_id": entry["id"],
            "start_date": _date_parts(start),
            "display_date": display_date(entry["date_start"], entry["date_end"]),
            "text": {"headline": html.escape(entry["name"]), "text": text},
            "group": "curated" if entry["curated"] else "reported",
        }
        if entry["date_end"] and entry["date_end"] != start:
            slide["end_date"] = _date_parts(entry["date_end"])
        events.append(slide)
    return {"title": {"text": {"headline": html.escape(title), "text": "Dated events from the news, with their sources."}},
            "events": events}


def iter_jsonl(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every stored record as ``{"type": "claim", "record": {...}}``, validated by its model."""
    for table in EXPORT_TABLES:
        for record in iter_records(db, table):
            yield {"type": RECORD_TYPE[table], "record": record.model_dump(mode="json")}


def write_csv_bundle(db: sqlite_utils.Database, directory: Path) -> list[Path]:
    """One CSV per table in ``directory`` (columns in model field order); returns the files."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in EXPORT_TABLES:
        path = directory / f"{table}.csv"
        fields = list(TABLE_MODELS[table].model_fields)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            for record in iter_records(db, table):
                row = record.model_dump(mode="json")
                writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()})
        written.append(path)
    return written
