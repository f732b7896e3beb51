"""Event and timeline dates are valid EDTF (checked with the edtf package) and keep uncertainty."""

from __future__ import annotations

import datetime as dt

import pytest
from edtf import parse_edtf

from factcheck.edtf import to_edtf
from factcheck.inputs import read_articles
from factcheck.pipeline import parse

from conftest import SHARED

MEANTIME = SHARED / "corpora" / "meantime-dev"


@pytest.mark.parametrize("value, start, end, qualifier, expected", [
    ("2008", None, None, None, "2008"),
    ("2023-SU", None, None, None, "2023-22"),
    ("2022-Q3", None, None, None, "2022-35"),
    ("199", None, None, None, "199X"),
    ("2023-06-15T10:00", None, None, None, "2023-06-15T10:00:00"),
    ("2023-07", None, None, "approximate", "2023-07~"),
    ("2023-06-15", None, dt.date(2023, 6, 15), "on_or_before", "../2023-06-15"),
    ("2023-W24", dt.date(2023, 6, 12), dt.date(2023, 6, 18), None, "2023-06-12/2023-06-18"),
    ("PAST_REF", None, None, None, None),
])
def test_timex_values_become_edtf(value, start, end, qualifier, expected):
    assert to_edtf(value, start, end, qualifier) == expected
    if expected:
        parse_edtf(expected)


def test_every_event_date_in_meantime_is_valid_edtf(seed_doc):
    docs = [seed_doc] + [parse(a) for p in sorted(MEANTIME.glob("*.txt"))[:30] for a in read_articles(p)]
    edtfs = [e.edtf for d in docs for e in d.events if e.edtf]
    assert len(edtfs) > 100
    for value in edtfs:
        parse_edtf(value)
