"""SQLite store: idempotent ingest, stable ids, reviews kept across re-ingest."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factcheck.inputs import article_from_text
from factcheck.models import Review
from factcheck.pipeline import parse
from factcheck.storage import add_review, bulk_load, open_db, save_document

from conftest import schema_of


def counts(db):
    return {t: db[t].count for t in ("articles", "timexes", "events", "quotes", "claims")}


def test_ingesting_the_same_article_twice_adds_nothing(tmp_path, seed_doc):
    db = open_db(tmp_path / "f.db")
    first = save_document(db, seed_doc)
    before = counts(db)
    second = save_document(db, seed_doc)
    assert (first.status, second.status) == ("new", "updated")
    assert counts(db) == before
    assert before["quotes"] == 3 and before["articles"] == 1


def test_same_text_under_another_name_is_a_duplicate(tmp_path, seed_doc):
    db = open_db(tmp_path / "f.db")
    save_document(db, seed_doc)
    copy = parse(seed_doc.article.model_copy(update={"id": "copy", "source": "copy.txt"}))
    result = save_document(db, copy)
    assert (result.status, result.duplicate_of) == ("duplicate", seed_doc.article.id)
    assert db["articles"].count == 1


def review_of(claim_id, status="verified"):
    return Review(record_kind="claim", record_id=claim_id, status=status, note="NATO site", reviewer="alice",
                  created=dt.datetime(2023, 6, 16, 9, 0, tzinfo=dt.timezone.utc))


def test_review_status_survives_reingest(tmp_path, seed_doc):
    db = open_db(tmp_path / "f.db")
    save_document(db, seed_doc)
    [claim] = [c for c in seed_doc.claims if c.text == "NATO has no official presence in Ukraine"]
    add_review(db, review_of(claim.id))
    save_document(db, seed_doc)
    assert db["claims"].get(claim.id)["review_status"] == "verified"
    assert [r["status"] for r in db["reviews"].rows] == ["verified"]


def test_reviewed_record_missing_from_new_extraction_is_kept_and_flagged(tmp_path):
    db = open_db(tmp_path / "f.db")
    text = "NATO has no official presence in Ukraine, and it provides only non-lethal support to 12 countries."
    doc = parse(article_from_text(text, "a1", "a1.txt", dt.date(2023, 6, 15), publisher="AP"))
    save_document(db, doc)
    reviewed, other = doc.claims[0], doc.claims[1]
    add_review(db, review_of(reviewed.id, "false"))
    edited = parse(article_from_text("Completely different text about 3 ships and Russia.", "a1", "a1.txt",
                                     dt.date(2023, 6, 15), publisher="AP"))
    save_document(db, edited)
    kept = db["claims"].get(reviewed.id)
    assert (kept["stale"], kept["review_status"]) == (1, "false")
    assert db["claims"].count_where("id = ?", [other.id]) == 0


def test_review_of_unknown_record_is_refused(tmp_path):
    db = open_db(tmp_path / "f.db")
    with pytest.raises(KeyError, match="no claim with id nope"):
        add_review(db, review_of("nope"))
    assert db["reviews"].count == 0


def test_full_text_search_finds_claims(tmp_path, seed_doc):
    db = open_db(tmp_path / "f.db")
    save_document(db, seed_doc)
    assert [r["text"] for r in db["claims"].search("presence")] == ["NATO has no official presence in Ukraine"]


def test_full_text_index_follows_text_changes_but_not_status_changes(tmp_path, seed_doc):
    db = open_db(tmp_path / "f.db")
    save_document(db, seed_doc)
    claim_id = next(r["id"] for r in db["claims"].search("presence"))
    fts_rows = db.execute("select count(*) from claims_fts").fetchone()[0]
    add_review(db, Review(record_kind="claim", record_id=claim_id, status="verified", reviewer="alice",
                          created=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    assert [r["id"] for r in db["claims"].search("presence")] == [claim_id]
    assert db.execute("select count(*) from claims_fts").fetchone()[0] == fts_rows
    with db.conn:
        db.execute("update claims set text = 'NATO has a liaison office in Kyiv' where id = ?", [claim_id])
    assert list(db["claims"].search("presence")) == []
    assert [r["id"] for r in db["claims"].search("liaison")] == [claim_id]
    trigger = db.execute("select sql from sqlite_master where name = 'claims_au'").fetchone()[0]
    assert 'AFTER UPDATE OF "text", "claimant"' in trigger


def test_reopening_an_old_database_narrows_its_update_trigger(tmp_path, seed_doc):
    import sqlite_utils

    path = tmp_path / "old.db"
    db = open_db(path)
    trigger = db.execute("select sql from sqlite_master where name = 'quotes_au'").fetchone()[0]
    with db.conn:  # the trigger as sqlite-utils writes it, as in databases made before this change
        db.execute('drop trigger "quotes_au"')
        db.execute(trigger.replace('AFTER UPDATE OF "text", "speaker" ON', "AFTER UPDATE ON"))
    db.conn.close()
    assert " UPDATE OF " not in sqlite_utils.Database(path).execute(
        "select sql from sqlite_master where name = 'quotes_au'").fetchone()[0]
    reopened = open_db(path)
    save_document(reopened, seed_doc)
    assert " UPDATE OF " in reopened.execute("select sql from sqlite_master where name = 'quotes_au'").fetchone()[0]
    assert len(list(reopened["quotes"].search("consensus"))) == 1


def test_timeline_query_reads_events_in_index_order(tmp_path, seed_doc):
    import yaml

    from conftest import ROOT

    db = open_db(tmp_path / "f.db")
    save_document(db, seed_doc)
    sql = yaml.safe_load((ROOT / "metadata.yml").read_text())["databases"]["factcheck"]["queries"]["timeline"]["sql"]
    plan = " ".join(row[3] for row in db.execute("explain query plan " + sql, {"from": "", "to": ""}).fetchall())
    assert "idx_events_timeline_order" in plan and "TEMP B-TREE" not in plan


def search_events(db, word):
    return db.execute("select count(*) from events_fts where events_fts match ?", [word]).fetchone()[0]


def test_a_bulk_load_that_fails_still_ends_with_every_index_and_search(tmp_path, seed_doc):
    expected = schema_of(open_db(tmp_path / "reference.db"))
    db = open_db(tmp_path / "f.db")
    with pytest.raises(RuntimeError), bulk_load(db):
        assert search_events(db, "Stoltenberg") == 0 and schema_of(db) != expected
        save_document(db, seed_doc)
        raise RuntimeError("stopped halfway")
    assert schema_of(db) == expected
    assert search_events(db, "Stoltenberg") > 0


def test_opening_a_database_left_by_an_interrupted_bulk_load_rebuilds_its_search(tmp_path, seed_doc):
    path = tmp_path / "f.db"
    db = open_db(path)
    expected = schema_of(db)
    for (trigger,) in db.execute("select name from sqlite_master where type = 'trigger'").fetchall():
        db.execute(f"drop trigger [{trigger}]")  # as a killed bulk load leaves it
    save_document(db, seed_doc)
    db.conn.commit()
    reopened = open_db(path)
    assert schema_of(reopened) == expected
    assert search_events(reopened, "Stoltenberg") > 0
    save_document(reopened, seed_doc.model_copy(update={"events": []}))  # the triggers work again
    assert search_events(reopened, "Stoltenberg") == 0


def test_a_person_in_two_articles_keeps_the_aliases_and_roles_of_both(tmp_path):
    db = open_db(tmp_path / "f.db")
    for number, text in enumerate(["NATO Secretary-General Jens Stoltenberg said: “We will decide.”",
                                   "“We are ready,” said Jens Stoltenberg. “It is time,” Stoltenberg said."]):
        save_document(db, parse(article_from_text(text, f"a{number}", f"a{number}.txt", dt.date(2023, 6, 15))))
    [person] = db["people"].rows
    assert person["name"] == "Jens Stoltenberg"
    assert json.loads(person["aliases"]) == ["NATO Secretary-General Jens Stoltenberg", "Stoltenberg"]
    assert json.loads(person["roles"]) == ["NATO Secretary-General"]


def test_a_person_listed_twice_in_one_article_keeps_every_alias(tmp_path, seed_doc):
    """The people of an article are stored in one statement: two rows for one person must merge, not overwrite."""
    db = open_db(tmp_path / "f.db")
    [stoltenberg] = [person for person in seed_doc.people if person.name == "Jens Stoltenberg"]
    twice = [stoltenberg.model_copy(update={"aliases": ["J. Stoltenberg"], "roles": ["Prime Minister"]}),
             stoltenberg.model_copy(update={"aliases": ["Mr. Stoltenberg"], "roles": ["Secretary-General"]})]
    save_document(db, seed_doc.model_copy(update={"people": twice}))
    save_document(db, seed_doc.model_copy(update={"article": seed_doc.article.model_copy(
        update={"id": "other", "text": seed_doc.text + " ", "content_hash": "other"})}))
    person = db["people"].get(stoltenberg.id)
    assert json.loads(person["aliases"]) == sorted({"J. Stoltenberg", "Mr. Stoltenberg", *stoltenberg.aliases})
    assert json.loads(person["roles"]) == sorted({"Prime Minister", "Secretary-General", *stoltenberg.roles})


def test_saving_an_article_again_leaves_its_people_as_they_were(tmp_path):
    # aliases were stored in extraction order by the first save and sorted by the next: a re-ingest changed rows
    db = open_db(tmp_path / "f.db")
    doc = parse(article_from_text("“We will decide,” said Spokeswoman Sandy Angers. Angers said the talks go on.",
                                  "a0", "a0.txt", dt.date(2023, 6, 15)))
    save_document(db, doc)
    before = list(db["people"].rows)
    assert json.loads(before[0]["aliases"]) == sorted(json.loads(before[0]["aliases"]))
    save_document(db, doc)
    assert list(db["people"].rows) == before
