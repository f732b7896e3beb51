"""Extraction speed against dateparser's search_dates on the same texts, in the same run.

    python benchmarks/bench_extract.py [CORPUS_DIR] [--limit N]

Prints documents/s and characters/s for the full pipeline, for the timex stages alone and for
``dateparser.search.search_dates``, and the ratios. CORPUS_DIR defaults to
../shared/corpora/tempeval3-train (any folder of .txt files works).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import tracemalloc
from pathlib import Path

from factcheck.inputs import article_from_text
from factcheck.pipeline import STAGES, parse

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tempeval3-train"
PUBLISHED = dt.date(1998, 1, 1)


def timed(label: str, function, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        function(text)
    seconds = time.perf_counter() - start
    chars = sum(map(len, texts))
    print(f"{label:<28} {seconds:8.2f} s  {len(texts) / seconds:9.1f} docs/s  {chars / seconds / 1e6:7.3f} MB/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))][: args.limit]
    print(f"{len(texts)} documents, {sum(map(len, texts)):,} characters from {args.corpus}")

    def full(text: str) -> None:
        parse(article_from_text(text, "bench", "bench.txt", PUBLISHED))

    timex_only = {stage.name for stage in STAGES} - {"segment", "timexes", "anchor"}

    def timexes(text: str) -> None:
        parse(article_from_text(text, "bench", "bench.txt", PUBLISHED), skip=timex_only)

    from dateparser.search import search_dates

    def baseline(text: str) -> None:
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(1998, 1, 1)})

    full(texts[0])  # load resources and compile rules once, outside the timing
    pipeline_s = timed("factcheck full pipeline", full, texts)
    tracemalloc.start()  # a separate pass: tracing slows the code it measures
    for text in texts:
        full(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timex_s = timed("factcheck timex stages", timexes, texts)
    baseline(texts[0])
    baseline_s = timed("dateparser search_dates", baseline, texts)
    print(f"peak traced memory (full pipeline): {peak / 1e6:.1f} MB")
    print(f"ratio: full pipeline is {baseline_s / pipeline_s:.1f}x faster than search_dates; "
          f"timex stages {baseline_s / timex_s:.1f}x")


if __name__ == "__main__":
    main()
