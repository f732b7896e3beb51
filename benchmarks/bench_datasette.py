"""Datasette at scale: page latencies over HTTP on a database of 1,000,000 claims and 200,000 events.

    python benchmarks/bench_datasette.py [--claims 1000000] [--events 200000] [--requests 20] [--keep DB]

Builds the database by ingesting polnear-dev and replicating its claims and events under new ids
(sqlite-utils, full-text index rebuilt once at the end), serves it with ``factcheck serve``, then prints
median and p95 latency of: the claims table page with its facets, a full-text search, a filtered facet
view, and the timeline canned query.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import sqlite_utils

from factcheck.serving import wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear-dev"
PAGES = {
    "claims table with facets": "/factcheck/claims",
    "full-text search": "/factcheck/claims?_search=president",
    "filtered facet view": "/factcheck/claims?review_status=unreviewed&kind=quote&_facet=claimant",
    "timeline canned query": "/factcheck/timeline?from=&to=",
}


def build(path: Path, claims: int, events: int) -> None:
    subprocess.run([sys.executable, "-m", "factcheck", "ingest", "--db", str(path), "--published", "2016-10-01",
                    *map(str, sorted(CORPUS.glob("*.txt")))], check=True, capture_output=True)
    db = sqlite_utils.Database(path)
    for table, target in (("claims", claims), ("events", events)):
        template = list(db[table].rows)
        have = len(template)
        started = time.perf_counter()
        db[table].disable_fts()
        rows = ({**row, "id": f"{row['id']}_{n}"} for n, row in
                zip(range(target - have), itertools.cycle(template)))
        db[table].insert_all(rows, batch_size=5000)
        print(f"{table}: {db[table].count:,} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    for table, columns in (("claims", ["text", "claimant"]), ("events", ["description", "text"])):
        db[table].enable_fts(columns, create_triggers=True, tokenize="porter", replace=True)
    db.execute("analyze")
    db.close()


def measure(base: str, path: str, requests: int) -> tuple[float, float]:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=120) as response:
            response.read()
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--keep", type=Path, default=None,
                        help="a folder to build (or reuse) factcheck.db in (the canned queries need that name)")
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = (args.keep or Path(folder.name)) / "factcheck.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build(path, args.claims, args.events)
    db = sqlite_utils.Database(path)
    print(f"{db['claims'].count:,} claims, {db['events'].count:,} events, {os.path.getsize(path) / 1e6:.0f} MB; "
          f"{os.cpu_count()} cores")
    server = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--db", str(path), "--port", str(args.port),
                               "--metadata", str(ROOT / "metadata.yml")], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_serving(base, server)
        print(f"{'page':<28} {'median ms':>10} {'p95 ms':>8}")
        results = {}
        for name, page in PAGES.items():
            urllib.request.urlopen(base + page, timeout=300).read()  # warm the page cache
            median, p95 = measure(base, page, args.requests)
            results[name] = {"median_ms": round(median, 1), "p95_ms": round(p95, 1)}
            print(f"{name:<28} {median:10.1f} {p95:8.1f}")
        print(json.dumps(results))
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
