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
