"""SQLite storage with sqlite-utils: the only module that touches the database.

Columns come from the pydantic models (``model_fields``); ids are stable, so re-ingesting an article
updates its rows in place. Review status is never overwritten by an ingest, and a reviewed record that
a new extraction no longer produces is kept and flagged ``stale`` instead of deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import json
import sqlite3
import time
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils
from pydantic import BaseModel

from .models import Article, Claim, Document, Event, Person, Quote, Review, TimeExpression, TimelineEntry
from .timeline import BLOCK_YEARS, Linker, Mention, years

BUSY_TIMEOUT_MS = 30_000
RECORD_TABLES: dict[str, type[BaseModel]] = {
    "timexes": TimeExpression,
    "events": Event,
    "quotes": Quote,
    "claims": Claim,
}
LINK_CHUNK = 500  # mentions linked per write transaction (and SQL variables per query, under the old limit of 999)
UNLINKED_QUALIFIERS = {"state"}  # states ("there is no consensus") are events but not timeline entries
REVIEWABLE_TABLES = {"event": "events", "quote": "quotes", "claim": "claims"}
FULL_TEXT = {
    "articles": ["title", "text"],
    "quotes": ["text", "speaker"],
    "claims": ["text", "claimant"],
    "events": ["description", "text"],
    "timeline_entries": ["name", "description"],
}
# The timeline query orders events by this expression: with the index it reads the first 1,000 events
# in order instead of sorting all of them (5 ms instead of 120 ms at 200,000 events).
EXPRESSION_INDEXES = {"idx_events_timeline_order": ("events", "coalesce(date_start, date_end), date_end")}
INDEXES = {
    "timexes": [["article_id"], ["type"], ["value"]],
    "events": [["article_id"], ["date_start"], ["year"], ["granularity"], ["review_status"], ["place"], ["entry_id"]],
    "timeline_entries": [["date_start"], ["curated"]],
    "quotes": [["article_id"], ["speaker"], ["kind"], ["review_status"]],
    "claims": [["article_id"], ["claimant"], ["review_status"], ["kind"], ["checkworthiness"],
               ["review_status", "kind", "claimant"]],
    "reviews": [["record_kind", "record_id"], ["created"]],
    "articles": [["content_hash"], ["published"], ["publisher"]],
}
# What an ingest itself looks up (an article's stored records, duplicates, reviews): kept during a bulk load.
LOOKUP_INDEXES = (["article_id"], ["content_hash"], ["record_kind", "record_id"])
FTS_TRIGGER_SUFFIXES = ("_ai", "_ad", "_au")


def _column_type(annotation: Any) -> type:
    """The SQLite column type of a pydantic field annotation."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
        origin = typing.get_origin(annotation)
    if annotation is bool or annotation is int:
        return int
    if annotation is float:
        return float
    return str


def columns(model: type[BaseModel]) -> dict[str, type]:
    """``columns(Quote)`` -> ``{"id": str, "start": int, ...}``, in field order."""
    return {name: _column_type(field.annotation) for name, field in model.model_fields.items()}


TABLE_MODELS: dict[str, type[BaseModel]] = {
    "articles": Article, **RECORD_TABLES, "reviews": Review, "people": Person, "timeline_entries": TimelineEntry,
}


@functools.cache
def column_descriptions() -> dict[str, dict[str, dict[str, str]]]:
    """``{"quotes": {"columns": {"speaker": "Resolved speaker name ..."}}, ...}`` from the models."""
    return {
        table: {"columns": {name: field.description or "" for name, field in model.model_fields.items()}}
        for table, model in TABLE_MODELS.items()
    }


def open_db(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) a factcheck database in WAL mode with a busy timeout and the schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a power cut may lose the last commits, never corrupts
    db.execute("PRAGMA foreign_keys = ON")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the tables, foreign keys, indexes and full-text indexes that do not exist yet."""
    if "articles" not in db.table_names():
        db["articles"].create(columns(Article), pk="id", not_null={"text", "content_hash"})
    for table, model in RECORD_TABLES.items():
        if table not in db.table_names():
            defaults = {"review_status": "unreviewed", "stale": 0} if "review_status" in model.model_fields else None
            db[table].create(
                columns(model), pk="id", foreign_keys=[("article_id", "articles", "id")], defaults=defaults
            )
    if "reviews" not in db.table_names():
        db["reviews"].create(columns(Review), pk="id", not_null={"record_kind", "record_id", "status", "reviewer"})
    if "people" not in db.table_names():
        db["people"].create(columns(Person), pk="id")
    if "timeline_entries" not in db.table_names():
        db["timeline_entries"].create(columns(TimelineEntry), pk="id")
    for table, indexes in INDEXES.items():
        for index_columns in indexes:
            db[table].create_index(index_columns, if_not_exists=True)
    for name, (table, expression) in EXPRESSION_INDEXES.items():
        db.execute(f"create index if not exists [{name}] on [{table}] ({expression})")
    for table, fts_columns in FULL_TEXT.items():
        if not db[table].detect_fts() or not _has_fts_triggers(db, table):
            # new, or its triggers were dropped for a bulk load: (re)build the index from the table, with triggers
            db[table].enable_fts(fts_columns, create_triggers=True, tokenize="porter", replace=True)
        _index_only_text_updates(db, table, fts_columns)


def _has_fts_triggers(db: sqlite_utils.Database, table: str) -> bool:
    names = [f"{table}{suffix}" for suffix in FTS_TRIGGER_SUFFIXES]
    sql = f"select count(*) from sqlite_master where type = 'trigger' and name in ({', '.join('?' for _ in names)})"
    return db.execute(sql, names).fetchone()[0] == len(names)


def is_empty(db: sqlite_utils.Database) -> bool:
    """Whether no article is stored yet."""
    return db.execute("select not exists (select 1 from articles)").fetchone()[0] == 1


@contextlib.contextmanager
def bulk_load(db: sqlite_utils.Database) -> Iterator[None]:
    """Write without the indexes the writes do not read and without the full-text triggers, then build
    both in one pass (also when the writes fail; if that pass is interrupted, the next ``open_db`` does it).

    For a first load into an empty database: storing polnear-train's 840 articles row by row took 6 s, of
    which 4.2 s went to keeping the indexes up to date; building them afterwards takes 0.4 s. Readers see
    no full-text results until the load ends, so use it where nobody searches yet."""
    lookups = [list(columns) for columns in LOOKUP_INDEXES]
    with db.conn:
        for table in FULL_TEXT:
            for suffix in FTS_TRIGGER_SUFFIXES:
                db.execute(f"drop trigger if exists [{table}{suffix}]")
        for table, indexes in INDEXES.items():
            deferred = [columns for columns in indexes if columns not in lookups]
            for index in db[table].indexes:
                if index.origin == "c" and index.columns in deferred:
                    db.execute(f"drop index [{index.name}]")
        for name in EXPRESSION_INDEXES:
            db.execute(f"drop index if exists [{name}]")
    try:
        yield
    finally:
        ensure_schema(db)


def _index_only_text_updates(db: sqlite_utils.Database, table: str, fts_columns: list[str]) -> None:
    """Make the full-text update trigger fire only when an indexed column changes.

    sqlite-utils' trigger re-indexes a row on any update; linking an event to the timeline or setting a
    claim's review status does not change its text, and re-indexing 10,000 events took seconds."""
    name = f"{table}_au"
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [name]).fetchone()
    if row is None or " UPDATE OF " in row[0]:
        return
    listed = ", ".join(f'"{column}"' for column in fts_columns)
    with db.conn:
        db.execute(f'drop trigger "{name}"')
        db.execute(row[0].replace(f'AFTER UPDATE ON "{table}"', f'AFTER UPDATE OF {listed} ON "{table}"', 1))


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction that takes the write lock up front (BEGIN IMMEDIATE), waiting up to the busy
    timeout for other writers. A deferred transaction that reads first can fail at once with "database
    is locked" when another process commits in between; this one cannot. Nested uses become savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


class BatchedWrites:
    """Group many small writes into one transaction per ``max_seconds`` (a context manager).

    Each commit flushes the full-text indexes and writes the WAL once; per-article transactions spend a fifth
    of an ingest doing that. Inside a batch every ``write_transaction`` is a savepoint, so one article is still
    stored whole or not at all: when an error (or Ctrl-C) stops the writes, the failed article's savepoint is
    rolled back and the articles finished before it are still committed. The write lock is taken by the first
    write of a batch (``write``) and held for at most about ``max_seconds``, and never while the writer waits
    for the next article to be parsed (``tick(waiting=True)`` commits first), so reviewers saving in Datasette
    wait no longer than that.
    """

    def __init__(self, db: sqlite_utils.Database, max_seconds: float = 0.5) -> None:
        self.db, self.max_seconds = db, max_seconds
        self.started = 0.0

    def __enter__(self) -> "BatchedWrites":
        return self

    def write(self) -> None:
        """Call before a write: opens the batch's transaction (taking the write lock) when none is open."""
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()

    def tick(self, waiting: bool = False) -> None:
        """Call after a write: commits once the batch is old enough, or at once when the caller is about to
        wait (for an article still being parsed): a lock held while nothing is written only blocks others."""
        if self.db.conn.in_transaction and (waiting or time.monotonic() - self.started >= self.max_seconds):
            self.db.conn.commit()

    def __exit__(self, *_: object) -> None:
        if not self.db.conn.in_transaction:
            return  # committed already, or an error inside SQLite ended the transaction
        try:
            self.db.conn.commit()
        except BaseException:
            self.db.conn.rollback()
            raise


def _row(record: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    row = record.model_dump(mode="json", exclude=exclude)
    return {key: json.dumps(value) if isinstance(value, (list, dict)) else value for key, value in row.items()}


def _upsert(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows, or update the columns they give where the id exists, in one statement for all rows.

    Columns a row does not give (``review_status`` of a re-extracted claim) keep their stored values.
    sqlite-utils' ``upsert_all`` runs two statements per row and reads the schema on every call; this is
    the same operation, several times faster for the many small records of an article.
    """
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join(f"[{name}]" for name in names)
    updates = ", ".join(f"[{name}] = excluded.[{name}]" for name in names if name != "id")
    sql = (f"insert into [{table}] ({columns}) values ({', '.join('?' for _ in names)}) "
           f"on conflict (id) do update set {updates}")
    db.conn.executemany(sql, [[row[name] for name in names] for row in rows])


@dataclass
class SaveResult:
    article_id: str
    status: str  # "new", "updated" or "duplicate"
    counts: dict[str, int]
    duplicate_of: str | None = None


def find_duplicate(db: sqlite_utils.Database, article_id: str, content_hash: str) -> str | None:
    """The id of a stored article with the same text (``content_hash``) under another id, if any."""
    rows = db.execute(
        "select id from articles where content_hash = ? and id != ? limit 1", [content_hash, article_id]
    ).fetchall()
    return rows[0][0] if rows else None


def reviewed_ids(db: sqlite_utils.Database, kind: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` have at least one review."""
    ids = list(ids)
    if not ids:
        return set()
    placeholders = ",".join("?" for _ in ids)
    sql = f"select distinct record_id from reviews where record_kind = ? and record_id in ({placeholders})"
    return {row[0] for row in db.execute(sql, [kind, *ids]).fetchall()}


@dataclass
class DocumentRows:
    """An extracted article as the rows ``save_rows`` writes, in plain values.

    ``factcheck ingest --jobs N`` makes them in the worker that parsed the article: the writer then neither
    unpickles models (ten times slower than plain values) nor serialises them, which is its share of the
    work in a parallel ingest."""

    article: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]  # timexes, events, quotes, claims
    people: list[dict[str, Any]]

    @property
    def source(self) -> str:
        return self.article["source"]


def document_rows(doc: Document) -> DocumentRows:
    """The rows of an extracted article (a pure function: runs in any process)."""
    records = {}
    for table in RECORD_TABLES:
        exclude = {"review_status"} if table in REVIEWABLE_TABLES.values() else None  # a review owns it
        records[table] = [_row(record, exclude) for record in getattr(doc, table)]
    return DocumentRows(_row(doc.article), records, [_row(person) for person in doc.people])


def save_document(db: sqlite_utils.Database, doc: Document) -> SaveResult:
    """Store an extracted article and its records in one transaction (idempotent; reviews kept)."""
    return save_rows(db, document_rows(doc))


def save_rows(db: sqlite_utils.Database, rows: DocumentRows) -> SaveResult:
    """``save_document`` for an article already turned into rows."""
    article_id = rows.article["id"]
    duplicate = find_duplicate(db, article_id, rows.article["content_hash"])
    if duplicate:
        return SaveResult(article_id, "duplicate", {}, duplicate_of=duplicate)
    with write_transaction(db):
        exists = db.execute("select 1 from articles where id = ?", [article_id]).fetchone() is not None
        _upsert(db, "articles", [rows.article])
        counts = {}
        for table, records in rows.records.items():
            if exists:
                _replace_records(db, table, article_id, records)
            else:
                _upsert(db, table, records)  # a new article has no stored records to replace or keep
            counts[table] = len(records)
        _save_people(db, rows.people)
    return SaveResult(article_id, "updated" if exists else "new", counts)


def _replace_records(db: sqlite_utils.Database, table: str, article_id: str, records: list[dict[str, Any]]) -> None:
    new_ids = {record["id"] for record in records}
    old_ids = {row[0] for row in db.execute(f"select id from [{table}] where article_id = ?", [article_id]).fetchall()}
    gone = old_ids - new_ids
    kind = next((k for k, t in REVIEWABLE_TABLES.items() if t == table), None)
    keep = reviewed_ids(db, kind, gone) if kind else set()
    db.conn.executemany(f"delete from [{table}] where id = ?", [(record_id,) for record_id in gone - keep])
    if keep:  # reviewed records the extraction no longer gives are kept, marked stale
        db.conn.executemany(f"update [{table}] set stale = 1 where id = ?", [(record_id,) for record_id in keep])
    links = _unchanged_links(db, article_id, records) if table == "events" else []
    _upsert(db, table, records)
    if links:
        db.conn.executemany("update events set entry_id = ?, conflict = ? where id = ?", links)


def _unchanged_links(db: sqlite_utils.Database, article_id: str, records: list[dict[str, Any]]) -> list[tuple]:
    """``(entry_id, conflict, id)`` of the stored mentions of ``article_id`` that a re-extraction gives again
    with the same dates: they keep their timeline entry, so re-ingesting an article moves no mention (linked
    again against every entry stored since, it could pick another). A mention whose dates changed is relinked."""
    dates = {record["id"]: (record["date_start"], record["date_end"]) for record in records}
    sql = "select id, date_start, date_end, entry_id, conflict from events where article_id = ? and entry_id is not null"
    return [(entry_id, conflict, event_id) for event_id, start, end, entry_id, conflict in
            db.execute(sql, [article_id]).fetchall() if dates.get(event_id) == (start, end)]


def _save_people(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    """Upsert people's rows, merging aliases and roles with those already stored (one query for all)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:  # merged with itself at first: aliases and roles are stored sorted from the first save on
        merged[row["id"]] = _merge_person(merged.get(row["id"], row), row)
    if not merged:
        return
    placeholders = ", ".join("?" for _ in merged)
    for person_id, aliases, roles in db.execute(
            f"select id, aliases, roles from people where id in ({placeholders})", list(merged)).fetchall():
        merged[person_id] = _merge_person(merged[person_id], {"aliases": aliases, "roles": roles})
    _upsert(db, "people", list(merged.values()))


def _merge_person(row: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """``row`` with the aliases and roles of ``other`` added (both JSON lists, kept sorted)."""
    row = dict(row)
    for column in ("aliases", "roles"):
        row[column] = json.dumps(sorted(set(json.loads(other[column] or "[]")) | set(json.loads(row[column] or "[]"))))
    return row


def add_review(db: sqlite_utils.Database, review: Review) -> int:
    """Append a review and set the record's current status; returns the review id. Never overwrites."""
    table = REVIEWABLE_TABLES[review.record_kind]
    if db[table].count_where("id = ?", [review.record_id]) == 0:
        raise KeyError(f"no {review.record_kind} with id {review.record_id}")
    with write_transaction(db):
        row = _row(review, exclude={"id"})
        db["reviews"].insert(row)
        review_id = db.execute("select last_insert_rowid()").fetchone()[0]
        db[table].update(review.record_id, {"review_status": review.status})
    return review_id


def save_timeline_entries(db: sqlite_utils.Database, entries: Iterable[TimelineEntry]) -> int:
    """Upsert curated or created timeline entries; returns how many."""
    rows = [_row(entry) for entry in entries]
    if rows:
        with write_transaction(db):
            _upsert(db, "timeline_entries", rows)
    return len(rows)


def relink_timeline(db: sqlite_utils.Database) -> dict[str, int]:
    """Link every event mention to a timeline entry (creating uncurated entries as needed), flag date
    conflicts, and drop uncurated entries no mention uses any more. Returns counts.

    Use after the curated entries change; after an ingest, ``link_new_mentions`` does the same for the
    mentions not yet linked, without relinking the whole database."""
    return _link(db, _stored_entries(db, curated_only=True), "")


def _stored_entries(db: sqlite_utils.Database, curated_only: bool) -> list[TimelineEntry]:
    rows = db["timeline_entries"].rows_where("curated = 1" if curated_only else None)
    return [row_to_record(TimelineEntry, row) for row in rows]  # type: ignore  (validated as TimelineEntry)


def link_new_mentions(db: sqlite_utils.Database) -> dict[str, int]:
    """Link the event mentions that have no timeline entry yet (those of new or re-extracted articles)
    against every stored entry, and drop uncurated entries no mention uses any more. Returns counts."""
    where = "where events.entry_id is null"
    return _link(db, _entries_for(db, _mention_years(db, where)), where)


def _mention_years(db: sqlite_utils.Database, where: str) -> set[int]:
    """The years the linker looks up for the mentions ``where`` selects (theirs, widened by BLOCK_YEARS)."""
    sql = f"select distinct date_start, date_end from events {where}"
    return {year for start, end in db.execute(sql).fetchall()
            for year in years(_date_or_none(start), _date_or_none(end), margin=BLOCK_YEARS)}


def _entries_for(db: sqlite_utils.Database, wanted: set[int]) -> list[TimelineEntry]:
    """The stored entries indexed under any of the ``wanted`` years: the only ones a mention of those years
    can be linked to, so an ingest of a few articles reads a few years of a large timeline, not all of it."""
    if not wanted:
        return []
    rows = db["timeline_entries"].rows_where(
        "coalesce(date_end, date_start) >= ? and coalesce(date_start, date_end) <= ?",
        [f"{min(wanted):04d}-01-01", f"{max(wanted):04d}-12-31"])
    entries = [row_to_record(TimelineEntry, row) for row in rows]
    return [entry for entry in entries if wanted.intersection(years(entry.date_start, entry.date_end))]


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _link(db: sqlite_utils.Database, entries: list[TimelineEntry], where: str) -> dict[str, int]:
    """Link the mentions ``where`` selects, in publication order, ``LINK_CHUNK`` at a time: each chunk's
    new entries and links are written in one short transaction, so memory does not grow with the links
    and reviewers never wait long. Old uncurated entries no mention uses are dropped at the end (when
    relinking everything, that is every uncurated entry the new links do not reuse)."""
    sql = ("select events.id from events join articles on articles.id = events.article_id "
           f"{where} order by articles.published, events.article_id, events.start")
    order = [row[0] for row in db.execute(sql).fetchall()]
    counts = {"mentions": 0, "created": 0, "conflicts": 0}
    with _garbage_collection_paused():
        _link_chunks(db, Linker(entries), order, counts)
    _drop_unused_entries(db)
    return counts


def _drop_unused_entries(db: sqlite_utils.Database) -> None:
    with write_transaction(db):
        db.execute("delete from timeline_entries where curated = 0 and id not in "
                   "(select entry_id from events where entry_id is not null)")


class OrderedLinking:
    """Links a first load's mentions while it is being stored: an article's mentions are linked as soon as
    every article before it in publication order (``article_ids``, from ``extract.publication_order``) is
    stored. The links are those that linking after the load would make (``link_new_mentions``, or
    ``relink_timeline`` with ``curated_only``), but with parallel parsing the linking, which is serial, runs
    while the workers parse instead of after them."""

    def __init__(self, db: sqlite_utils.Database, article_ids: list[str], curated_only: bool = False) -> None:
        self.db, self.order, self.position = db, article_ids, 0
        self.stored_ids: set[str] = set()
        self.linker = Linker(_stored_entries(db, curated_only))  # all of them: the linker blocks by year itself
        self.pending: dict[str, list[dict[str, Any]]] = {}  # event rows of stored articles not yet linked
        self.counts = {"mentions": 0, "created": 0, "conflicts": 0}

    def stored(self, article_id: str, events: list[dict[str, Any]] | None = None) -> None:
        """``article_id`` is stored (or skipped): link it and the articles after it that are ready. ``events``:
        the article's event rows as stored (none for a skipped duplicate), so that they need not be read back."""
        self.stored_ids.add(article_id)
        if events is not None:
            self.pending[article_id] = events
        while self.position < len(self.order) and self.order[self.position] in self.stored_ids:
            self._link_article(self.order[self.position])
            self.position += 1

    def finish(self) -> dict[str, int]:
        """Link any article still waiting (one before it never came: it failed), drop unused uncurated
        entries, and return the counts."""
        for article_id in self.order[self.position :]:
            self._link_article(article_id)
        self.position = len(self.order)
        _drop_unused_entries(self.db)
        return self.counts

    def _link_article(self, article_id: str) -> None:
        with _garbage_collection_paused():
            if article_id in self.pending:
                rows = sorted(self.pending.pop(article_id), key=lambda row: row["start"])
                _link_rows(self.db, self.linker, rows, self.counts)
            else:
                sql = "select id from events where article_id = ? and entry_id is null order by start"
                ids = [row[0] for row in self.db.execute(sql, [article_id]).fetchall()]
                _link_chunks(self.db, self.linker, ids, self.counts)


@contextlib.contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector: linking builds a large index of small sets and tuples, which the
    collector traversed again and again (a third of the linking time). Nothing linking makes is cyclic."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _link_chunks(db: sqlite_utils.Database, linker: Linker, order: list[str], counts: dict[str, int]) -> None:
    for first in range(0, len(order), LINK_CHUNK):
        ids = order[first : first + LINK_CHUNK]
        placeholders = ", ".join("?" for _ in ids)
        rows = {row["id"]: row for row in db.query(f"select * from events where id in ({placeholders})", ids)}
        _link_rows(db, linker, [rows[event_id] for event_id in ids], counts)


def _link_rows(db: sqlite_utils.Database, linker: Linker, rows: list[dict[str, Any]], counts: dict[str, int]) -> None:
    """Link the mentions of these event rows in their order and store the links and the entries made."""
    links = []
    for row in rows:
        if row["qualifier"] in UNLINKED_QUALIFIERS:
            continue
        link = linker.link(Mention.from_row(row))
        links.append((link.entry_id, int(link.conflict), row["id"]))
    created = linker.take_created()
    with write_transaction(db):
        save_timeline_entries(db, created)
        db.conn.executemany("update events set entry_id = ?, conflict = ? where id = ?", links)
    counts["mentions"] += len(links)
    counts["created"] += len(created)
    counts["conflicts"] += sum(conflict for _, conflict, _ in links)


def list_reviews(db: sqlite_utils.Database, kind: str, record_id: str) -> list[dict[str, Any]]:
    """Every review of one record, oldest first."""
    return list(db["reviews"].rows_where("record_kind = ? and record_id = ?", [kind, record_id], order_by="id"))


def iter_reviews(db: sqlite_utils.Database) -> Iterable[dict[str, Any]]:
    """Every review in the database, oldest first, with the reviewed record's text."""
    joins = " ".join(f"left join [{table}] on reviews.record_kind = '{kind}' and [{table}].id = reviews.record_id"
                     for kind, table in REVIEWABLE_TABLES.items())
    texts = ", ".join(f"[{table}].text" for table in REVIEWABLE_TABLES.values())
    yield from db.query(f"select reviews.*, coalesce({texts}) as record_text from reviews {joins} order by reviews.id")


def row_to_record(model: type[BaseModel], row: dict[str, Any]) -> BaseModel:
    """A stored row back as its pydantic model (JSON lists decoded, 0/1 as booleans)."""
    values = dict(row)
    for name, field in model.model_fields.items():
        if name in values and isinstance(values[name], str) and typing.get_origin(field.annotation) is list:
            values[name] = json.loads(values[name])
    return model.model_validate(values)


def iter_records(db: sqlite_utils.Database, table: str) -> Iterable[BaseModel]:
    """Every row of a factcheck table as its model, in primary-key order."""
    model = TABLE_MODELS[table]
    for row in db[table].rows_where(order_by="id"):
        yield row_to_record(model, row)


def reviewed_claims(db: sqlite_utils.Database, status: str | None = None) -> list[dict[str, Any]]:
    """Claims with at least one review, each with its latest review and its article (optionally one status)."""
    sql = """
        select claims.id, claims.text, claims.claimant, claims.review_status, articles.id as article_id,
               articles.title, articles.url,
               articles.source, articles.published, articles.publisher,
               reviews.status, reviews.note, reviews.evidence_url, reviews.reviewer, reviews.created
        from claims
        join articles on articles.id = claims.article_id
        join reviews on reviews.id = (select max(r.id) from reviews r where r.record_kind = 'claim' and r.record_id = claims.id)
        where (:status is null or claims.review_status = :status)
        order by reviews.created, claims.id
    """
    return list(db.query(sql, {"status": status}))


@dataclass(frozen=True)
class TimelineSelection:
    """Which timeline entries to show: dates, words, how well sourced, how many (the best sourced first)."""

    start: str | None = None  # ISO date: entries that may end on or after it
    end: str | None = None  # ISO date: entries that may start on or before it
    words: str | None = None  # every word in the entry's name or description (full-text search)
    min_sources: int = 1  # articles reporting it (curated entries are shown with none)
    limit: int | None = None  # at most this many: most sources first, then most mentions, then earliest


def timeline_overview(db: sqlite_utils.Database, selection: TimelineSelection = TimelineSelection()) -> list[dict[str, Any]]:
    """Timeline entries with their mentions' counts, sources, spread, conflicts and statuses: every entry in
    date order, or the ``selection`` (most sources first when limited); each row's ``total`` is how many
    entries the selection matches before its limit."""
    where, params = _selection_filter(selection)
    if selection.limit is None:
        pick, order = "", "coalesce(t.date_start, t.date_end), t.date_end, t.id"
    else:
        # within dates, the entries that lie wholly inside them come first (not a year that holds them)
        inside = " and ".join([*(["coalesce(t.date_start, t.date_end) >= :start"] if selection.start else []),
                               *(["coalesce(t.date_end, t.date_start) <= :end"] if selection.end else [])])
        pick = (f"order by ({inside}) desc, " if inside else "order by ") + \
            "sources desc, mentions desc, coalesce(t.date_start, t.date_end), t.id limit :limit"
        order = "picked.sources desc, picked.mentions desc, coalesce(t.date_start, t.date_end), t.id"
    # entries are picked (and counted) from per-entry counts; only the picked ones gather their details
    sql = f"""
        with counts as (
            select entry_id, count(*) as mentions, count(distinct article_id) as sources
            from events where entry_id is not null group by entry_id
        ), picked as (
            select t.id, coalesce(c.mentions, 0) as mentions, coalesce(c.sources, 0) as sources,
                   t.date_start, t.date_end, count(*) over () as total
            from timeline_entries t left join counts c on c.entry_id = t.id
            {where} {"and" if where else "where"} (c.sources >= :min_sources or t.curated = 1)
            {pick}
        )
        select t.*, picked.mentions, picked.sources, picked.total,
               min(coalesce(e.date_start, e.date_end)) as earliest_reported,
               max(coalesce(e.date_end, e.date_start)) as latest_reported,
               coalesce(sum(e.conflict), 0) as conflicts,
               group_concat(distinct e.review_status) as statuses,
               group_concat(distinct a.source) as source_names
        from picked join timeline_entries t on t.id = picked.id
        left join events e on e.entry_id = t.id
        left join articles a on a.id = e.article_id
        group by t.id
        order by {order}
    """
    return list(db.query(sql, {**params, "min_sources": selection.min_sources, "limit": selection.limit}))


def timeline_years(db: sqlite_utils.Database, selection: TimelineSelection = TimelineSelection()) -> list[tuple[str, int]]:
    """``[("2016", 1200), ...]``: how many entries of the selection (its dates aside) each year holds."""
    where, params = _selection_filter(TimelineSelection(words=selection.words))
    sql = f"""
        select substr(coalesce(t.date_start, t.date_end), 1, 4) as year, count(*) from timeline_entries t
        {where} {"and" if where else "where"} coalesce(t.date_start, t.date_end) is not null
          and (t.curated = 1 or (select count(distinct e.article_id) from events e where e.entry_id = t.id) >= :min_sources)
        group by year order by year
    """
    return [tuple(row) for row in db.execute(sql, {**params, "min_sources": max(1, selection.min_sources)}).fetchall()]


def _selection_filter(selection: TimelineSelection) -> tuple[str, dict[str, Any]]:
    """The ``where`` clause on timeline entries ``t`` for a selection's dates and words, and its parameters."""
    clauses, params = [], {}
    if selection.start:
        clauses.append("coalesce(t.date_end, t.date_start) >= :start")
        params["start"] = selection.start
    if selection.end:
        clauses.append("coalesce(t.date_start, t.date_end) <= :end")
        params["end"] = selection.end
    words = (selection.words or "").split()
    if words:  # each word quoted: the user's text is never full-text query syntax
        clauses.append("t.rowid in (select rowid from timeline_entries_fts where timeline_entries_fts match :words)")
        params["words"] = " ".join('"' + word.replace('"', '""') + '"' for word in words)
    return ("where " + " and ".join(clauses)) if clauses else "", params


def record_span(db: sqlite_utils.Database, table: str, record_id: str) -> tuple[str, str, int, int] | None:
    """(article id, article text, start, end) of a record in one of the span tables, or None."""
    if table not in RECORD_TABLES:
        raise KeyError(f"{table} is not a record table")
    sql = f"select a.id, a.text, r.start, r.[end] from [{table}] r join articles a on a.id = r.article_id where r.id = ?"
    row = db.execute(sql, [record_id]).fetchone()
    return tuple(row) if row else None  # type: ignore[return-value]


def review_state(db: sqlite_utils.Database, table: str, record_id: str) -> tuple[str, bool]:
    """(current review status, stale) of a reviewable record; stale: kept only for its reviews (the latest
    extraction no longer has it). ("unreviewed", False) for an id not stored."""
    if table not in REVIEWABLE_TABLES.values():
        raise KeyError(f"{table} is not a reviewable table")
    row = db.execute(f"select review_status, stale from [{table}] where id = ?", [record_id]).fetchone()
    return (row[0], bool(row[1])) if row else ("unreviewed", False)


def now() -> dt.datetime:
    """The current time in UTC, second precision (for review timestamps)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
