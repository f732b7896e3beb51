"""Ingest speed over a corpus: extract-only and extract + store, --jobs 1 and 2, against
``dateparser.search.search_dates`` over the same texts in the same run.

    python benchmarks/bench_ingest.py [CORPUS_DIR] [--limit N] [--skip-baseline]

CORPUS_DIR defaults to ../shared/corpora/polnear-train (840 articles, about 4 MB). Prints articles/s,
MB/s and peak memory (max RSS of a child process) for each mode, and the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear-train"
PUBLISHED = "2016-06-01"

CHILD = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
mode, jobs, files = sys.argv[1], int(sys.argv[2]), [Path(p) for p in sys.argv[4:]]
start = time.perf_counter()
if mode == "extract":
    from factcheck.extract import iter_documents
    count = sum(1 for _ in iter_documents(files, dt.date.fromisoformat("{published}"), jobs))
elif mode == "ingest":
    from factcheck.cli import run_ingest
    import contextlib, io
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        run_ingest(Path(sys.argv[3]), files, dt.date.fromisoformat("{published}"), jobs=jobs)
    count = len(files)
else:
    from dateparser.search import search_dates
    count = 0
    for path in files:
        search_dates(path.read_text(encoding="utf-8"), languages=["en"],
                     settings={{"RELATIVE_BASE": dt.datetime(2016, 6, 1)}})
        count += 1
seconds = time.perf_counter() - start
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"seconds": seconds, "count": count,
                  "peak_kb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children)}}))
""".format(published=PUBLISHED)


def run(mode: str, files: list[str], jobs: int = 1) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        db = os.path.join(folder, "bench.db")
        out = subprocess.run([sys.executable, "-c", CHILD, mode, str(jobs), db, *files],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(label: str, result: dict, megabytes: float) -> float:
    seconds = result["seconds"]
    print(f"{label:<34} {seconds:7.2f} s {result['count'] / seconds:8.1f} articles/s {megabytes / seconds:6.3f} MB/s"
          f"  peak {result['peak_kb'] / 1024:6.0f} MB")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--skip-baseline", action="store_true", help="do not time search_dates")
    args = parser.parse_args()
    files = [str(p) for p in sorted(args.corpus.glob("*.txt"))][: args.limit]
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"{len(files)} articles, {megabytes:.2f} MB from {args.corpus}; {os.cpu_count()} cores; {dt.date.today()}")
    extract_1 = report("extract only, --jobs 1", run("extract", files, 1), megabytes)
    extract_2 = report("extract only, --jobs 2", run("extract", files, 2), megabytes)
    ingest_1 = report("extract + store, --jobs 1", run("ingest", files, 1), megabytes)
    ingest_2 = report("extract + store, --jobs 2", run("ingest", files, 2), megabytes)
    print(f"speed-up with --jobs 2: extract {extract_1 / extract_2:.2f}x, ingest {ingest_1 / ingest_2:.2f}x")
    if not args.skip_baseline:
        baseline = report("dateparser search_dates only", run("search_dates", files), megabytes)
        print(f"ratio to search_dates: extract {baseline / extract_1:.2f}x, ingest {baseline / ingest_1:.2f}x (one process)")


if __name__ == "__main__":
    main()
