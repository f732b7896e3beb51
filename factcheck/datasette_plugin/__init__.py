"""Datasette hooks for factcheck: thin wiring; the logic lives in ``context``, ``storage`` and ``editors``.

- row pages of quotes, claims, events and timexes show the record's span highlighted in its article,
  its review status and review history, and (for a logged-in editor) a review form;
- ``POST /-/factcheck/review`` appends a review: editors only, CSRF-checked by Datasette;
- column descriptions come from the pydantic models; editor accounts from the editors directory;
- the guard in front of the site (login throttle, POST rules, return after login) is ``accounts``.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
import sqlite3
import urllib.parse
from typing import Any

import sqlite_utils
from datasette import hookimpl
from datasette.utils import tilde_encode, urlsafe_components
from datasette.utils.asgi import Forbidden, Response
from pydantic import ValidationError

from ..context import highlight
from ..editors import auth_passwords_config, editors_dir, list_editors
from ..login_throttle import LoginThrottle
from .accounts import guarded_logins
from ..models import Review
from ..resources import load_table
from ..storage import (BUSY_TIMEOUT_MS, RECORD_TABLES, REVIEWABLE_TABLES, TimelineSelection, add_review,
                       column_descriptions, list_reviews, now, record_span, review_state, timeline_overview,
                       timeline_years)
from ..timeline_view import STATUS_PRIORITY, layout

REVIEW_ACTION = "factcheck-review"
INDEX_COUNT = "index"  # _nocount=index: the plugin counts a search's matches in the full-text index
MMAP_BYTES = 1 << 30  # read pages through the OS page cache: halves search and facet times at a million claims
KIND_OF_TABLE = {table: kind for kind, table in REVIEWABLE_TABLES.items()}
TEMPLATE_DATABASE = "factcheck"  # the block of metadata.yml that configures every database served
INTERNAL_DATABASES = {"_internal", "_memory"}
RETRY_AFTER_SECONDS = 5  # a review refused for a busy database may be sent again after this
TIMELINE_PAGE = 150  # entries the visual timeline shows at a time (the best sourced): a page, not a wall
TIMELINE_MAX = 1000


def status_options() -> list[dict[str, str]]:
    """The review statuses with their labels, in the order of ``review_statuses.tsv``."""
    return [dict(row) for row in load_table("review_statuses.tsv")]


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """Query-string rewrites that keep table pages fast at a million claims:

    - a full-text search skips the table's default facets unless a facet is asked for (``&_facet=kind``):
      a broad search ("president", 60,000 matches) spent three quarters of its time counting facets;
    - a facet both in ``metadata.yml`` and in the URL is counted once;
    - a search page whose only filter is the search counts its matches in the full-text index."""

    def wrap(app: Any) -> Any:
        async def wrapped(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") == "http":
                path = scope.get("path", "")
                query = search_without_default_facets(scope.get("query_string", b""))
                query = without_repeated_facets(query, default_facets(datasette, path))
                if is_html_page(path):
                    query = search_counted_from_index(query)
                scope = {**scope, "query_string": query}
            await app(scope, receive, send)

        return guarded_logins(wrapped, LoginThrottle())

    return wrap


def search_without_default_facets(query_string: bytes) -> bytes:
    """``_search=x`` -> ``_search=x&_nofacet=1``; a query naming a facet keeps its facets."""
    pairs = urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    names = {name for name, _ in pairs}
    if not any(name.startswith("_search") for name in names):
        return query_string
    if any(name.startswith("_facet") for name in names):
        pairs = [(name, value) for name, value in pairs if name != "_nofacet"]
    elif "_nofacet" not in names:
        pairs.append(("_nofacet", "1"))
    return urllib.parse.urlencode(pairs).encode("latin-1")


def default_facets(datasette: Any, path: str) -> list[str]:
    """The column facets ``metadata.yml`` gives the table at ``path`` (``/factcheck/claims.json``)."""
    parts = urllib.parse.unquote(path).strip("/").split("/")
    if len(parts) != 2 or not parts[1]:
        return []
    database, table = parts[0], re.sub(r"\.(?:json|csv)$", "", parts[1])
    facets = datasette.metadata("facets", database=database, table=table, fallback=False) or []
    return [facet for facet in facets if isinstance(facet, str)]


def without_repeated_facets(query_string: bytes, defaults: list[str]) -> bytes:
    """Drop ``_facet=claimant`` when ``claimant`` is already a default facet: Datasette would count it twice."""
    if not defaults or b"_facet" not in query_string:
        return query_string
    pairs = urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not (name == "_facet" and value in defaults)]
    return query_string if kept == pairs else urllib.parse.urlencode(kept).encode("latin-1")


def is_html_page(path: str) -> bool:
    """A page rendered from a template (``/factcheck/claims``), not an export (``.json``, ``.csv``)."""
    return "." not in path.rsplit("/", 1)[-1]


def search_counted_from_index(query_string: bytes) -> bytes:
    """A page whose only filter is ``_search`` skips Datasette's count (which reads every matching row);
    ``extra_template_vars`` counts the matches in the full-text index instead, which is exact and fast."""
    pairs = urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    ours = [(name, value) for name, value in pairs if (name, value) == ("_nocount", INDEX_COUNT)]
    pairs = [pair for pair in pairs if pair not in ours]  # a link from a search page may carry it
    if not only_searched({name for name, _ in pairs}) or any(name == "_nocount" for name, _ in pairs):
        return urllib.parse.urlencode(pairs).encode("latin-1") if ours else query_string
    return urllib.parse.urlencode([*pairs, ("_nocount", INDEX_COUNT)]).encode("latin-1")


def only_searched(names: set[str]) -> bool:
    """Is ``_search`` the only filter (no column filters, no ``_where``, default search mode)?"""
    return "_search" in names and not names & {"_where", "_searchmode"} and all(name.startswith("_") for name in names)


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    """``{{ urls.row(database, "articles", id|tilde_encode) }}``: a row URL for an id holding ``/`` or ``.``
    (``x/report``, ``ABC19980108.1830.0711``), which Datasette's ``urls.row`` takes encoded."""
    env.filters["tilde_encode"] = tilde_encode


@hookimpl
def prepare_connection(conn: Any) -> None:
    """Memory-map the database for Datasette's connections (reads only copy pages they do not change), and
    give them the busy timeout of every factcheck connection (SQLite's default is 5 s; an ingest's batch
    holds the write lock for about half a second at a time)."""
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict[str, Any]:
    """Column descriptions from the models, the ``factcheck`` block of ``metadata.yml`` for every database
    served (whatever its file is called), and the editor accounts for datasette-auth-passwords (only when it
    asks for its settings: the accounts' names and files never appear on a public page)."""
    # Datasette merges what it gets into its own metadata in place: hand it copies of the cached values.
    template = served_database_template(datasette)
    found: dict[str, Any] = {"databases": {name: database_metadata(template) for name in datasette.databases
                                           if name not in INTERNAL_DATABASES}}
    if key == "plugins":  # the login plugin's own lookup, never the whole metadata (/-/metadata.json shows that)
        found["plugins"] = {"datasette-auth-passwords": copy.deepcopy(auth_passwords_config(editors_dir()))}
    return found


def database_metadata(template: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy of ``template`` whose tables also carry the models' column descriptions."""
    found = copy.deepcopy(template)
    tables = found.setdefault("tables", {})
    for table, described in column_descriptions().items():
        tables[table] = {**copy.deepcopy(described), **(tables.get(table) or {})}
    return found


def served_database_template(datasette: Any) -> dict[str, Any]:
    """The metadata that ``metadata.yml`` gives the database named ``factcheck`` (tables, facets, canned
    queries), which applies to any database served: ``factcheck serve --db polnear.db`` serves ``polnear``.
    A database with a block of its own in the file keeps it: Datasette merges the file's blocks over this."""
    local = getattr(datasette, "_metadata_local", None) or {}  # the file itself, not hooks (no recursion)
    block = (local.get("databases") or {}).get(TEMPLATE_DATABASE)
    return block if isinstance(block, dict) else {}


@hookimpl
def permission_allowed(datasette: Any, actor: dict | None, action: str, resource: Any) -> bool | None:
    """Only editors (an account in the editors directory) may write reviews."""
    if action != REVIEW_ACTION:
        return None
    return bool(actor and actor.get("id") in list_editors(editors_dir()))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/factcheck/review$", review_route), (r"^/-/factcheck/timeline$", timeline_route)]


@hookimpl
def menu_links(datasette: Any, actor: dict | None) -> list[dict[str, str]]:
    return [{"href": datasette.urls.path("/-/factcheck/timeline"), "label": "Timeline"}]


async def timeline_route(request: Any, datasette: Any) -> Response:
    """The visual timeline: entries on a time axis, coloured by review status, conflicts marked. At most
    ``TIMELINE_PAGE`` entries at a time (the best sourced), narrowed by dates, words and sources."""
    selection, problem = timeline_selection(request.args)
    database = None
    for name, db in datasette.databases.items():
        if "timeline_entries" in await db.table_names():
            database = name
            break
    bars, ticks, lanes, years, total = [], [], [], [], 0
    if database is not None:
        entries, years = await datasette.get_database(database).execute_fn(
            lambda conn: (timeline_overview(sqlite_utils.Database(conn), selection),
                          timeline_years(sqlite_utils.Database(conn), selection)))
        total = entries[0]["total"] if entries else 0
        bars, ticks = layout(entries, *axis_window(selection))
        lanes = [[bar for bar in bars if bar.lane == number] for number in range(max((b.lane for b in bars), default=-1) + 1)]
    return Response.html(await datasette.render_template(
        "factcheck_timeline.html",
        {"bars": bars, "ticks": ticks, "lanes": lanes, "database": database, "statuses": STATUS_PRIORITY[::-1],
         "selection": selection, "total": total, "years": years, "problem": problem,
         "form": {name: request.args.get(name, "") for name in ("from", "to", "q", "sources")}},
        request=request,
    ))


def axis_window(selection: TimelineSelection) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the selection's dates, if given: the axis then runs between them."""
    return tuple(dt.date.fromisoformat(day) if day else None for day in (selection.start, selection.end))


def bound_day(value: str, last: bool) -> dt.date:
    """``"2016"`` -> 2016-01-01 (or 2016-12-31 when ``last``), ``"2016-09"`` -> 2016-09-01 (2016-09-30), or the
    date itself; ValueError for anything else."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(value)
    year, month, day = (int(part) for part in (value.split("-") + ["0", "0"])[:3])
    if day:
        return dt.date(year, month, day)
    if month:
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)


def timeline_selection(args: Any) -> tuple[TimelineSelection, str | None]:
    """The timeline page's selection from its query string (``from``/``to``: a year, a month or a date, ``q``:
    words, ``sources``: at least that many, ``limit``), and a message for a value that cannot be read (then
    ignored)."""
    bounds, problem = [], None
    for name, last in (("from", False), ("to", True)):
        value = args.get(name, "").strip()
        try:
            bounds.append(bound_day(value, last).isoformat() if value else None)
        except ValueError:
            bounds.append(None)
            problem = f"'{name}' should be a year or a date (YYYY-MM-DD), not {args.get(name)!r}"
    try:
        sources = max(1, int(args.get("sources") or 1))
        limit = min(TIMELINE_MAX, max(1, int(args.get("limit") or TIMELINE_PAGE)))
    except ValueError:
        sources, limit, problem = 1, TIMELINE_PAGE, "'sources' and 'limit' should be whole numbers"
    return TimelineSelection(*bounds, args.get("q", "").strip() or None, sources, limit), problem


async def review_route(request: Any, datasette: Any) -> Response:
    """Append a review from the row-page form, then go back to the row."""
    if request.method != "POST":
        return Response.text("POST a review form here", status=405)
    if not await datasette.permission_allowed(request.actor, REVIEW_ACTION, default=False):
        raise Forbidden("Only logged-in editors can review records")
    form = await request.post_vars()
    database, kind, record_id = form.get("database", ""), form.get("record_kind", ""), form.get("record_id", "")
    if database not in datasette.databases or database in INTERNAL_DATABASES or kind not in REVIEWABLE_TABLES:
        return Response.text("unknown database or record kind", status=400)
    try:
        review = Review(record_kind=kind, record_id=record_id, status=form.get("status", ""),
                        note=form.get("note") or None, evidence_url=form.get("evidence_url") or None,
                        reviewer=request.actor["id"], created=now())
    except ValidationError as exc:
        return Response.text(f"invalid review: {exc.errors()[0]['msg']}", status=400)
    db = datasette.get_database(database)
    try:
        await db.execute_write_fn(lambda conn: add_review(sqlite_utils.Database(conn), review), block=True)
    except KeyError as exc:
        return Response.text(str(exc.args[0]), status=404)
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        return Response.text(f"The database is busy (an ingest is writing) and the review was not saved: go back "
                             f"and save it again in a moment ({exc}).", status=503,
                             headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    # back to the row, which confirms the review and shows the status it now has
    return Response.redirect(datasette.urls.row(database, REVIEWABLE_TABLES[kind], tilde_encode(record_id))
                             + "?saved=1#review")


def search_count(datasette: Any, database: str, table: str, search: str) -> Any:
    """``filtered_table_rows_count`` for a search page, counted in the table's full-text index."""

    async def inner() -> dict[str, Any]:
        db = datasette.get_database(database)
        fts_table = await db.fts_table(table)
        if not fts_table:
            return {}
        sql = f"select count(*) from [{fts_table}] where [{fts_table}] match escape_fts(:search)"
        rows = await db.execute(sql, {"search": search})
        return {"filtered_table_rows_count": rows.first()[0]}

    return inner


@hookimpl
def extra_template_vars(template: str, database: str, table: str, view_name: str, request: Any, datasette: Any) -> Any:
    """On a row page of a span table: ``factcheck_context`` (the highlighted span) and, for reviewable
    tables, ``factcheck_reviews`` (history), ``factcheck_statuses`` and ``factcheck_can_review``."""
    if view_name == "table" and request is not None and request.args.get("_nocount") == INDEX_COUNT \
            and only_searched(set(request.args.keys())):
        return search_count(datasette, database, table, request.args.get("_search", ""))
    if view_name != "row" or table not in RECORD_TABLES or request is None:
        return {}

    async def inner() -> dict[str, Any]:
        record_id = urlsafe_components(request.url_vars["pks"])[0]
        db = datasette.get_database(database)
        span = await db.execute_fn(lambda conn: record_span(sqlite_utils.Database(conn), table, record_id))
        if span is None:
            return {}
        article_id, text, start, end = span
        found: dict[str, Any] = {"factcheck_context": highlight(text, start, end), "factcheck_article_id": article_id}
        kind = KIND_OF_TABLE.get(table)
        if kind:
            found["factcheck_kind"] = kind
            found["factcheck_record_id"] = record_id
            found["factcheck_reviews"] = await db.execute_fn(
                lambda conn: list_reviews(sqlite_utils.Database(conn), kind, record_id))
            found["factcheck_statuses"] = status_options()
            found["factcheck_can_review"] = await datasette.permission_allowed(
                request.actor, REVIEW_ACTION, default=False)
            found["factcheck_status"], found["factcheck_stale"] = await db.execute_fn(
                lambda conn: review_state(sqlite_utils.Database(conn), table, record_id))
            found["factcheck_saved"] = request.args.get("saved") == "1"
        return found

    return inner
