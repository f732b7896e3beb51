"""Concurrency and crashes: ingest while editors write reviews; a killed ingest leaves a consistent database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlite_utils

from factcheck.storage import open_db, save_document

from conftest import SHARED

POLNEAR_TRAIN = SHARED / "corpora" / "polnear-train"
REVIEWS = 200
WRITER = """
import sys, datetime as dt
from factcheck.models import Review
from factcheck.storage import add_review, open_db
db = open_db(sys.argv[1])
ids = sys.argv[2].split(",")
for n in range({reviews}):
    status = ("verified", "false", "misleading", "in_progress")[n % 4]
    add_review(db, Review(record_kind="claim", record_id=ids[n % len(ids)], status=status, note=f"review {{n}}",
                          reviewer="alice", created=dt.datetime.now(dt.timezone.utc)))
print("wrote", {reviews})
"""

pytestmark = pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="needs ../shared/corpora/polnear-train")


def corpus_files() -> list[str]:
    return [str(path) for path in sorted(POLNEAR_TRAIN.glob("*.txt"))]


def distinct_articles() -> int:
    """The corpus holds one text under two names: ingest stores it once."""
    return len({path.read_bytes() for path in POLNEAR_TRAIN.glob("*.txt")})


def ingest_command(db_path) -> list[str]:
    return [sys.executable, "-m", "factcheck", "ingest", "--db", str(db_path), "--published", "2016-06-01", *corpus_files()]


def test_ingest_while_reviews_are_written_loses_no_review(tmp_path, seed_doc):
    db_path = tmp_path / "f.db"
    db = open_db(db_path)
    save_document(db, seed_doc)
    claim_ids = ",".join(c.id for c in seed_doc.claims)
    db.close()
    ingest = subprocess.Popen(ingest_command(db_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    writer = subprocess.run([sys.executable, "-c", WRITER.format(reviews=REVIEWS), str(db_path), claim_ids],
                            capture_output=True, text=True, timeout=600)
    out, err = ingest.communicate(timeout=900)
    assert writer.returncode == 0 and "locked" not in writer.stderr, writer.stderr[-2000:]
    assert ingest.returncode == 0 and "locked" not in err, (ingest.returncode, err[-2000:])
    assert ingest.poll() is not None
    check = sqlite_utils.Database(db_path)
    assert check["reviews"].count == REVIEWS
    assert check["articles"].count == 1 + distinct_articles()
    last = check.execute("select status from reviews order by id desc limit 1").fetchone()[0]
    assert check["claims"].get(seed_doc.claims[(REVIEWS - 1) % len(seed_doc.claims)].id)["review_status"] == last


def test_killed_ingest_leaves_a_consistent_database_and_a_rerun_completes(tmp_path):
    db_path = tmp_path / "f.db"
    ingest = subprocess.Popen(ingest_command(db_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.5)
        if db_path.exists() and _count(db_path, "articles") >= 60:
            break
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    check = sqlite_utils.Database(db_path)
    assert check.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert check.execute("pragma foreign_key_check").fetchall() == []
    stored = check["articles"].count
    assert 0 < stored < distinct_articles()
    orphans = check.execute("select count(*) from claims where article_id not in (select id from articles)").fetchone()[0]
    assert orphans == 0
    rerun = subprocess.run(ingest_command(db_path), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert check["articles"].count == distinct_articles()
    assert f"{distinct_articles() - stored} new, {stored} updated, 1 duplicate" in rerun.stdout


def _count(db_path, table) -> int:
    try:
        return sqlite_utils.Database(db_path)[table].count
    except Exception:  # the table may not exist yet while the first transaction runs
        return 0


def test_ingest_holds_no_write_lock_while_it_waits_for_the_next_article(tmp_path):
    # the batch's transaction stayed open while the next article was parsed: editors' reviews then waited
    import datetime as dt
    import sqlite3

    from factcheck.ingest import ingest
    from factcheck.inputs import article_from_text
    from factcheck.pipeline import parse

    db_path = tmp_path / "f.db"
    open_db(db_path).close()
    free = []

    def slowly_parsed():
        for number in range(3):
            if number:
                time.sleep(0.3)  # the next article is still being parsed: the writer waits for it
                other = sqlite3.connect(str(db_path), timeout=0)
                try:
                    other.execute("BEGIN IMMEDIATE")
                    other.rollback()
                    free.append(True)
                except sqlite3.OperationalError:
                    free.append(False)
                finally:
                    other.close()
            yield parse(article_from_text(f"Officials said on Monday that plan {number} failed.", f"a{number}",
                                          f"a{number}.txt", dt.date(2023, 6, 15)))

    summary = ingest(db_path, [], documents=slowly_parsed())
    assert summary.new == 3 and free == [True, True]
