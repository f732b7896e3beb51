"""Extraction past one machine: map ``extract_file`` over partitions with Dask, load with one writer.

Extraction is a pure function of a file, so a corpus splits into partitions that any Dask cluster
extracts in parallel (``Client(LocalCluster())`` here, ``Client("tcp://scheduler:8786")`` on a real
cluster, where every worker needs the corpus on shared storage and factcheck installed). Results come
back as plain JSON-able dicts and are bulk-loaded into SQLite by the single process that owns the
database: SQLite has one writer, and the published copy is served read-only from replicas.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from .errors import InputError, NotAnArticle
from .extract import extract_file
from .inputs import distinct_article_ids, iter_files
from .models import Document
from .storage import DocumentRows, document_rows


def extract_partition(paths: list[str], published: str | None, rows: bool = False,
                      ids: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Extract one partition; each document becomes ``{"document": ...}`` (JSON-able), ``{"rows": ...}``
    (its ``DocumentRows``, with ``rows``), ``{"error": ...}`` or ``{"not_an_article": [path, reason]}``."""
    day = dt.date.fromisoformat(published) if published else None
    out: list[dict[str, Any]] = []
    for path in paths:
        for item in extract_file(Path(path), day, {Path(path): ids[path]} if ids and path in ids else None):
            if isinstance(item, NotAnArticle):
                out.append({"not_an_article": [item.name, item.reason]})
            elif isinstance(item, InputError):
                out.append({"error": str(item)})
            elif rows:
                out.append({"rows": document_rows(item)})
            else:
                out.append({"document": item.model_dump(mode="json")})
    return out


def extract_with_dask(paths: list[Path], client: Any, partitions: int | None = None,
                      published: dt.date | None = None,
                      rows: bool = False) -> Iterator[Document | DocumentRows | InputError]:
    """Documents of every input file, extracted on the Dask cluster behind ``client``, partition by partition;
    with ``rows``, as the rows the store writes (what ``ingest`` loads: the writer then validates nothing)."""
    import dask.bag as db

    files = []
    for found in iter_files(paths):
        if isinstance(found, InputError):
            yield found  # a path that does not exist, a file that is no article
        else:
            files.append(str(found))
    if not files:
        return
    count = partitions or max(1, min(len(files), 4 * len(client.scheduler_info().get("workers", {})) or 4))
    bag = db.from_sequence(files, npartitions=count)
    ids = {str(path): article_id for path, article_id in distinct_article_ids([Path(f) for f in files]).items()}
    results = bag.map_partitions(extract_partition, published.isoformat() if published else None, rows, ids)
    for future in client.compute(results.to_delayed()):
        for item in future.result():
            if "error" in item:
                yield InputError(item["error"])
            elif "not_an_article" in item:
                yield NotAnArticle(*item["not_an_article"])
            elif "rows" in item:
                yield item["rows"]
            else:
                yield Document.model_validate(item["document"])
