"""The stage registry: order is checked, stages can be skipped, spans are validated."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from factcheck.errors import FactcheckError
from factcheck.inputs import article_from_text
from factcheck.models import TimeExpression
from factcheck.pipeline import STAGES, check_order, parse


def test_stage_out_of_order_is_refused():
    reordered = [STAGES[1], STAGES[0], *STAGES[2:]]
    with pytest.raises(FactcheckError, match="stage 'timexes' needs sentences"):
        check_order(reordered)


def test_skipping_claims_leaves_other_records():
    article = article_from_text("Ukraine requested access on September 30.", "a", "a.txt", dt.date(2023, 6, 15))
    doc = parse(article, skip={"claims"})
    assert doc.claims == [] and [t.value for t in doc.timexes] == ["2022-09-30"]


def test_reversed_span_is_rejected():
    with pytest.raises(ValidationError, match="empty or reversed"):
        TimeExpression(id="t", article_id="a", start=5, end=3, text="x", type="DATE", value="2008", rule="year")
