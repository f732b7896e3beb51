"""Datasette hooks for factcheck: thin wiring, the logic lives in ``context.py`` and ``storage.py``."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.utils import urlsafe_components

from ..context import highlight
from ..storage import column_descriptions

SPAN_TABLES = {"timexes", "events", "quotes", "claims"}


@hookimpl
def extra_template_vars(template: str, database: str, table: str, view_name: str, request: Any, datasette: Any) -> Any:
    """On a row page of a span table, the record's span highlighted in its article (``factcheck_context``)."""
    if view_name != "row" or table not in SPAN_TABLES or request is None:
        return {}

    async def inner() -> dict[str, Any]:
        record_id = urlsafe_components(request.url_vars["pks"])[0]
        db = datasette.get_database(database)
        rows = (await db.execute(
            f"select a.id, a.text, r.start, r.[end] from [{table}] r join articles a on a.id = r.article_id where r.id = ?",
            [record_id],
        )).rows
        if not rows:
            return {}
        article_id, text, start, end = rows[0]
        return {"factcheck_context": highlight(text, start, end), "factcheck_article_id": article_id}

    return inner


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    """Column descriptions for every factcheck table, taken from the pydantic models' field descriptions."""
    return {"databases": {name: {"tables": column_descriptions()} for name in datasette.databases}}
