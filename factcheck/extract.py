"""Extraction over input files, yielding the JSON objects ``factcheck extract`` prints."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import multiprocessing
import multiprocessing.pool
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from .errors import InputError, NotAnArticle, OverBudget
from .inputs import distinct_article_ids, iter_files, read_articles
from .models import Document
from .pipeline import parse, time_budget, warm_up

CHUNK_FILES = 8  # files handed to a worker at a time
# workers run at a lower priority than the process that consumes their output (the writer of an ingest): with
# as many workers as cores, the writer otherwise falls behind them and finishes its backlog alone after they are
# done (polnear-train, 2 cores: 0.2-0.4 s behind at their priority, 0.03 s at this one)
WORKER_NICENESS = 5


def extract_file(path: Path, published: dt.date | None = None,
                 ids: dict[Path, str] | None = None) -> list[Document | InputError]:
    """The parsed documents of one input file, or its InputError (a pure function of the file and the ids
    that tell its batch's same-named files apart: ``distinct_article_ids``). A fault of the parsers on this
    file is its InputError too, naming the fault: one file never stops a batch."""
    try:
        articles = read_articles(path, published, (ids or {}).get(path))
        return [parse(article, budget=time_budget(article)) for article in articles]
    except InputError as exc:
        return [exc]
    except OverBudget as exc:
        return [InputError(f"{path}: {exc}")]
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - reported for this file, the batch goes on
        return [InputError(f"{path}: the parsers failed on it ({type(exc).__name__}: {exc}); nothing of it "
                           f"is stored (please report this file)")]


def extract_file_rows(path: Path, published: dt.date | None = None, ids: dict[Path, str] | None = None) -> list[Any]:
    """``extract_file`` with each document turned into the rows the store writes (``DocumentRows``)."""
    from .storage import document_rows

    return [item if isinstance(item, InputError) else document_rows(item)
            for item in extract_file(path, published, ids)]


def extract_file_json(path: Path, published: dt.date | None = None, ids: dict[Path, str] | None = None,
                      indent: int | None = None) -> list[str | InputError]:
    """``extract_file`` with each document as the JSON text ``factcheck extract`` prints: made in the worker,
    so that the process printing it neither unpickles models nor serialises them."""
    return [item if isinstance(item, InputError) else json.dumps(prediction(item), ensure_ascii=False, indent=indent)
            for item in extract_file(path, published, ids)]


def iter_documents(paths: list[Path | InputError], published: dt.date | None = None, jobs: int = 1,
                   worker: Callable[..., list[Any]] = extract_file,
                   pool: multiprocessing.pool.Pool | None = None) -> Iterator[Any]:
    """Parsed documents of every input file, in file order; a file that cannot be read yields its
    InputError instead. With ``jobs`` > 1, files are parsed by that many worker processes; with a ``pool``
    (see ``worker_pool``), by its workers. ``worker`` turns one file into its items: ``extract_file`` (documents),
    ``extract_file_rows`` (rows to store) or ``extract_file_json`` (text to print)."""
    files: list[Path] = []
    for found in iter_files(paths):
        if isinstance(found, InputError):
            yield found  # a path that does not exist, a file that is no article: reported first
        else:
            files.append(found)
    extract = functools.partial(worker, published=published, ids=distinct_article_ids(files))
    if (jobs <= 1 and pool is None) or len(files) < 2:
        for path in files:
            yield from extract(path)
        return
    with contextlib.nullcontext(pool) if pool is not None else worker_pool(jobs) as workers:
        for results in workers.imap(extract, files, chunksize=CHUNK_FILES):
            yield from results


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[multiprocessing.pool.Pool]:
    """``jobs`` worker processes, started at once: each loads the resources and compiles the patterns while
    the caller goes on (reading the inputs for their order, say), and runs at a lower priority than it."""
    context = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    with context.Pool(jobs, initializer=_start_worker) as pool:
        yield pool


def _start_worker() -> None:
    """Yield the CPU to the process reading this worker's results (where the system allows it), then warm up."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    warm_up()


@dataclass(frozen=True)
class PublicationOrder:
    """Input files in the order of their first article's (publication date, id), and every article id in
    that order: the order in which the timeline links mentions."""

    files: list[Path | NotAnArticle]  # as ``iter_files`` yields them
    article_ids: list[str]


def publication_order(paths: list[Path], published: dt.date | None = None) -> PublicationOrder | None:
    """Read (not parse) every input to order it by publication, so that a first load can link each article's
    mentions as soon as the articles before it are stored (while later ones are still being parsed).

    A file whose articles all repeat an earlier text goes last: it is stored never (as a duplicate) and the
    copy kept is the one first in the given order, as without this ordering. None when the order cannot be
    known before parsing: a file that cannot be read (its error is reported when it is parsed), an id found
    twice (the later article replaces the earlier), or a file mixing repeated and new texts. Only ids and
    dates are kept, not texts."""
    keys: dict[Path, list[tuple[str, str]]] = {}
    repeats: list[Path] = []
    skipped: list[NotAnArticle] = []  # files that are no articles by their names: reported first
    ids: set[str] = set()
    texts: set[str] = set()
    files = list(iter_files(paths))
    named = distinct_article_ids([path for path in files if isinstance(path, Path)])
    try:
        for path in files:
            if isinstance(path, NotAnArticle):
                skipped.append(path)
                continue
            if isinstance(path, InputError):
                return None
            found, repeated = [], 0
            try:
                articles = list(read_articles(path, published, named.get(path)))
            except NotAnArticle:
                articles = []  # skipped when it is parsed: it goes first, with no articles to order
            for article in articles:
                if article.id in ids:
                    return None
                ids.add(article.id)
                if article.content_hash in texts:
                    repeated += 1
                    continue
                texts.add(article.content_hash)
                # sorted as the store sorts: no date (NULL) first, then ISO dates, then ids
                found.append((article.published.isoformat() if article.published else "", article.id))
            if repeated and found:
                return None
            if repeated:
                repeats.append(path)
            else:
                keys[path] = found
    except InputError:
        return None
    files = [*skipped, *sorted(keys, key=lambda path: min(keys[path], default=("", ""))), *repeats]
    return PublicationOrder(files, [article_id for _, article_id in sorted(key for found in keys.values() for key in found)])


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
