"""The committed JSON Schemas are generated from the models and must be up to date."""

from __future__ import annotations

import json

from factcheck.models import Quote
from factcheck.schemas import schema_files

from conftest import ROOT


def test_committed_schemas_match_the_models():
    for name, content in schema_files().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"schemas/{name} is missing: run `factcheck schemas`"
        assert path.read_text(encoding="utf-8") == content, f"schemas/{name} is stale: run `factcheck schemas`"


def test_quote_schema_lists_the_contract_fields():
    schema = json.loads(schema_files()["quote.schema.json"])
    assert {"start", "end", "text", "direct", "speaker", "cue"} <= set(schema["properties"])
    assert set(schema["required"]) >= {"start", "end", "text", "direct", "kind"}
    assert Quote.model_json_schema() == schema
