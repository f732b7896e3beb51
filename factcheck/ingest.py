"""Ingest orchestration: parse input files (in worker processes with ``jobs``), store each article, link the
timeline, and count what happened. The CLI, the Dask runner, the benchmarks and the tests all call ``ingest``.

Example::

    summary = ingest(Path("db/factcheck.db"), [Path("seeds")])
    print("\n".join(summary.lines()))
"""

from __future__ import annotations

import contextlib
import datetime as dt
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterable, Iterator, TypeVar

from .errors import InputError, NotAnArticle
from .extract import extract_file_rows, iter_documents, publication_order, worker_pool
from .models import Document
from .storage import (BatchedWrites, DocumentRows, OrderedLinking, bulk_load, document_rows, is_empty,
                      link_new_mentions, open_db, relink_timeline, save_rows, save_timeline_entries)
from .timeline import load_curated

RECORD_COUNTS = ("timexes", "events", "quotes", "claims")
READ_AHEAD = 64  # parsed articles waiting for the writer at most
_DONE = object()
T = TypeVar("T")
UNDATED_HINT = "relative dates left unresolved; give --published or a date in the file"

# what ``report`` is told about one input: ("error" | "skipped" | "warning", message): a file that failed, an
# article skipped as a duplicate, an article stored without a publication date
Reporter = Callable[[str, str], None]
Progress = Callable[[Iterable[DocumentRows | InputError]], ContextManager[Iterable[DocumentRows | InputError]]]


@dataclass
class IngestSummary:
    """What one ingest did: articles by outcome, files skipped as no articles, records stored, timeline links."""

    db_path: Path
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped: list[str] = field(default_factory=list)  # files that hold no article (gold.jsonl, README.txt)
    undated: list[str] = field(default_factory=list)  # sources of articles stored without a publication date
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_COUNTS, 0))
    linked: dict[str, int] = field(default_factory=lambda: {"mentions": 0, "conflicts": 0})

    @property
    def exit_status(self) -> int:
        """1 when a file failed, else 0 (skipped non-articles and undated articles are no failures)."""
        return 1 if self.failed else 0

    def lines(self) -> list[str]:
        """The summary a user reads: the counts, then what was skipped and what has no date."""
        found = [
            f"{self.db_path}: {self.new} new, {self.updated} updated, {self.duplicate} duplicate, "
            f"{self.failed} failed articles; " + ", ".join(f"{n} {t}" for t, n in self.records.items())
            + f"; timeline: {self.linked['mentions']} mentions linked, {self.linked['conflicts']} date conflicts"
        ]
        found += skipped_lines(self.skipped)
        if self.undated:
            found.append(f"{plural(len(self.undated), 'article has', 'articles have')} no publication date: "
                         f"{UNDATED_HINT}")
        return found


def plural(count: int, one: str, many: str) -> str:
    """``plural(2, "file", "files")`` -> ``"2 files"``."""
    return f"{count} {one if count == 1 else many}"


def skipped_lines(skipped: list[str], shown: int = 5) -> list[str]:
    """One line for every file skipped as not an article, naming the first few."""
    if not skipped:
        return []
    names = ", ".join(skipped[:shown]) + (f" and {len(skipped) - shown} more" if len(skipped) > shown else "")
    return [f"skipped {plural(len(skipped), 'file that is not an article', 'files that are not articles')}: {names}"]


def ignore(kind: str, message: str) -> None:
    """The default reporter: says nothing."""


def ingest(db_path: Path, paths: list[Path], published: dt.date | None = None, timeline_file: Path | None = None,
           jobs: int = 1, documents: Iterable[Document | DocumentRows | InputError] | None = None,
           report: Reporter = ignore, progress: Progress | None = None) -> IngestSummary:
    """Extract and store the articles under ``paths`` (or the given ``documents``) and link the timeline.

    :param published: publication date of every input (overrides dates found in the files)
    :param timeline_file: curated timeline entries (YAML) loaded first; every mention is then relinked
    :param jobs: worker processes that parse files (1: in this process)
    :param documents: already extracted articles (the Dask runner's), stored instead of parsing ``paths``
    :param report: told about each failed, skipped, duplicate or undated input as it comes
    :param progress: wraps the stream of parsed articles (a progress bar)
    """
    db = open_db(db_path)
    if timeline_file is not None:
        save_timeline_entries(db, load_curated(timeline_file))
    summary = IngestSummary(db_path)
    first_load = is_empty(db)
    # the workers start (and warm up) while the inputs are read for their publication order; even one job parses
    # in a worker process when there is more than a file: the writer then stores while it parses, and never
    # holds the write lock while an article is parsed
    parallel = documents is None and (len(paths) > 1 or any(path.is_dir() for path in paths))
    with worker_pool(max(1, jobs)) if parallel else contextlib.nullcontext() as pool, \
            bulk_load(db) if first_load else contextlib.nullcontext():  # a first load builds its indexes at the end
        # a first load with workers parses in publication order and links each article as soon as it may, while
        # the workers parse on; otherwise linking (serial: each link depends on those before) follows the load
        order = publication_order(paths, published) if first_load and pool is not None else None
        linking = OrderedLinking(db, order.article_ids, curated_only=timeline_file is not None) if order else None
        # parsed articles arrive as the rows the store writes (made in the worker processes with --jobs)
        items: Iterable[DocumentRows | InputError] = \
            iter_documents(order.files if order else paths, published, jobs, extract_file_rows, pool) \
            if documents is None else _as_rows(documents)
        with (progress or contextlib.nullcontext)(items) as stream, BatchedWrites(db) as batch:
            # parsing runs on in the workers while the writer stores; an article parsed here (a single file) is
            # parsed after a commit, never inside a transaction, where it would keep reviewers waiting
            ahead = read_ahead(stream) if pool is not None or documents is not None else ((item, False) for item in stream)
            for item, more_ready in ahead:
                if isinstance(item, NotAnArticle):
                    summary.skipped.append(item.name)
                elif isinstance(item, InputError):
                    summary.failed += 1
                    report("error", str(item))
                else:
                    batch.write()
                    _store(db, item, linking, summary, report)
                batch.tick(waiting=not more_ready)  # never hold the write lock while an article is parsed
        if linking is not None:
            summary.linked = linking.finish()
        else:
            summary.linked = relink_timeline(db) if timeline_file is not None else link_new_mentions(db)
    return summary


def _store(db: Any, item: DocumentRows, linking: OrderedLinking | None, summary: IngestSummary,
           report: Reporter) -> None:
    """Store one parsed article, link it when its turn has come, and count it."""
    result = save_rows(db, item)
    if linking is not None:
        linking.stored(result.article_id, item.records["events"] if result.status == "new" else None)
    setattr(summary, result.status, getattr(summary, result.status) + 1)
    if result.duplicate_of:
        report("skipped", f"{item.source} has the same text as article {result.duplicate_of}")
    elif not item.article.get("published"):
        summary.undated.append(item.source)
        report("warning", f"{item.source}: no publication date; {UNDATED_HINT}")
    for table, count in result.counts.items():
        summary.records[table] += count


def read_ahead(items: Iterable[T], size: int = READ_AHEAD) -> Iterator[tuple[T, bool]]:
    """Each of ``items``, taken from them by a thread (up to ``size`` ahead), with whether the next one is
    ready already; an error raised by ``items`` is raised here, where it would have been raised."""
    ready: queue.Queue = queue.Queue(maxsize=size)

    def take() -> None:
        try:
            for item in items:
                ready.put((item, None))
        except BaseException as exc:  # handed to the consumer
            ready.put((None, exc))
        ready.put((_DONE, None))

    threading.Thread(target=take, name="factcheck-read-ahead", daemon=True).start()
    while True:
        item, error = ready.get()
        if error is not None:
            raise error
        if item is _DONE:
            return
        yield item, not ready.empty()


def _as_rows(documents: Iterable[Document | DocumentRows | InputError]) -> Iterator[DocumentRows | InputError]:
    for item in documents:
        yield document_rows(item) if isinstance(item, Document) else item
