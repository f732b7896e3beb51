"""The README's set-up and test lines are the ones CI runs, as written."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_lines() -> tuple[list[str], str]:
    """The set-up line's steps (split at ``&&``) and the test line: the README's first two ``sh`` blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)[:2]
    setup, test = (block.strip() for block in blocks)
    return [step.strip() for step in setup.split("&&")], test


def test_ci_runs_the_readme_set_up_and_test_lines_as_written():
    steps, test = readme_lines()
    assert steps[-1].endswith("factcheck serve"), "the quick start ends by serving the seeds"
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert " && ".join(steps[:-1]) in ci_lines, "the README's set-up line (without serve) is a line of .ci/run"
    assert test in ci_lines, "the README's test line is a line of .ci/run"
    assert not [line for line in ci_lines if "pip install" in line and line != " && ".join(steps[:-1])], \
        "CI installs nothing the README's set-up line does not"
