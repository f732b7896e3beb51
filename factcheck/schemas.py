"""JSON Schemas of the records, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from .models import RECORD_MODELS


def schema_files() -> dict[str, str]:
    """``{"quote.schema.json": "<json>", ...}``: one schema per record type, as written to ``schemas/``."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for name, model in RECORD_MODELS.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in schema_files().items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
