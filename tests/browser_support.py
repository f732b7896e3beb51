"""Running Datasette as a real server and Debian's Chromium through Playwright, for browser tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from factcheck.serving import wait_until_serving

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# CI installs Chromium (.ci/run), so there a missing browser fails the tests instead of skipping them.
browser_required = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                      reason="Chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def datasette_server(path: Path, editors: Path | None = None) -> Iterator[str]:
    """Serve ``path`` with the project's metadata on a free port; yields the base URL."""
    port = free_port()
    env = {**os.environ, **({"FACTCHECK_EDITORS_DIR": str(editors)} if editors else {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(path), "--port", str(port), "--metadata",
         str(ROOT / "metadata.yml")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, timeout=15)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
