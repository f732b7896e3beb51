"""Waiting for a Datasette server started in a child process (used by the browser tests and benchmarks)."""

from __future__ import annotations

import subprocess
import time
import urllib.request


def wait_until_serving(base_url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Return once ``base_url`` answers ``/-/versions.json``; RuntimeError if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base_url + "/-/versions.json", timeout=1)
            return
        except OSError:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"the server exited with status {process.returncode}: {stderr}")
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {base_url} within {timeout:.0f} s")
