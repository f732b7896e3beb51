"""Extraction speed against dateparser's search_dates on the same texts, in the same run.

    python benchmarks/bench_extract.py [CORPUS_DIR] [--limit N]

Prints documents/s and characters/s for the full pipeline, for the timex stages alone and for
``dateparser.search.search_dates``, and the ratios. CORPUS_DIR defaults to
../shared/corpora/tempeval3-train (any folder of .txt files works). Also prints the quote stage alone
(on already segmented articles) over QUOTES_DIR, default ../shared/corpora/polnear-train. Each figure is
the best of ``--repeat`` runs (default 3), which keeps other load on the machine out of the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import tracemalloc
from pathlib import Path

from factcheck.inputs import article_from_text
from factcheck.pipeline import STAGES, parse

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEFAULT_CORPUS = CORPORA / "tempeval3-train"
DEFAULT_QUOTES_CORPUS = CORPORA / "polnear-train"
PUBLISHED = dt.date(1998, 1, 1)


def timed(label: str, function, texts: list, repeat: int = 1, chars: int | None = None) -> float:
    """Best wall time of ``repeat`` passes of ``function`` over ``texts``; prints the rates."""
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            function(text)
        seconds = min(seconds, time.perf_counter() - start)
    chars = sum(map(len, texts)) if chars is None else chars
    print(f"{label:<28} {seconds:8.2f} s  {len(texts) / seconds:9.1f} docs/s  {chars / seconds / 1e6:7.3f} MB/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents")
    parser.add_argument("--quotes-corpus", type=Path, default=DEFAULT_QUOTES_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="passes per figure; the best is printed")
    args = parser.parse_args()
    repeat = args.repeat
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
    pipeline_s = timed("factcheck full pipeline", full, texts, repeat)
    tracemalloc.start()  # a separate pass: tracing slows the code it measures
    for text in texts:
        full(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timex_s = timed("factcheck timex stages", timexes, texts, repeat)
    baseline(texts[0])
    baseline_s = timed("dateparser search_dates", baseline, texts, repeat)
    print(f"peak traced memory (full pipeline): {peak / 1e6:.1f} MB")
    print(f"ratio: full pipeline is {baseline_s / pipeline_s:.1f}x faster than search_dates; "
          f"timex stages {baseline_s / timex_s:.1f}x")
    quote_stage(args.quotes_corpus, args.limit, repeat)


def quote_stage(corpus: Path, limit: int | None, repeat: int) -> None:
    """The quote stage alone, on articles segmented beforehand (segmentation is its input)."""
    from factcheck.stages.quotes import find_quotes

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))][:limit]
    if not texts:
        print(f"quote stage: no .txt files in {corpus}")
        return
    only_segment = {stage.name for stage in STAGES} - {"segment"}
    docs = [parse(article_from_text(text, "bench", "bench.txt", PUBLISHED), skip=only_segment) for text in texts]
    print(f"{len(docs)} documents from {corpus}")
    find_quotes(docs[0])
    timed("factcheck quote stage", find_quotes, docs, repeat, chars=sum(map(len, texts)))


if __name__ == "__main__":
    main()
