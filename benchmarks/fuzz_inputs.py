"""Fuzz the readers and parsers with hostile files: every input gives records or one clear error, in budget.

    python benchmarks/fuzz_inputs.py [--count 10000] [--seed 1] [--jobs 2] [--show 5]

Inputs, drawn with a fixed seed: random text (letters, digits, marks, spaces, other scripts, control
characters), mutations of the shared corpora's articles (cut, doubled, lines shuffled, runs of marks, spaces,
years, weekdays or dates spliced in, bytes flipped), date headers and ``--published`` dates at the ends of the
calendar, HTML, and JSON / JSON Lines records with wrong types, deep nesting and bad escapes. Each is written to
a file and read and parsed as ``factcheck extract`` does (``extract.extract_file``). Counted:

- crashes: a fault of the parsers (an exception that is not one of factcheck's own clear input errors);
- invalid records: a record whose span falls outside its article or whose text is not the article's text
  there, or that does not survive a round trip through its model;
- over budget: an input whose parse took longer than its time budget.

It prints the counts and the slowest inputs, and exits 1 unless all three are 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from factcheck.errors import InputError
from factcheck.extract import extract_file
from factcheck.models import Document
from factcheck.pipeline import time_budget, warm_up

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
FAULT = "the parsers failed on it"
SPLICES = ["!" * 300, " " * 500, ", ".join(str(y) for y in range(1950, 2020)), "Monday Tuesday " * 40,
           "March 3, 2024 " * 30, "$5 million, aged 45, 12 years later; ", "\u00a0\u200b\t" * 50, "“" * 40,
           "He said: “", "” she said.", "\r\n" * 30, "(AP) — ", "tomorrow", "LAST WEEK'S", "Christmas",
           "this fall", "came a month before", "9999", "0000-00-00", "Feb. 30, 2023", "\ufeff", "\x00"]
EXTREME_DATES = ["0001-01-01", "9999-12-31", "1000-01-01", "2999-12-31", "1899-12-31", "2100-02-29", "2024-02-29"]
SCRIPTS = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'\"“”‘’—–-()[]$%\n\t" \
          "北约国防部长周四举行会议 Здравствуйте مرحبا שלום ñéüçå\u0301\u200d"


def corpus_texts(limit: int = 400) -> list[str]:
    paths = sorted(p for name in ("polnear-dev", "meantime-dev", "tempeval3-train")
                   for p in (CORPORA / name).glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths[:limit]]


def make_input(number: int, rng: random.Random, texts: list[str]) -> tuple[str, bytes, str | None]:
    """(file name, bytes, --published or None) of input ``number``."""
    kind = number % 6
    published = rng.choice([None, None, None, *EXTREME_DATES])
    if kind == 0:  # random text
        text = "".join(rng.choice(SCRIPTS) for _ in range(rng.randint(0, 3000)))
        return f"random{number}.txt", text.encode("utf-8"), published
    text = rng.choice(texts)
    if kind in (1, 2):  # a mutated article
        for _ in range(rng.randint(1, 6)):
            text = mutate(text, rng)
        data = text.encode("utf-8", "surrogatepass")
        if rng.random() < 0.1:  # a flipped byte: invalid UTF-8 or a control character
            at = rng.randrange(len(data)) if data else 0
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        return f"mutated{number}.txt", data, published
    if kind == 3:  # a date header at the ends of the calendar
        return f"dated{number}.txt", f"date {rng.choice(EXTREME_DATES)}\n{mutate(text, rng)}".encode(), published
    if kind == 4:  # HTML
        body = "".join(f"<p>{line}</p>" for line in text.splitlines()[:40])
        meta = f'<meta property="article:published_time" content="{rng.choice(EXTREME_DATES)}">' \
            if rng.random() < 0.5 else ""
        return f"page{number}.html", f"<html><head>{meta}<title>x</title></head><body>{body}</body></html>".encode(), None
    return f"records{number}.jsonl", json_records(text, rng).encode("utf-8", "surrogatepass"), published


def mutate(text: str, rng: random.Random) -> str:
    if not text:
        return rng.choice(SPLICES)
    at = rng.randrange(len(text))
    choice = rng.randrange(5)
    if choice == 0:
        return text[:at]
    if choice == 1:
        return text[:at] + rng.choice(SPLICES) * rng.randint(1, 20) + text[at:]
    if choice == 2:
        lines = text.splitlines()
        rng.shuffle(lines)
        return "\n".join(lines)
    if choice == 3:
        return text * rng.randint(2, 4)
    return text[:at] + text[at + rng.randint(1, 200):]


def json_records(text: str, rng: random.Random) -> str:
    values = [42, None, True, [], {"href": "x"}, "", "x" * 300, "\ud800", rng.choice(EXTREME_DATES), "2023-13-45"]
    lines = []
    for n in range(rng.randint(1, 4)):
        record = {"id": rng.choice([f"r{n}", n, "", None, "a/b", "../x"]), "text": rng.choice([text, text[:50], ""])}
        for key in ("published", "title", "url", "publisher"):
            if rng.random() < 0.4:
                record[key] = rng.choice(values)
        if rng.random() < 0.05:
            record["text"] = "[" * 5000
        lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
    if rng.random() < 0.1:
        lines.append("{" + "\"a\": [" * 3000)
    return "\n".join(lines) + "\n"


def check(job: tuple[int, int, str]) -> tuple[int, str, float, float, str]:
    """(number, outcome, seconds, budget, detail) of one input; outcome: ok, error, crash, invalid, over_budget."""
    number, seed, folder = job
    rng = random.Random(seed * 1_000_003 + number)
    name, data, published = make_input(number, rng, TEXTS)
    path = Path(folder) / name
    path.write_bytes(data)
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError:  # "2100-02-29": the command line refuses it before reading anything
        day = None
    started = time.perf_counter()
    try:
        items = extract_file(path, day)
    finally:
        path.unlink()
    seconds = time.perf_counter() - started
    budget = 30.0 + 30.0 * len(data) / 1_000_000
    outcome, detail = "ok", ""
    for item in items:
        if isinstance(item, InputError):
            outcome, detail = ("crash", str(item)) if FAULT in str(item) else ("error", str(item))
            if "over its budget" in str(item):
                outcome = "over_budget"
        elif (problem := invalid(item)) is not None:
            outcome, detail = "invalid", problem
        elif seconds > time_budget(item.article):
            outcome, detail = "over_budget", f"{seconds:.1f} s"
    return number, outcome, seconds, budget, f"{name}: {detail}"[:300]


def error_reason(detail: str) -> str:
    """The kind of a clear error, without the file, record and numbers: "invalid JSON", "not valid UTF-8"."""
    reason = detail.split(": ", 2)[-1]
    reason = re.sub(r"\(.*", "", re.sub(r"^(?:line|item) \d+ \(id [^)]*\): ", "", reason))
    return re.sub(r"\d[\d,.-]*", "N", reason).strip()[:60]


def invalid(doc: Document) -> str | None:
    """Why a parsed document's records are not valid, or None."""
    text = doc.text
    for table in ("timexes", "events", "quotes", "claims"):
        for record in getattr(doc, table):
            if not 0 <= record.start <= record.end <= len(text):
                return f"{table} {record.id}: span {record.start}-{record.end} outside the text"
            if getattr(record, "text", None) is not None and table != "events" and text[record.start:record.end] != record.text:
                return f"{table} {record.id}: text differs from the article's"
            try:
                type(record).model_validate(record.model_dump(mode="json"))
            except Exception as exc:  # noqa: BLE001 - reported as an invalid record
                return f"{table} {record.id}: {exc}"[:200]
    return None


def start_worker() -> None:
    global TEXTS
    TEXTS = corpus_texts()
    warm_up()


TEXTS: list[str] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=5, help="slowest inputs and problems to print")
    args = parser.parse_args()
    started = time.perf_counter()
    outcomes: Counter[str] = Counter()
    problems, slowest, reasons = [], [], Counter()
    with tempfile.TemporaryDirectory() as folder, \
            multiprocessing.get_context("fork").Pool(args.jobs, initializer=start_worker) as pool:
        for number, outcome, seconds, budget, detail in pool.imap_unordered(
                check, ((n, args.seed, folder) for n in range(args.count)), chunksize=20):
            outcomes[outcome] += 1
            if outcome == "error":
                reasons[error_reason(detail)] += 1
            slowest = sorted([*slowest, (seconds, detail)], reverse=True)[:args.show]
            if outcome in ("crash", "invalid", "over_budget"):
                problems.append(f"{outcome}: input {number}: {detail}")
    total = sum(outcomes.values())
    print(f"{total:,} inputs in {time.perf_counter() - started:.0f} s: {outcomes['ok']:,} parsed, "
          f"{outcomes['error']:,} clear errors, {outcomes['crash']} crashes, {outcomes['invalid']} invalid records, "
          f"{outcomes['over_budget']} over budget")
    print("clear errors: " + "; ".join(f"{count} {reason}" for reason, count in reasons.most_common(12)))
    print("slowest: " + "; ".join(f"{seconds:.2f} s {detail.split(':')[0]}" for seconds, detail in slowest))
    for problem in problems[:args.show * 4]:
        print(problem)
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
