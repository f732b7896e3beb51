from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.inputs import article_from_text, read_articles
from factcheck.models import Document
from factcheck.pipeline import parse

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_4074f54713a64406.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return parse(next(read_articles(SEED)))


def parse_text(text: str, published: dt.date | None = dt.date(2023, 6, 15), publisher: str | None = None) -> Document:
    """Parse a snippet as an article published on the seed's date (Thursday 2023-06-15)."""
    return parse(article_from_text(text, article_id="test", source="test.txt", published=published, publisher=publisher))


EDITOR, EDITOR_PASSWORD = "alice", "correct horse battery"
CONTRADICTING = "NATO agreed in 2009 that Ukraine would one day join the alliance."


def seed_database(tmp_path: Path, doc: Document) -> tuple[Path, Path]:
    """A database holding the seed article, and an editors directory with one editor (alice)."""
    from factcheck.editors import add_editor
    from factcheck.storage import open_db, save_document

    path = tmp_path / "factcheck.db"
    db = open_db(path)
    save_document(db, doc)
    db.close()
    editors = tmp_path / "editors"
    add_editor(editors, EDITOR, EDITOR_PASSWORD)
    return path, editors


def timeline_database(path: Path, doc: Document):
    """The curated seed timeline, the seed article, and a second article contradicting the 2008 date."""
    from factcheck.storage import open_db, relink_timeline, save_document, save_timeline_entries
    from factcheck.timeline import load_curated

    db = open_db(path)
    save_timeline_entries(db, load_curated(ROOT / "seeds" / "timeline.yml"))
    save_document(db, doc)
    save_document(db, parse(article_from_text(CONTRADICTING, "x2", "x2.txt", dt.date(2023, 6, 16))))
    relink_timeline(db)
    return db


from browser_support import browser  # noqa: E402,F401  (the Playwright fixture, for every test module)


def schema_of(db) -> list[tuple[str, str, str]]:
    """The indexes and triggers of a database, sorted (to compare two schemas)."""
    return sorted(db.execute("select type, name, sql from sqlite_master where type in ('index', 'trigger')").fetchall())
