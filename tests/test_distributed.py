"""The Dask runner extracts a corpus on a local cluster in partitions; one writer bulk-loads the results."""

from __future__ import annotations

import pytest
import sqlite_utils

from factcheck.extract import iter_documents
from factcheck.storage import document_rows, open_db, save_document

from conftest import SHARED

MEANTIME = SHARED / "corpora" / "meantime-dev"


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as dask_client:
            yield dask_client


def test_dask_partitions_give_the_same_records_as_one_process(client, tmp_path):
    from factcheck.distributed import extract_with_dask

    files = sorted(MEANTIME.glob("*.txt"))[:20]
    local = list(iter_documents(files))
    remote = list(extract_with_dask(files, client, partitions=5))
    assert [d.article.id for d in remote] == [d.article.id for d in local]
    assert [[q.model_dump() for q in d.quotes] for d in remote] == [[q.model_dump() for q in d.quotes] for d in local]
    assert [[e.date for e in d.events] for d in remote] == [[e.date for e in d.events] for d in local]
    db = open_db(tmp_path / "f.db")
    for doc in remote:
        save_document(db, doc)
    assert sqlite_utils.Database(tmp_path / "f.db")["articles"].count == 20
    # what ingest loads: the rows, made on the workers
    assert list(extract_with_dask(files, client, partitions=5, rows=True)) == [document_rows(d) for d in local]


def test_dask_runner_reports_bad_files(client, tmp_path):
    from factcheck.distributed import extract_with_dask

    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    (tmp_path / "good.txt").write_text("date 2023-06-15\nThe ministers met on Thursday in Brussels.", encoding="utf-8")
    items = list(extract_with_dask([tmp_path], client, partitions=2))
    assert [type(item).__name__ for item in items] == ["InputError", "Document"]
    assert "bad.txt: binary file" in str(items[0])


def test_ingest_on_a_local_dask_cluster(tmp_path):
    from click.testing import CliRunner

    from factcheck.cli import cli

    files = [str(p) for p in sorted(MEANTIME.glob("*.txt"))[:6]]
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "f.db"), "--dask", "local", "--jobs", "2", *files])
    assert result.exit_code == 0, result.output
    assert "6 new" in result.stdout and sqlite_utils.Database(tmp_path / "f.db")["articles"].count == 6
