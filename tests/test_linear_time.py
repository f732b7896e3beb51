"""Hostile texts that made a stage quadratic parse in linear time (benchmarks/bench_growth.py measures the growth).

Not a timed test of speed: each family of 256 KB takes a few seconds when linear and minutes when quadratic
(a run of marks of 8 KB took 1.7 s and 32 KB 27 s), so a generous deadline tells the two apart on any machine.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

DEADLINE_SECONDS = 120  # all families together; quadratic growth puts any one of them past it
SCRIPT = """
import sys
sys.path.insert(0, {benchmarks!r})
from bench_growth import FAMILIES, stage_seconds
from factcheck.pipeline import warm_up
warm_up()
for name, make in FAMILIES.items():
    seconds = stage_seconds(make(256 * 1024), repeat=1)
    print(f"{{name}}: {{sum(seconds.values()):.2f}} s", flush=True)
"""


def test_every_hostile_family_of_a_quarter_megabyte_parses_in_linear_time():
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(benchmarks=str(ROOT / "benchmarks"))],
                          capture_output=True, text=True, timeout=DEADLINE_SECONDS, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 8, done.stdout
