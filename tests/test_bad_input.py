"""Messy input: each bad file gets one clear line naming it, the batch goes on, nothing partial is stored."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest
import sqlite_utils
from click.testing import CliRunner

from factcheck import inputs, storage
from factcheck.cli import cli
from factcheck.errors import InputError
from factcheck.inputs import article_from_text, read_articles
from factcheck.pipeline import parse
from factcheck.storage import open_db, save_document


ARTICLE = ("date 2023-06-15\nBRUSSELS (AP) — NATO defense ministers met Thursday to discuss relations with Ukraine.\n"
           "“We agree that the most urgent task now is to ensure that Ukraine prevails,” Jens Stoltenberg said.\n")
GERMAN = ("Die Verteidigungsminister der NATO trafen sich am Donnerstag in Brüssel, um über die künftigen "
          "Beziehungen zur Ukraine zu beraten. Russlands Krieg machte ihre Hoffnungen zunichte, bald dem "
          "größten Sicherheitsbündnis der Welt beizutreten. Die Minister sollten außerdem an einem weiteren "
          "Treffen im Hauptquartier teilnehmen, wo Verbündete Waffen und Munition sammeln.")
HTML = """<!DOCTYPE html><html><head><title>NATO ministers meet on Ukraine</title>
<meta property="article:published_time" content="2023-06-15T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>NATO ministers meet on Ukraine</h1>
<p>BRUSSELS (AP) — NATO defense ministers met Thursday to discuss future relations with Ukraine as Russia's war
in the country dashed their hopes of soon joining the world's largest security alliance.</p>
<p>“We agree that the most urgent task now is to ensure that Ukraine prevails,” NATO Secretary General
Jens Stoltenberg said.</p></article><footer>Copyright 2023 The Associated Press</footer></body></html>"""


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_byte_order_mark_is_kept_in_the_text_but_does_not_hide_the_date(tmp_path):
    [article] = read_articles(write(tmp_path, "bom.txt", "\ufeff" + ARTICLE))
    assert article.published == dt.date(2023, 6, 15) and article.text.startswith("\ufeff")
    doc = parse(article)
    assert [t.value for t in doc.timexes if t.text == "Thursday"] == ["2023-06-15"]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_crlf_line_ends_give_the_same_records(tmp_path):
    unix = parse(next(read_articles(write(tmp_path, "lf.txt", ARTICLE))))
    windows = parse(next(read_articles(write(tmp_path, "crlf.txt", ARTICLE.replace("\n", "\r\n")))))
    assert [(q.text, q.speaker) for q in windows.quotes] == [(q.text, q.speaker) for q in unix.quotes]
    assert [(t.text, t.value) for t in windows.timexes] == [(t.text, t.value) for t in unix.timexes]
    assert [e.date for e in windows.events] == [e.date for e in unix.events]


def test_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_BYTES", 100)
    path = write(tmp_path, "huge.txt", ARTICLE * 3)
    with pytest.raises(InputError, match=r"huge.txt: .* bytes is over the 100-byte limit"):
        list(read_articles(path))


def test_html_page_gives_its_main_text_title_and_date(tmp_path):
    [article] = read_articles(write(tmp_path, "story.html", HTML))
    assert (article.title, article.published, article.place, article.publisher) == (
        "NATO ministers meet on Ukraine", dt.date(2023, 6, 15), "BRUSSELS", "AP")
    assert "Home" not in article.text and "Copyright" not in article.text
    doc = parse(article)
    assert [q.speaker for q in doc.quotes] == ["Jens Stoltenberg"]
    assert [e.date for e in doc.events if e.trigger == "met"] == ["2023-06-15"]


def test_html_without_article_text_is_refused(tmp_path):
    with pytest.raises(InputError, match="empty.html: no article text found in the HTML"):
        list(read_articles(write(tmp_path, "empty.html", "<html><head><script>var x = 1;</script></head><body></body></html>")))


def test_missing_publication_date_leaves_relative_dates_unresolved(tmp_path):
    [article] = read_articles(write(tmp_path, "undated.txt", ARTICLE.split("\n", 1)[1]))
    assert article.published is None
    doc = parse(article)
    assert [t.value for t in doc.timexes] == ["XXXX-WXX-4", "PRESENT_REF"]
    assert doc.events == [] and [q.speaker for q in doc.quotes] == ["Jens Stoltenberg"]


def test_non_english_text_is_reported(tmp_path):
    with pytest.raises(InputError, match=r"german.txt: does not look like English \(\d+% of \d+ words"):
        list(read_articles(write(tmp_path, "german.txt", GERMAN)))


def test_batch_reports_each_bad_file_and_stores_the_good_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "good.txt", ARTICLE)
    write(folder, "empty.txt", "")
    write(folder, "binary.txt", b"\x00\x01\x02\x03")
    write(folder, "latin1.txt", "caf\xe9".encode("latin-1"))
    write(folder, "german.txt", GERMAN)
    write(folder, "copy.txt", ARTICLE)
    db_path = tmp_path / "f.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db_path), str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert sorted(line.split(":")[1].strip().rsplit("/", 1)[-1] for line in errors) == [
        "binary.txt", "empty.txt", "german.txt", "latin1.txt"]
    assert "good.txt has the same text as article copy" in result.stderr
    assert "1 new, 0 updated, 1 duplicate, 4 failed" in result.stdout
    assert [r["id"] for r in sqlite_utils.Database(db_path)["articles"].rows] == ["copy"]


def test_failure_while_saving_stores_nothing_of_that_article(tmp_path, monkeypatch, seed_doc):
    db = open_db(tmp_path / "f.db")
    original = storage._upsert

    def fail_on_claims(db, table, rows):
        if table == "claims":
            raise RuntimeError("disk full")
        return original(db, table, rows)

    monkeypatch.setattr(storage, "_upsert", fail_on_claims)
    with pytest.raises(RuntimeError, match="disk full"):
        save_document(db, seed_doc)
    assert {t: db[t].count for t in ("articles", "timexes", "events", "quotes", "claims")} == {
        "articles": 0, "timexes": 0, "events": 0, "quotes": 0, "claims": 0}


def test_failure_in_a_batched_ingest_keeps_the_articles_saved_before_it(tmp_path, monkeypatch):
    from factcheck.cli import run_ingest
    from factcheck.inputs import article_from_text

    documents = [parse(article_from_text(ARTICLE.replace("Thursday", day), f"a{n}", f"a{n}.txt", dt.date(2023, 6, 15)))
                 for n, day in enumerate(["Monday", "Tuesday", "Wednesday"])]
    original = storage._upsert

    def fail_on_the_third(db, table, rows):
        if table == "claims" and rows and rows[0]["article_id"] == "a2":
            raise RuntimeError("disk full")
        return original(db, table, rows)

    monkeypatch.setattr(storage, "_upsert", fail_on_the_third)
    db_path = tmp_path / "f.db"
    with pytest.raises(RuntimeError, match="disk full"):
        run_ingest(db_path, [], documents=documents)  # the three share one batch (a transaction of 0.5 s)
    db = sqlite_utils.Database(db_path)
    assert [row["id"] for row in db["articles"].rows] == ["a0", "a1"]
    assert db.execute("select count(*) from timexes where article_id = 'a2'").fetchone()[0] == 0
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


HOSTILE = {  # each stopped the whole batch with a traceback (OverflowError, ValidationError, RecursionError, ...)
    "far-future.txt": "date 9999-12-31\nOfficials said tomorrow that LAST WEEK'S talks came a month before Christmas.\n",
    "far-future.json": json.dumps({"id": "ff", "text": ARTICLE, "published": "9999-12-31"}),
    "typed.jsonl": json.dumps({"id": "t1", "text": ARTICLE.replace("Thursday", "Friday"), "title": 42}) + "\n",
    "url-object.json": json.dumps({"id": "u1", "text": ARTICLE.replace("Thursday", "Monday"), "url": {"href": "x"}}),
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "surrogate.jsonl": '{"id": "s1", "text": "Officials said on Monday \\ud800 that the plan failed."}\n',
}


def test_hostile_files_each_get_an_error_line_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in HOSTILE.items():
        write(folder, name, content)
    write(folder, "zz-good.txt", ARTICLE)
    os.mkfifo(folder / "pipe.txt")  # reading it would wait forever
    missing = tmp_path / "gone.txt"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "f.db"), str(missing), str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    named = sorted(re.match(r"error: (\S+?)(?::| line| item)", line).group(1).rsplit("/", 1)[-1] for line in errors)
    assert named == sorted([*HOSTILE, "pipe.txt", "gone.txt"]), result.stderr
    assert "publication date 9999-12-31 is not between the years" in result.stderr
    assert "title: Input should be a valid string" in result.stderr
    assert "lone surrogate" in result.stderr and "not a regular file" in result.stderr
    assert "1 new, 0 updated, 0 duplicate, 8 failed" in result.stdout
    assert [r["id"] for r in sqlite_utils.Database(tmp_path / "f.db")["articles"].rows] == ["zz-good"]


def test_an_extreme_publication_date_option_is_refused_before_anything_is_read(tmp_path):
    result = CliRunner().invoke(cli, ["extract", "--published", "9999-12-31", str(write(tmp_path, "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "publication date 9999-12-31 is not between the years 1000 and 2999" in result.output


def test_a_file_name_that_is_not_utf8_is_an_error_line_not_a_crash(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"r\xe9port.txt")).write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1 and "r\\udce9port.txt: its id holds an invalid character" in result.stderr


def test_a_fault_of_the_parsers_on_one_file_is_its_error_line(tmp_path, monkeypatch):
    from factcheck import extract

    real_parse = extract.parse

    def parse_or_fail(article, **options):
        if article.id == "bad":
            raise OverflowError("date value out of range")
        return real_parse(article, **options)

    monkeypatch.setattr(extract, "parse", parse_or_fail)
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "bad.txt", ARTICLE)
    write(folder, "good.txt", ARTICLE.replace("Thursday", "Friday"))
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    assert "bad.txt: the parsers failed on it (OverflowError: date value out of range)" in result.stderr
    assert '"source": "good.txt"' in result.stdout


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    write(folder, "a.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    assert "locked: folder cannot be read (Permission denied); its files were not ingested" in result.stderr


def test_files_of_the_same_name_in_two_folders_are_two_articles(tmp_path):
    # x/report.txt and y/report.txt gave "2 new, 1 updated": the second replaced the first without a word
    for folder, day in (("x", "Monday"), ("y", "Tuesday")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        write(tmp_path / "in" / folder, "report.txt", ARTICLE.replace("Thursday", day))
    write(tmp_path / "in", "other.txt", ARTICLE.replace("Thursday", "Friday"))
    for jobs in ("1", "2"):
        db_path = tmp_path / f"f{jobs}.db"
        result = CliRunner().invoke(cli, ["ingest", "--jobs", jobs, "--db", str(db_path), str(tmp_path / "in")])
        assert result.exit_code == 0 and "3 new, 0 updated" in result.stdout, result.output
        db = sqlite_utils.Database(db_path)
        assert sorted((r["id"], r["source"]) for r in db["articles"].rows) == [
            ("other", "other.txt"), ("x/report", "report.txt"), ("y/report", "report.txt")]
        again = CliRunner().invoke(cli, ["ingest", "--jobs", jobs, "--db", str(db_path), str(tmp_path / "in")])
        assert "0 new, 3 updated" in again.stdout


def test_chinese_news_is_refused_as_other_languages_are(tmp_path):
    # Chinese copy has no spaces: a few long "words", too few to judge, so it was stored as English
    chinese = ("北约国防部长周四举行会议，讨论与乌克兰的未来关系，俄罗斯在该国的战争使他们很快加入世界上最大安全联盟的希望破灭。"
               "部长们还将参加另一次会议。")
    with pytest.raises(InputError, match=r"zh.txt: does not look like English"):
        list(read_articles(write(tmp_path, "zh.txt", chinese)))


def test_an_article_over_its_time_budget_is_reported_and_skipped_and_the_batch_goes_on(tmp_path, monkeypatch):
    from factcheck import pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "slow.txt", ARTICLE + "x" * 5000)  # the longer article has the larger budget
    write(folder, "quick.txt", ARTICLE.replace("Thursday", "Friday"))
    monkeypatch.setattr(pipeline, "BUDGET_SECONDS", -1.0)
    monkeypatch.setattr(pipeline, "BUDGET_SECONDS_PER_MB", 2000.0)  # about 9 s for the 5 KB article, none for the other
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "f.db"), str(folder)])
    assert result.exit_code == 1
    assert "quick.txt: parsing took over its budget of -1 s (stage 'segment'); skipped" in result.stderr
    assert [r["id"] for r in sqlite_utils.Database(tmp_path / "f.db")["articles"].rows] == ["slow"]


@pytest.mark.parametrize("published", [dt.date(1000, 1, 1), dt.date(2999, 12, 31)])
def test_dates_anchored_at_the_ends_of_the_calendar_are_dates_or_nothing_never_a_crash(published):
    # "last winter" published on 1000-01-01 reached year 999, written "999-WI", and the season lookup failed
    text = ("Officials said last winter was hard, that the plan failed last summer and would be tried "
            "next fall, in 3,000 years and 10,000,000 days from now, on Christmas, tomorrow and last week.")
    doc = parse(article_from_text(text, "edge", "edge.txt", published))
    assert doc.timexes and all(t.date_start is None or 1 <= t.date_start.year for t in doc.timexes)
