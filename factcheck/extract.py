"""Extraction over input files, yielding the JSON objects ``factcheck extract`` prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError
from .inputs import iter_files, read_articles
from .models import Document
from .pipeline import parse


def iter_documents(paths: list[Path], published: dt.date | None = None) -> Iterator[Document | InputError]:
    """Parsed documents of every input file; a file that cannot be read yields its InputError instead."""
    try:
        files = list(iter_files(paths))
    except InputError as exc:
        yield exc
        return
    for path in files:
        try:
            for article in read_articles(path, published):
                yield parse(article)
        except InputError as exc:
            yield exc


def prediction(doc: Document) -> dict[str, Any]:
    """The extract output object: source, article and the record lists (the evaluation contract)."""
    dump = lambda records: [record.model_dump(mode="json") for record in records]  # noqa: E731
    return {
        "source": doc.article.source,
        "article": doc.article.model_dump(mode="json"),
        "timexes": dump(doc.timexes),
        "events": dump(doc.events),
        "quotes": dump(doc.quotes),
        "claims": dump(doc.claims),
        "people": dump(doc.people),
    }
