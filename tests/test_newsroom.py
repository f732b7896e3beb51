"""A real folder of articles, as a newsroom has it: dates in file names, corpus files beside the articles,
HTML pages, bad files, a database not called factcheck.db; and the end-to-end run of benchmarks/bench_newsroom.py
on a few dozen articles."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.inputs import date_in_file_name, read_articles

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_newsroom  # noqa: E402

POLNEAR_DEV = SHARED / "corpora" / "polnear-dev"
DATED = sorted(path.name for path in POLNEAR_DEV.glob("*.txt"))[-1]  # not among those copy_articles takes


def copy_articles(folder, count=3):
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(path.name for path in POLNEAR_DEV.glob("*.txt"))[:count]
    for name in names:
        shutil.copy(POLNEAR_DEV / name, folder / name)
    return names


@pytest.mark.parametrize("name, expected", [
    ("nyt_2016-10-13_x.txt", "2016-10-13"), ("APW19980227.0468.txt", "1998-02-27"), ("2016_10_13-story.txt", "2016-10-13"),
    ("wsj_0006.txt", None), ("story-2016-13-45.txt", None), ("id-12016-10-13.txt", None),
])
def test_a_date_is_read_from_the_file_name(tmp_path, name, expected):
    found = date_in_file_name(tmp_path / name)
    assert (found.isoformat() if found else None) == expected


def test_articles_dated_only_by_their_file_names_keep_their_events(tmp_path):
    # the 84 polnear-dev files carry their date only in their names: a folder ingest stored none of them dated,
    # and left most relative dates unresolved (147 events instead of 2,665)
    names = copy_articles(tmp_path / "news")
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "p.db"), str(tmp_path / "news")])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "p.db")
    assert sorted(row["published"] for row in db["articles"].rows) == sorted(name.split("_")[1] for name in names)
    assert "no publication date" not in result.output
    assert db["events"].count > 3 * len(names)


def test_an_article_without_a_date_is_named_and_easy_to_find(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(POLNEAR_DEV / DATED, folder / "story.txt")
    copy_articles(folder, 1)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "p.db"), str(folder)])
    assert result.exit_code == 0
    assert "warning: story.txt: no publication date; relative dates left unresolved" in result.output
    assert "1 article has no publication date: relative dates left unresolved; give --published or a date in " \
           "the file" in result.output
    db = sqlite_utils.Database(tmp_path / "p.db")
    [row] = db.execute("select source from articles where published is null").fetchall()
    assert row == ("story.txt",)


def test_corpus_files_beside_the_articles_are_skipped_not_failed(tmp_path):
    folder = tmp_path / "corpus"
    names = copy_articles(folder, 2)
    for name in ("gold.jsonl", "README.md"):
        shutil.copy(POLNEAR_DEV / name, folder / name)
    (folder / "stats.json").write_text('{"docs": 2, "chars": 9000}', encoding="utf-8")
    (folder / "notes.json").write_text('[{"id": 1, "label": "x"}]', encoding="utf-8")  # JSON of no articles
    (folder / "README.txt").write_text("How this corpus was made.\nIt has two articles.", encoding="utf-8")
    (folder / ".hidden.txt").write_text("An editor's scratch file.\nNot for ingest.", encoding="utf-8")
    for command in (["ingest", "--db", str(tmp_path / "c.db")], ["extract"]):
        result = CliRunner().invoke(cli, [*command, str(folder)])
        assert result.exit_code == 0, result.output
        assert "error" not in result.output and "failed" not in result.output.replace("0 failed", "")
        assert "skipped 5 files that are not articles" in result.output, result.output
    assert sqlite_utils.Database(tmp_path / "c.db")["articles"].count == len(names)


def test_a_json_file_of_no_articles_given_by_name_is_skipped(tmp_path):
    path = tmp_path / "gold.jsonl"
    shutil.copy(POLNEAR_DEV / "gold.jsonl", path)
    with pytest.raises(Exception, match="holds no article records"):
        list(read_articles(path))


def test_html_input_that_cannot_be_read_stops_only_its_file(tmp_path, monkeypatch):
    # a broken trafilatura install (lxml without lxml_html_clean) was a traceback that stopped the whole batch
    folder = tmp_path / "in"
    copy_articles(folder, 1)
    (folder / "page.html").write_text("<html><body><p>Officials said on Monday that talks go on.</p></body></html>",
                                      encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    assert "page.html: HTML input needs trafilatura, which cannot be imported" in result.output
    assert '"source": "breitbart_' in result.output


def test_html_input_works_on_the_installed_dependencies():
    import trafilatura  # fails without lxml_html_clean, which pyproject.toml must declare

    assert trafilatura.extract("<html><body><article><p>" + "Officials met. " * 20 + "</p></article></body></html>")


def test_editor_accounts_and_databases_are_ignored_by_git():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = ["db/editors/alice.hash", "db/factcheck.db", "db/factcheck.db-wal", "polnear.db"]
    done = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True)
    assert sorted(done.stdout.split()) == sorted(paths)


def test_a_realistic_folder_ingests_serves_and_reingests_cleanly(tmp_path):
    figures, problems = bench_newsroom.run(tmp_path, limit=8, jobs=2, html_every=8)
    assert problems == []
    assert figures["articles"] == 8 + 8 + 8 and figures["failed_files"] == len(bench_newsroom.BAD_FILES)
    assert figures["second_ingest"]["new"] == 0 and figures["second_ingest"]["updated"] == figures["articles"]
    assert "/newsroom/unreviewed_claims" in figures["page_ms"] and "/-/factcheck/timeline" in figures["page_ms"]
