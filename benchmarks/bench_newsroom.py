"""A realistic newsroom folder, end to end: assemble it, ingest it with ``--jobs 2``, serve it, use the site.

    python benchmarks/bench_newsroom.py [--limit N] [--jobs 2] [--port 8124] [--keep DIR]

The folder mixes what a desk receives (built from ``../shared/corpora``): polnear-train and polnear-dev
``.txt`` articles dated only by their file names, meantime-dev articles with their corpus files beside them
(``gold.jsonl``, ``stats.json``, ``README.md``), tempeval3-train as one JSON Lines file of records, one HTML
page per hundred articles, and a few bad files (empty, binary, not UTF-8, not English, broken JSON). It is
ingested into ``newsroom.db`` (not ``factcheck.db``: the site must work whatever the file is called), then

- the ingest summary's counts are checked against the database;
- ``factcheck serve`` publishes it and every table page, canned query, the timeline and the review queue
  must answer (the timeline and the queue within 1 s);
- a second ingest of the same folder must change no stored row.

It prints the articles, records, seconds and each page's latency, and exits 1 when a check fails.
``tests/test_newsroom.py`` runs the same with a few dozen articles.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
HTML_EVERY = 100  # one article in a hundred arrives as a web page
FAST_PAGES = ("/-/factcheck/timeline", "/{db}/unreviewed_claims")  # must answer within FAST_SECONDS
FAST_SECONDS = 1.0
# files that are no article, beside the articles of a corpus folder
CORPUS_FILES = ("gold.jsonl", "stats.json", "README.md")
BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin1.txt": "Le ministre a déclaré jeudi que la réforme était nécessaire.".encode("latin-1"),
    "german.txt": ("Die Verteidigungsminister der NATO trafen sich am Donnerstag in Brüssel, um über die künftigen "
                   "Beziehungen zur Ukraine zu beraten. Russlands Krieg machte ihre Hoffnungen zunichte, bald dem "
                   "größten Sicherheitsbündnis der Welt beizutreten. Die Minister sollten außerdem an einem weiteren "
                   "Treffen im Hauptquartier teilnehmen, wo Verbündete Waffen und Munition sammeln.").encode("utf-8"),
    "broken.jsonl": b'{"id": "b1", "text": "Officials said on Monday that',
}


@dataclass
class Corpus:
    """The assembled folder and what a correct ingest of it must report."""

    folder: Path
    articles: int = 0  # distinct article texts
    bad: list[str] = field(default_factory=list)  # files that must fail
    not_articles: list[str] = field(default_factory=list)  # files that must be skipped


def assemble(folder: Path, limit: int | None = None, html_every: int = HTML_EVERY) -> Corpus:
    """Build the folder from the shared corpora; ``limit`` caps the articles taken from each corpus, and one
    polnear article in ``html_every`` arrives as a web page."""
    corpus = Corpus(folder)
    news = folder / "polnear"
    news.mkdir(parents=True)
    polnear = sorted((CORPORA / "polnear-train").glob("*.txt")) + sorted((CORPORA / "polnear-dev").glob("*.txt"))
    for number, path in enumerate(polnear[:limit]):
        if number % html_every == html_every // 2:
            (folder / f"{path.stem}.html").write_text(as_web_page(path), encoding="utf-8")
        else:
            (news / path.name).write_bytes(path.read_bytes())
        corpus.articles += 1
    wiki = folder / "meantime"
    wiki.mkdir()
    for path in sorted((CORPORA / "meantime-dev").glob("*.txt"))[:limit]:
        (wiki / path.name).write_bytes(path.read_bytes())
        corpus.articles += 1
    for name in CORPUS_FILES:
        (wiki / name).write_bytes((CORPORA / "meantime-dev" / name).read_bytes())
        if name != "README.md":  # not an input suffix: never looked at
            corpus.not_articles.append(name)
    records = []
    for gold in read_jsonl(CORPORA / "tempeval3-train" / "gold.jsonl")[:limit]:
        text = (CORPORA / "tempeval3-train" / gold["source"]).read_text(encoding="utf-8")
        records.append({"id": gold["id"], "text": text, "published": gold["dct"]})
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    corpus.articles += len(records)
    bad = folder / "inbox"
    bad.mkdir()
    for name, content in BAD_FILES.items():
        (bad / name).write_bytes(content)
        corpus.bad.append(name)
    return corpus


def as_web_page(path: Path) -> str:
    """A polnear article as a newspaper's web page: navigation, the story, its date in the metadata, a footer."""
    date = re.search(r"\d{4}-\d{2}-\d{2}", path.stem)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, body = (lines[0], lines[1:]) if len(lines) > 1 else (path.stem, lines)
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body)
    published = f'<meta property="article:published_time" content="{date.group(0)}T09:00:00Z">' if date else ""
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>{published}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/politics'>Politics</a></nav><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article><footer>Copyright 2016</footer></body></html>")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ingest(folder: Path, db_path: Path, jobs: int) -> tuple[subprocess.CompletedProcess, float]:
    """``factcheck ingest`` as a user runs it; the finished process and its seconds."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck", "ingest", "--db", str(db_path), "--jobs", str(jobs),
                           str(folder)], capture_output=True, text=True, cwd=ROOT)
    return done, time.perf_counter() - started


def summary_counts(stdout: str) -> dict[str, int]:
    """The numbers of the summary line ``DB: 3 new, 0 updated, ... failed articles; 10 timexes, ...``."""
    return {name: int(number) for number, name in re.findall(r"(\d+) (new|updated|duplicate|failed|timexes|events|"
                                                             r"quotes|claims|mentions linked)", stdout)}


def check_counts(corpus: Corpus, done: subprocess.CompletedProcess, db_path: Path) -> list[str]:
    """Problems with a first ingest's summary: against the folder and against the database."""
    problems = []
    counts = summary_counts(done.stdout)
    db = sqlite_utils.Database(db_path)
    if done.returncode != 1:  # the bad files fail, and only they
        problems.append(f"exit status {done.returncode}, expected 1 (bad files)")
    if counts.get("failed") != len(corpus.bad):
        problems.append(f"{counts.get('failed')} failed, expected {len(corpus.bad)}: {done.stderr[-2000:]}")
    for name in corpus.bad:
        if not re.search(rf"error: \S*{re.escape(name)}\b", done.stderr):
            problems.append(f"no error line names {name}")
    skipped = re.search(r"skipped (\d+) files? that (?:is|are) not", done.stdout)
    if not skipped or int(skipped.group(1)) != len(corpus.not_articles):
        problems.append(f"skipped line {skipped and skipped.group(0)!r}, expected {len(corpus.not_articles)} files")
    stored = {"new": db["articles"].count, **{t: db[t].count for t in ("timexes", "events", "quotes", "claims")}}
    for name, count in stored.items():
        if counts.get(name) != count:
            problems.append(f"summary says {counts.get(name)} {name}, the database holds {count}")
    if counts.get("new", 0) + counts.get("duplicate", 0) != corpus.articles:
        problems.append(f"{counts.get('new')} new + {counts.get('duplicate')} duplicate, expected {corpus.articles}")
    undated = db.execute("select count(*) from articles where published is null").fetchone()[0]
    if undated:
        problems.append(f"{undated} articles stored without a publication date")
    return problems


def fingerprint(db_path: Path) -> dict[str, str]:
    """A hash of every row of every table (sorted), to tell whether an ingest changed anything."""
    db = sqlite_utils.Database(db_path)
    found = {}
    for table in db.table_names():
        if table.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
            continue
        digest = hashlib.sha256()
        for row in sorted(repr(tuple(row)) for row in db.execute(f"select * from [{table}]").fetchall()):
            digest.update(row.encode())
        found[table] = digest.hexdigest()
    return found


def site_pages(db_name: str) -> list[str]:
    """Every table page, every canned query (with its parameters empty), the timeline and the review queue."""
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    block = metadata["databases"]["factcheck"]
    pages = [f"/{db_name}", *(f"/{db_name}/{table}" for table in block["tables"])]
    for name, query in block["queries"].items():
        params = sorted(set(re.findall(r":(\w+)", query["sql"])))
        pages.append(f"/{db_name}/{name}" + ("?" + urllib.parse.urlencode({p: "" for p in params}) if params else ""))
    return [*pages, *(page.format(db=db_name) for page in FAST_PAGES)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_site(db_path: Path, port: int | None = None, rounds: int = 3) -> tuple[dict[str, float], list[str]]:
    """Serve ``db_path`` with ``factcheck serve`` and fetch every page ``rounds`` times: the median seconds of
    each page, and the problems (a page that does not answer 200, a slow timeline or queue)."""
    from factcheck.serving import wait_until_serving

    port = port or free_port()
    server = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--db", str(db_path), "--port", str(port),
                               "--metadata", str(ROOT / "metadata.yml")], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    latency, problems = {}, []
    try:
        wait_until_serving(base, server)
        for page in site_pages(db_path.stem):
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + page, timeout=60) as response:
                        response.read()
                except urllib.error.HTTPError as exc:
                    problems.append(f"{page}: HTTP {exc.code}")
                    break
                times.append(time.perf_counter() - started)
            if times:
                latency[page] = sorted(times)[len(times) // 2]
        for page in FAST_PAGES:
            page = page.format(db=db_path.stem)
            if latency.get(page, 0) > FAST_SECONDS:
                problems.append(f"{page}: {latency[page]:.2f} s, over {FAST_SECONDS:.0f} s")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return latency, problems


def run(folder: Path, limit: int | None, jobs: int, port: int | None = None,
        html_every: int = HTML_EVERY) -> tuple[dict, list[str]]:
    """Assemble, ingest, serve, re-ingest; the figures and the problems found."""
    corpus = assemble(folder / "news", limit, html_every)
    db_path = folder / "newsroom.db"
    first, seconds = ingest(corpus.folder, db_path, jobs)
    problems = check_counts(corpus, first, db_path)
    latency, site_problems = check_site(db_path, port)
    problems += site_problems
    before = fingerprint(db_path)
    second, again = ingest(corpus.folder, db_path, jobs)
    changed = [table for table, digest in fingerprint(db_path).items() if before.get(table) != digest]
    if changed:
        problems.append(f"a second ingest changed {', '.join(changed)}")
    counts = summary_counts(first.stdout)
    figures = {"articles": counts.get("new", 0), "duplicates": counts.get("duplicate", 0),
               "records": {t: counts.get(t, 0) for t in ("timexes", "events", "quotes", "claims")},
               "mentions_linked": counts.get("mentions linked", 0), "failed_files": counts.get("failed", 0),
               "ingest_seconds": round(seconds, 2), "second_ingest_seconds": round(again, 2),
               "second_ingest": summary_counts(second.stdout),
               "page_ms": {page: round(1000 * s, 1) for page, s in latency.items()}}
    return figures, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="articles taken from each corpus (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="build in this (new) folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        figures, problems = run(folder, args.limit, args.jobs, args.port)
    print(f"{figures['articles']} articles ({figures['duplicates']} duplicates, {figures['failed_files']} bad files) "
          f"in {figures['ingest_seconds']} s with --jobs {args.jobs}: "
          + ", ".join(f"{n} {t}" for t, n in figures["records"].items())
          + f"; {figures['mentions_linked']} mentions linked; second ingest {figures['second_ingest_seconds']} s")
    print(f"{'page':<58} {'median ms':>10}")
    for page, ms in figures["page_ms"].items():
        print(f"{page:<58} {ms:10.1f}")
    print(json.dumps(figures))
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
