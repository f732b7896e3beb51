"""Ingest speed over a corpus: extract-only and extract + store, --jobs 1 and 2, against
``dateparser.search.search_dates`` over the same texts in the same run.

    python benchmarks/bench_ingest.py [CORPUS_DIR] [--limit N] [--repeat N] [--skip-baseline]

CORPUS_DIR defaults to ../shared/corpora/polnear-train (840 articles, about 4 MB). Prints articles/s,
MB/s and peak memory (max RSS of a child process) for each mode, and the ratios. "extract" is what
``factcheck extract`` does (JSON lines, here to /dev/null); "extract + store" is ``factcheck ingest`` into a new
database. With ``--repeat N`` the modes run N times, interleaved (so that a slow spell of a shared machine
hits them alike): the times are medians and each speed-up is also given for every round.
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
    from factcheck.cli import cli
    import contextlib, os
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        cli.main(["extract", "--published", "{published}", "--jobs", str(jobs), *map(str, files)], standalone_mode=False)
    count = len(files)
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


def median_run(results: list[dict]) -> dict:
    """The middle run by time (the slower of the two middle ones for an even count)."""
    return sorted(results, key=lambda r: r["seconds"])[len(results) // 2]


def report(label: str, results: list[dict], megabytes: float) -> float:
    """Print the median run of a mode; returns its seconds."""
    result = median_run(results)
    seconds = result["seconds"]
    spread = f" (runs {min(r['seconds'] for r in results):.2f}-{max(r['seconds'] for r in results):.2f} s)" \
        if len(results) > 1 else ""
    print(f"{label:<34} {seconds:7.2f} s {result['count'] / seconds:8.1f} articles/s {megabytes / seconds:6.3f} MB/s"
          f"  peak {max(r['peak_kb'] for r in results) / 1024:6.0f} MB{spread}")
    return seconds


def speed_up(one: list[dict], two: list[dict]) -> str:
    rounds = [a["seconds"] / b["seconds"] for a, b in zip(one, two)]
    each = f" (rounds: {', '.join(f'{r:.2f}' for r in rounds)})" if len(rounds) > 1 else ""
    return f"{median_run(one)['seconds'] / median_run(two)['seconds']:.2f}x{each}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every mode (default 3)")
    parser.add_argument("--skip-baseline", action="store_true", help="do not time search_dates")
    args = parser.parse_args()
    files = [str(p) for p in sorted(args.corpus.glob("*.txt"))][: args.limit]
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    print(f"{len(files)} articles, {megabytes:.2f} MB from {args.corpus}; {os.cpu_count()} cores; {dt.date.today()}")
    modes = [("extract", 1), ("extract", 2), ("ingest", 1), ("ingest", 2)]
    if not args.skip_baseline:
        modes.append(("search_dates", 1))
    results: dict[tuple[str, int], list[dict]] = {mode: [] for mode in modes}
    for _ in range(args.repeat):
        for mode, jobs in modes:
            results[(mode, jobs)].append(run(mode, files, jobs))
    extract_1 = report("extract, --jobs 1", results[("extract", 1)], megabytes)
    report("extract, --jobs 2", results[("extract", 2)], megabytes)
    ingest_1 = report("extract + store, --jobs 1", results[("ingest", 1)], megabytes)
    report("extract + store, --jobs 2", results[("ingest", 2)], megabytes)
    print(f"speed-up with --jobs 2: extract {speed_up(results[('extract', 1)], results[('extract', 2)])}")
    print(f"                        ingest  {speed_up(results[('ingest', 1)], results[('ingest', 2)])}")
    if not args.skip_baseline:
        baseline = report("dateparser search_dates only", results[("search_dates", 1)], megabytes)
        print(f"ratio to search_dates: extract {baseline / extract_1:.2f}x, ingest {baseline / ingest_1:.2f}x (one process)")


if __name__ == "__main__":
    main()
