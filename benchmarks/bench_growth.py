"""Does every stage stay linear in the article's length? Adversarial and realistic texts, doubled from 8 KB.

    python benchmarks/bench_growth.py [--start-kb 8] [--max-kb 1024] [--family NAME ...]

Each family of text (a run of exclamation marks, runs of spaces inside a clause, a list of years, weekday runs,
repeated dates, dates among money and ages, the seed article repeated) is parsed at 8, 16, ... KB; for each size
the script prints the seconds of every stage (the best of ``--repeat`` runs, the garbage collector paused) and
the growth of the total over the size before: about 2.0 per doubling is linear, 4.0 quadratic. The last column
is the worst growth of any stage whose time is large enough to measure (over 100 ms). Ratios within one run
compare like with like on a machine whose speed drifts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import time
from pathlib import Path
from typing import Callable

from factcheck.models import Article, Document
from factcheck.pipeline import STAGES, warm_up

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_4074f54713a64406.txt").read_text(encoding="utf-8")
MEASURABLE_SECONDS = 0.1


def repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


FAMILIES: dict[str, Callable[[int], str]] = {
    "exclamation marks": lambda size: "a" + "!" * (size - 2) + "b",
    "spaces in a clause": lambda size: "the plan" + " " * (size - 15) + "failed.",
    "spaces after a cue": lambda size: "Smith said that the plan" + " " * (size - 24),
    "list of years": repeat(", ".join(str(year) for year in range(1900, 2020)) + ", "),
    "weekday runs": repeat("Monday Tuesday Wednesday Thursday Friday "),
    "repeated dates": repeat("March 3, 2024 "),
    "dates among money and ages": repeat("He paid $5 million on March 3, 2024, aged 45, and 12 years later. "),
    "seed article repeated": repeat(SEED + "\n"),
}


def stage_seconds(text: str, repeat: int) -> dict[str, float]:
    """Seconds of each stage of the pipeline over ``text`` (published on the seed's date), the best of
    ``repeat`` runs, timed with the garbage collector paused (its pauses fall on any stage)."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        doc = Document(article=Article(id="growth", source="growth.txt", text=text, published=dt.date(2023, 6, 15),
                                       content_hash="growth"))
        gc.collect()
        gc.disable()
        try:
            for stage in STAGES:
                started = time.perf_counter()
                doc = stage.function(doc)
                elapsed = time.perf_counter() - started
                best[stage.name] = min(best.get(stage.name, elapsed), elapsed)
        finally:
            gc.enable()
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-kb", type=int, default=8)
    parser.add_argument("--max-kb", type=int, default=1024)
    parser.add_argument("--family", action="append", choices=list(FAMILIES), help="only these (repeatable)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size; the best time of each stage counts")
    args = parser.parse_args()
    warm_up()
    worst_overall = 0.0
    for name in args.family or FAMILIES:
        print(f"\n{name}")
        print(f"{'KB':>6} {'total s':>8} {'growth':>7}  " + " ".join(f"{stage.name:>8}" for stage in STAGES)
              + f" {'worst stage growth':>19}")
        previous: dict[str, float] | None = None
        size = args.start_kb
        while size <= args.max_kb:
            seconds = stage_seconds(FAMILIES[name](size * 1024), args.repeat)
            total = sum(seconds.values())
            growth = total / sum(previous.values()) if previous else float("nan")
            stage_growth = [seconds[s] / previous[s] for s in seconds
                            if previous and seconds[s] > MEASURABLE_SECONDS and previous[s] > 0]
            worst = max(stage_growth, default=float("nan"))
            if stage_growth:
                worst_overall = max(worst_overall, worst)
            print(f"{size:>6} {total:8.3f} {growth:7.2f}  " + " ".join(f"{seconds[s.name]:8.3f}" for s in STAGES)
                  + f" {worst:19.2f}", flush=True)
            previous, size = seconds, size * 2
    print(f"\nworst growth of a measurable stage per doubling: {worst_overall:.2f} (2.0 is linear, 4.0 quadratic)")


if __name__ == "__main__":
    main()
