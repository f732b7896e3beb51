"""Editors review in the browser while a large ingest runs: every acknowledged review is stored, none refused.

    python benchmarks/bench_reviews_during_ingest.py [--reviews 200] [--threads 8] [--port 8125]

Loads polnear-dev, serves it with ``factcheck serve`` and an editor account, logs in over HTTP as a browser
does, then starts ``factcheck ingest`` of polnear-train (840 articles) into the same database and, while it
runs, sends ``--reviews`` reviews from ``--threads`` threads, each through the claim's row page (for its
form's CSRF token) and the review form's POST. It prints how many reviews were acknowledged (302), refused
(503, busy) or failed otherwise, how many of them were sent while the ingest ran, how many the database
holds afterwards, and the reviews' latency; it exits 1 unless acknowledged = stored = sent.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import sqlite_utils

from factcheck.editors import add_editor
from factcheck.serving import wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
EDITOR, PASSWORD = "alice", "a long benchmark password"
STATUSES = ("verified", "false", "misleading", "in_progress")


def factcheck(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "factcheck", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def logged_in(base: str) -> urllib.request.OpenerDirector:
    """An opener holding an editor's session cookie, logged in through the login form."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         NoRedirect())
    page = opener.open(base + "/-/login").read().decode()
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": EDITOR, "password": PASSWORD, "csrftoken": token}).encode()
    try:
        opener.open(base + "/-/login", form)
    except urllib.error.HTTPError as exc:
        if exc.code != 302:
            raise
    return opener


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 302 is the answer to read, not to follow
        return None


def review(opener: urllib.request.OpenerDirector, base: str, database: str, claim_id: str, number: int) -> tuple[int, float]:
    """(HTTP status, seconds) of one review through the claim's row page and its form."""
    started = time.perf_counter()
    page = opener.open(f"{base}/{database}/claims/{claim_id}").read().decode()
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"database": database, "record_kind": "claim", "record_id": claim_id,
                                   "status": STATUSES[number % len(STATUSES)], "note": f"benchmark review {number}",
                                   "csrftoken": token}).encode()
    try:
        status = opener.open(f"{base}/-/factcheck/review", form).status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8125)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path, editors = Path(folder) / "desk.db", Path(folder) / "editors"
        loaded = factcheck("ingest", "--db", str(db_path), str(CORPORA / "polnear-dev"))
        loaded.communicate()
        add_editor(editors, EDITOR, PASSWORD)
        claims = [row["id"] for row in sqlite_utils.Database(db_path)["claims"].rows]
        server = factcheck("serve", "--db", str(db_path), "--editors", str(editors), "--port", str(args.port))
        base = f"http://127.0.0.1:{args.port}"
        try:
            wait_until_serving(base, server)
            opener = logged_in(base)
            ingest = factcheck("ingest", "--db", str(db_path), "--jobs", "2", str(CORPORA / "polnear-train"))
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
                futures = [pool.submit(review, opener, base, db_path.stem, claims[n % len(claims)], n)
                           for n in range(args.reviews)]
                results = []
                for future in futures:
                    results.append((*future.result(), ingest.poll() is None))
            ingest_out, ingest_err = ingest.communicate()
            ingest_seconds = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=20)
        stored = sqlite_utils.Database(db_path)["reviews"].count
    statuses = [status for status, _, _ in results]
    acknowledged, refused = statuses.count(302), statuses.count(503)
    during = sum(1 for _, _, running in results if running)
    seconds = sorted(s for _, s, _ in results)
    print(f"{len(results)} reviews from {args.threads} threads, {during} of them while the ingest ran "
          f"({ingest_seconds:.1f} s; {ingest_out.strip().splitlines()[0] if ingest_out.strip() else ingest_err[-300:]})")
    print(f"acknowledged {acknowledged}, refused (503) {refused}, other {len(results) - acknowledged - refused}; "
          f"stored {stored}; latency median {1000 * statistics.median(seconds):.0f} ms, "
          f"p95 {1000 * seconds[int(0.95 * (len(seconds) - 1))]:.0f} ms, max {1000 * seconds[-1]:.0f} ms")
    sys.exit(0 if acknowledged == stored == len(results) else 1)


if __name__ == "__main__":
    main()
