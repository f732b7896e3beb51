"""The command line, through click's runner, checked against the evaluation contract and the README."""

from __future__ import annotations

import json
import os
import re

import pytest
import sqlite_utils
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.editors import add_editor
from factcheck.ids import stable_id
from factcheck.storage import open_db

from conftest import ROOT, SEED, SHARED, schema_of

TIMEX_KEYS = {"start", "end", "text", "type", "value"}
QUOTE_KEYS = {"start", "end", "text", "direct", "speaker", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end"}
EVENT_KEYS = {"start", "end", "trigger_start", "trigger_end", "date", "date_start", "date_end"}


def test_extract_prints_the_prediction_contract():
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(SEED)])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    obj = json.loads(line)
    assert obj["source"] == "000_4074f54713a64406.txt"
    assert set(obj) >= {"source", "article", "timexes", "events", "quotes", "claims"}
    assert TIMEX_KEYS <= set(obj["timexes"][0])
    assert QUOTE_KEYS <= set(obj["quotes"][0])
    assert EVENT_KEYS <= set(obj["events"][0])
    text = obj["article"]["text"]
    assert all(text[t["start"] : t["end"]] == t["text"] for t in obj["timexes"] + obj["quotes"])


def test_extract_jsonl_input_uses_record_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "doc7", "text": "He said it rained on Monday.", "published": "2016-10-13"}) + "\n")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert json.loads(result.output)["source"] == "doc7"


def test_extract_reports_a_bad_file_and_continues(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "good.txt").write_text("date 2023-06-15\nTroops withdrew Thursday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["good.txt"]
    assert "bad.txt: binary file" in result.stderr


def test_ingest_twice_is_idempotent_and_prints_a_summary(tmp_path):
    db_path = tmp_path / "db" / "f.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", "--db", str(db_path), str(SEED.parent)])
    db = sqlite_utils.Database(db_path)
    # the first load into an empty database builds its indexes and search at the end, and builds them all
    assert schema_of(db) == schema_of(open_db(tmp_path / "reference.db"))
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'Stoltenberg'").fetchone()[0] > 0
    second = runner.invoke(cli, ["ingest", "--db", str(db_path), str(SEED.parent)])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "1 new, 0 updated" in first.stdout and "0 new, 1 updated" in second.stdout
    assert sqlite_utils.Database(db_path)["quotes"].count == 3


def test_review_command_appends_to_history(tmp_path, monkeypatch):
    db_path = tmp_path / "f.db"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", "--db", str(db_path), str(SEED)])
    db = sqlite_utils.Database(db_path)
    [claim_id] = [r["id"] for r in db["claims"].rows_where("text = ?", ["NATO has no official presence in Ukraine"])]
    add_editor(tmp_path / "editors", "alice", "a long enough password")
    monkeypatch.setenv("FACTCHECK_EDITORS_DIR", str(tmp_path / "editors"))
    ok = runner.invoke(cli, ["review", "claim", claim_id, "--status", "verified", "--by", "alice", "--db", str(db_path)])
    bad = runner.invoke(cli, ["review", "claim", claim_id, "--status", "maybe", "--by", "alice", "--db", str(db_path)])
    assert ok.exit_code == 0 and bad.exit_code != 0 and "unknown review status 'maybe'" in bad.output
    # "--by bob" was accepted though bob is no editor
    stranger = runner.invoke(cli, ["review", "claim", claim_id, "--status", "false", "--by", "bob", "--db", str(db_path)])
    assert stranger.exit_code == 1 and "'bob' is no editor" in stranger.output and "factcheck add-editor bob" in stranger.output
    assert [r["status"] for r in db["reviews"].rows] == ["verified"]


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"factcheck {name}\b", readme), f"factcheck {name} is not in README.md"


def test_reviews_export_csv_and_json(tmp_path, monkeypatch):
    db_path = tmp_path / "f.db"
    runner = CliRunner()
    add_editor(tmp_path / "editors", "alice", "a long enough password")
    monkeypatch.setenv("FACTCHECK_EDITORS_DIR", str(tmp_path / "editors"))
    runner.invoke(cli, ["ingest", "--db", str(db_path), str(SEED)])
    [claim_id] = [r["id"] for r in sqlite_utils.Database(db_path)["claims"].rows_where(
        "text = ?", ["NATO has no official presence in Ukraine"])]
    runner.invoke(cli, ["review", "claim", claim_id, "--status", "verified", "--note", "NATO site",
                        "--evidence-url", "https://www.nato.int/", "--by", "alice", "--db", str(db_path)])
    as_json = runner.invoke(cli, ["reviews", "export", "--format", "json", "--db", str(db_path)])
    [row] = json.loads(as_json.stdout)
    assert (row["record_id"], row["status"], row["reviewer"], row["record_text"]) == (
        claim_id, "verified", "alice", "NATO has no official presence in Ukraine")
    as_csv = runner.invoke(cli, ["reviews", "export", "--db", str(db_path)])
    header, line = as_csv.stdout.splitlines()
    assert header.startswith("id,record_kind,record_id,status") and ",verified,NATO site," in line


def test_add_editor_stores_only_a_hash(tmp_path):
    result = CliRunner().invoke(cli, ["add-editor", "alice", "--editors", str(tmp_path), "--password-stdin"],
                                input="correct horse battery\n")
    assert result.exit_code == 0, result.output
    stored = (tmp_path / "alice.hash").read_text()
    assert stored.startswith("pbkdf2_sha256$") and "correct horse" not in stored
    assert oct((tmp_path / "alice.hash").stat().st_mode & 0o777) == "0o600"
    short = CliRunner().invoke(cli, ["add-editor", "bob", "--editors", str(tmp_path), "--password-stdin"], input="x\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.stderr


def test_parallel_extraction_gives_the_same_output_in_the_same_order(tmp_path):
    corpus = SHARED / "corpora" / "meantime-dev"
    files = [str(p) for p in sorted(corpus.glob("*.txt"))[:12]]
    one = CliRunner().invoke(cli, ["extract", "--jobs", "1", *files])
    two = CliRunner().invoke(cli, ["extract", "--jobs", "2", *files])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == 12


def _dump(db_path, tables=("articles", "events", "timeline_entries")):
    db = sqlite_utils.Database(db_path)
    return {table: sorted(map(tuple, db.execute(f"select * from [{table}]").fetchall())) for table in tables}


def test_parallel_ingest_stores_what_a_serial_ingest_stores(tmp_path):
    corpus = SHARED / "corpora" / "polnear-dev"
    files = [str(p) for p in sorted(corpus.glob("*.txt"))[:10]] + [str(SEED)]
    dumps = []
    for jobs in ("1", "2"):
        db_path = tmp_path / f"jobs{jobs}.db"
        result = CliRunner().invoke(cli, ["ingest", "--db", str(db_path), "--jobs", jobs, *files])
        assert result.exit_code == 0, result.output
        dumps.append(_dump(db_path, ("articles", "timexes", "events", "quotes", "claims", "people", "timeline_entries")))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["articles"]) == 11 and len(dumps[0]["quotes"]) > 20 and len(dumps[0]["people"]) > 10


def test_parallel_first_load_links_in_publication_order_as_a_serial_load_does(tmp_path):
    # articles out of date order across files, a copy of one text under another id, and curated entries:
    # --jobs 2 parses in publication order and links while it stores; the result must not differ
    from factcheck.extract import publication_order

    corpus = SHARED / "corpora" / "polnear-train"
    gold = {json.loads(line)["id"]: json.loads(line) for line in (corpus / "gold.jsonl").open()}
    ids = sorted(gold)[:24]
    parts = [ids[16:], ids[:8], ids[8:16]]  # the first file's articles are not the earliest
    for number, part in enumerate(parts):
        lines = [json.dumps({"id": i, "text": (corpus / f"{i}.txt").read_text(), "published": gold[i]["published"]})
                 for i in part]
        (tmp_path / f"part{number}.jsonl").write_text("\n".join(lines) + "\n")
    copy = tmp_path / "zz_copy.txt"
    copy.write_text((corpus / f"{ids[3]}.txt").read_text())
    files = [tmp_path / "part0.jsonl", tmp_path / "part1.jsonl", copy, tmp_path / "part2.jsonl"]
    order = publication_order(files)  # the copy comes after the text it repeats: it is parsed last
    assert order is not None and order.files[-1] == copy and len(order.article_ids) == 24
    firsts = [min(gold[i]["published"] for i in part) for part in parts]
    assert order.files[:-1] == [tmp_path / f"part{n}.jsonl" for n in sorted(range(3), key=firsts.__getitem__)]
    dumps = []
    for jobs in ("1", "2"):
        db_path = tmp_path / f"jobs{jobs}.db"
        result = CliRunner().invoke(cli, ["ingest", "--db", str(db_path), "--jobs", jobs,
                                          "--timeline", str(ROOT / "seeds" / "timeline.yml"), *map(str, files)])
        assert result.exit_code == 0, result.output
        assert "1 duplicate" in result.output or "1 duplicate" in result.stderr
        dumps.append(_dump(db_path))
    assert dumps[0] == dumps[1]
    linked = sqlite_utils.Database(tmp_path / "jobs2.db").execute("select count(entry_id) from events").fetchone()[0]
    assert len(dumps[0]["articles"]) == 24 and linked > 100


def test_parallel_first_load_makes_the_entry_from_the_earliest_article_not_the_first_read(tmp_path):
    # the later story comes first in the file: the timeline entry both share is still the earlier story's
    stories = [("later", "2016-01-08", "met in Paris on Monday to sign the climate treaty, officials said."),
               ("earlier", "2016-01-05", "met in Paris on Monday and signed a climate treaty.")]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(
        {"id": key, "published": day, "text": f"PARIS (AP) — Presidents Alan Smith and Boris Jones {rest}\n"}) + "\n"
        for key, day, rest in stories))
    (tmp_path / "other.jsonl").write_text(json.dumps({"id": "other", "published": "2016-01-02", "text": "Nothing."}) + "\n")
    files = [str(tmp_path / "news.jsonl"), str(tmp_path / "other.jsonl")]
    for jobs in ("1", "2"):
        db_path = tmp_path / f"jobs{jobs}.db"
        result = CliRunner().invoke(cli, ["ingest", "--db", str(db_path), "--jobs", jobs, *files])
        assert result.exit_code == 0, result.output
        db = sqlite_utils.Database(db_path)
        entries = {row[0] for row in db.execute("select entry_id from events where trigger = 'met'").fetchall()}
        earlier = db.execute("select id from events where article_id = 'earlier' and trigger = 'met'").fetchone()[0]
        assert entries == {stable_id("tl", earlier)}  # one entry for both stories, made from the earlier one
    assert _dump(tmp_path / "jobs1.db") == _dump(tmp_path / "jobs2.db")


def test_waiting_for_a_server_that_exited_names_its_error():
    import subprocess
    import sys

    from factcheck.serving import wait_until_serving

    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit('no such database')"],
                               stderr=subprocess.PIPE)
    process.wait()
    with pytest.raises(RuntimeError, match="no such database"):
        wait_until_serving("http://127.0.0.1:9", process, timeout=5)


def test_jobs_zero_means_one_worker_per_core(tmp_path, monkeypatch):
    import os

    import factcheck.cli as cli_module

    seen = []
    monkeypatch.setattr(cli_module, "run_ingest", lambda db, paths, published, timeline, jobs: seen.append(jobs) or 0)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "f.db"), "--jobs", "0", str(SEED)])
    assert result.exit_code == 0, result.output
    assert seen == [os.cpu_count() or 1]
    assert CliRunner().invoke(cli, ["ingest", "--jobs", "-1", str(SEED)]).exit_code == 2


def _worker_state(_: int) -> tuple[int, int, int]:
    from factcheck.quote_patterns import compiled
    from factcheck.timex_rules import date_rules

    return os.nice(0), date_rules.cache_info().currsize, compiled.cache_info().currsize


def test_workers_start_warm_and_yield_the_cpu_to_the_writer():
    """Workers compile their patterns as they start (while the writer reads the inputs for their order) and
    run below the writer's priority, so that it keeps up with them instead of finishing a backlog alone."""
    from factcheck.extract import WORKER_NICENESS, worker_pool

    if not hasattr(os, "nice") or os.nice(0) + WORKER_NICENESS > 19:
        pytest.skip("no room to lower the priority here")
    with worker_pool(2) as pool:
        states = pool.map(_worker_state, range(2), chunksize=1)
    for niceness, date_rules_built, quote_patterns_built in states:
        assert niceness == os.nice(0) + WORKER_NICENESS
        assert date_rules_built and quote_patterns_built  # before any work arrived


@pytest.mark.parametrize("name", ["carol_password_hash_z", "bob\n", "Bob", "_x", "a/b", "x" * 41])
def test_add_editor_refuses_unsafe_or_ambiguous_names(tmp_path, name):
    # "carol_password_hash_z" gave carol a second password; "bob\n" made a file "bob\n.hash"
    result = CliRunner().invoke(cli, ["add-editor", name, "--editors", str(tmp_path), "--password-stdin"],
                                input="a long enough password\n")
    assert result.exit_code == 1 and "editor name" in result.output
    assert list(tmp_path.iterdir()) == []
