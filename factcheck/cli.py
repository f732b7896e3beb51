"""The ``factcheck`` command line: each command parses its options, calls the API and prints."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import click

from .errors import FactcheckError, InputError, NotAnArticle
from .extract import extract_file_json, iter_documents
from .inputs import check_published
from .models import Document, Review
from .editors import EDITORS_DIR_ENV, add_editor, editors_dir, list_editors
from .schemas import write_schemas

if TYPE_CHECKING:
    from .storage import DocumentRows

DEFAULT_DB = Path("db/factcheck.db")
DEFAULT_SEEDS = Path("seeds")
DEFAULT_METADATA = Path("metadata.yml")
# Facet suggestions run a query per column on every table page: at a million claims they dominate.
DATASETTE_SETTINGS = {"suggest_facets": "off", "facet_time_limit_ms": "500", "sql_time_limit_ms": "3000"}


def printable(text: str) -> str:
    """``text`` that any terminal can print: a byte of a file name that is not UTF-8 shows as ``\\udce9``."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
        check_published(day, "--published")
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None
    except InputError as exc:
        raise click.BadParameter(str(exc).removeprefix("--published: ")) from None
    return day


published_option = click.option(
    "--published", callback=_date_option, metavar="YYYY-MM-DD",
    help="Publication date for every input (overrides dates found in the files).",
)
paths_argument = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def _jobs_option(ctx: click.Context, param: click.Parameter, value: int) -> int:
    return value or os.cpu_count() or 1  # 0: one worker per core


jobs_option = click.option("--jobs", type=click.IntRange(0, 64), default=1, show_default=True, callback=_jobs_option,
                           help="Worker processes that parse files in parallel; 0 for one per core.")


class FactcheckGroup(click.Group):
    """A click group that reports FactcheckError as a one-line error (exit status 1), not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=FactcheckGroup)
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Turn news articles into a dataset of dated events, quotes and claims."""


@cli.command()
@published_option
@click.option("--format", "output_format", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one object per line; json: one indented object per article.")
@jobs_option
@paths_argument
def extract(published: dt.date | None, output_format: str, jobs: int, paths: tuple[Path, ...]) -> None:
    """Print the extraction of each article as JSON, without a database.

    Example: factcheck extract seeds/000_4074f54713a64406.txt
    """
    failures, skipped = 0, []
    worker = functools.partial(extract_file_json, indent=2 if output_format == "json" else None)
    for item in iter_documents(list(paths), published, jobs, worker):
        if isinstance(item, NotAnArticle):
            skipped.append(item.name)
        elif isinstance(item, InputError):
            failures += 1
            click.echo(printable(f"error: {item}"), err=True)
        else:
            click.echo(item)
    if skipped:
        from .ingest import skipped_lines  # the store's modules load only when needed

        for line in skipped_lines(skipped):
            click.echo(printable(line), err=True)
    if failures:
        sys.exit(1)


@cli.command()
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--timeline", "timeline_file", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="Curated timeline entries (YAML, like seeds/timeline.yml) to load before linking.")
@published_option
@jobs_option
@click.option("--dask", "dask_scheduler", default=None, metavar="ADDRESS|local",
              help="Extract on a Dask cluster (a scheduler address, or 'local' for a local cluster).")
@paths_argument
def ingest(db_path: Path, timeline_file: Path | None, published: dt.date | None, jobs: int,
           dask_scheduler: str | None, paths: tuple[Path, ...]) -> None:
    """Extract articles, store them in SQLite (idempotent; reviews are kept) and relink the timeline.

    Example: factcheck ingest --db db/factcheck.db --timeline seeds/timeline.yml --jobs 2 seeds/
    """
    if dask_scheduler is None:
        sys.exit(run_ingest(db_path, list(paths), published, timeline_file, jobs))
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise click.ClickException("--dask needs Dask: pip install -e '.[dask]'") from None

    from .distributed import extract_with_dask

    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=":0") \
        if dask_scheduler == "local" else None
    with Client(cluster or dask_scheduler) as client:
        documents = extract_with_dask(list(paths), client, published=published, rows=True)
        status = run_ingest(db_path, list(paths), published, timeline_file, documents=documents)
    if cluster is not None:
        cluster.close()
    sys.exit(status)


def run_ingest(db_path: Path, paths: list[Path], published: dt.date | None = None,
               timeline_file: Path | None = None, jobs: int = 1,
               documents: Iterable[Document | DocumentRows | InputError] | None = None) -> int:
    """``ingest.ingest`` with a progress bar, a line per failed, duplicate or undated input and a summary;
    returns the exit status."""
    from .ingest import ingest

    progress = functools.partial(click.progressbar, label="ingesting", file=sys.stderr,
                                 item_show_func=lambda item: getattr(item, "source", None))
    def report(kind: str, message: str) -> None:
        click.echo(printable(f"\n{kind}: {message}"), err=True)

    summary = ingest(db_path, paths, published, timeline_file, jobs, documents, report=report, progress=progress)
    for line in summary.lines():
        click.echo(printable(line))
    return summary.exit_status


@cli.command()
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
@click.option("--editors", "editors", type=click.Path(path_type=Path), default=None,
              help=f"Directory of editor accounts (default: ${EDITORS_DIR_ENV} or db/editors).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (localhost only by default).")
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--metadata", type=click.Path(path_type=Path), default=DEFAULT_METADATA, show_default=True)
@click.option("--seeds", type=click.Path(path_type=Path), default=DEFAULT_SEEDS, show_default=True,
              help="Ingested first when the database does not exist yet.")
def serve(db_path: Path, editors: Path | None, host: str, port: int, metadata: Path, seeds: Path) -> None:
    """Publish the database with Datasette (ingesting the seeds first if there is no database).

    Example: factcheck serve --port 8001
    """
    if not db_path.exists():
        click.echo(f"{db_path} does not exist: ingesting {seeds} first", err=True)
        curated = seeds / "timeline.yml"
        run_ingest(db_path, [seeds], timeline_file=curated if curated.exists() else None)
    if editors is not None:
        os.environ[EDITORS_DIR_ENV] = str(editors)
    if not list_editors(editors_dir()):
        click.echo(f"no editors in {editors_dir()}: add one with `factcheck add-editor NAME` to review", err=True)
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host, "--port", str(port)]
    for name, value in DATASETTE_SETTINGS.items():
        command += ["--setting", name, value]
    if metadata.exists():
        command += ["--metadata", str(metadata)]
    else:
        click.echo(f"warning: {metadata} not found; serving without it", err=True)
    if os.name == "posix":
        os.execv(command[0], command)  # Datasette takes over this process (and its Ctrl-C)
    sys.exit(subprocess.run(command, check=False).returncode)


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schemas(out: Path) -> None:
    """Write one JSON Schema per record type, generated from the models."""
    for path in write_schemas(out):
        click.echo(str(path))


@cli.command()
@click.argument("kind", type=click.Choice(["claim", "quote", "event"]))
@click.argument("record_id")
@click.option("--status", required=True, help="unreviewed, in_progress, verified, false, misleading, unverifiable")
@click.option("--note", default=None)
@click.option("--evidence-url", default=None)
@click.option("--by", "reviewer", required=True, help="Reviewer: an editor's name (see add-editor).")
@click.option("--editors", "editors", type=click.Path(path_type=Path), default=None,
              help=f"Directory of editor accounts (default: ${EDITORS_DIR_ENV} or db/editors).")
@click.option("--db", "db_path", type=click.Path(path_type=Path, exists=True), default=DEFAULT_DB, show_default=True)
def review(kind: str, record_id: str, status: str, note: str | None, evidence_url: str | None, reviewer: str,
           editors: Path | None, db_path: Path) -> None:
    """Record a review of a claim, quote or event (appended to its history), by an editor.

    Example: factcheck review claim c_0123abcd --status verified --note "NATO site" --by alice
    """
    from pydantic import ValidationError

    from .storage import add_review, now, open_db

    if reviewer not in list_editors(editors_dir(str(editors) if editors else None)):
        raise click.ClickException(f"{reviewer!r} is no editor in {editors_dir(str(editors) if editors else None)}: "
                                   f"add the account with `factcheck add-editor {reviewer}`")

    try:
        item = Review(record_kind=kind, record_id=record_id, status=status, note=note, evidence_url=evidence_url,
                      reviewer=reviewer, created=now())
    except ValidationError as exc:
        raise click.ClickException(exc.errors()[0]["msg"]) from None
    try:
        review_id = add_review(open_db(db_path), item)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from None
    click.echo(f"review {review_id}: {kind} {record_id} is now {status}")


@cli.command("add-editor")
@click.argument("name")
@click.option("--editors", "editors", type=click.Path(path_type=Path), default=None,
              help=f"Directory of editor accounts (default: ${EDITORS_DIR_ENV} or db/editors).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def add_editor_command(name: str, editors: Path | None, password_stdin: bool) -> None:
    """Create an editor account (or reset its password) for reviewing in Datasette.

    Example: factcheck add-editor alice
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    path = add_editor(editors or editors_dir(), name, password)
    click.echo(f"editor {name} saved in {path}")


@cli.command("export")
@click.option("--format", "output_format", type=click.Choice(["claimreview", "timelinejs", "jsonl", "csv"]),
              required=True)
@click.option("--db", "db_path", type=click.Path(path_type=Path, exists=True), default=DEFAULT_DB, show_default=True)
@click.option("--status", default=None, help="claimreview: only claims whose current status is this one.")
@click.option("--base-url", default="http://127.0.0.1:8001", show_default=True,
              help="Where the Datasette site is published (for ClaimReview urls).")
@click.argument("out", type=click.Path(path_type=Path))
def export(output_format: str, db_path: Path, status: str | None, base_url: str, out: Path) -> None:
    """Export the dataset: ClaimReview JSON-LD, TimelineJS3 JSON, JSON Lines of every record, or a CSV
    bundle (OUT is then a directory).

    Example: factcheck export --format claimreview --status verified claimreview.json
    """
    from . import export as exports
    from .storage import open_db

    db = open_db(db_path)
    if output_format == "csv":
        files = exports.write_csv_bundle(db, out)
        click.echo(f"{len(files)} CSV files in {out}")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        if output_format == "jsonl":
            count = 0
            for line in exports.iter_jsonl(db):
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                count += 1
        else:
            data = (exports.claimreview(db, base_url.rstrip("/"), db_path.stem, status) if output_format == "claimreview"
                    else exports.timelinejs(db))
            json.dump(data, handle, ensure_ascii=False, indent=2)
            count = len(data) if isinstance(data, list) else len(data["events"])
    click.echo(f"{count} records written to {out}")


@cli.group()
def timeline() -> None:
    """Curate the cross-article timeline."""


@timeline.command("load")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB, show_default=True)
def load_timeline(path: Path, db_path: Path) -> None:
    """Load curated timeline entries from YAML and relink every event mention.

    Example: factcheck timeline load seeds/timeline.yml
    """
    from .storage import open_db, relink_timeline, save_timeline_entries
    from .timeline import load_curated

    db = open_db(db_path)
    count = save_timeline_entries(db, load_curated(path))
    linked = relink_timeline(db)
    click.echo(f"{count} curated entries; {linked['mentions']} mentions linked, {linked['conflicts']} date conflicts")


@cli.group()
def reviews() -> None:
    """Work with the review history."""


@reviews.command("export")
@click.option("--db", "db_path", type=click.Path(path_type=Path, exists=True), default=DEFAULT_DB, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--out", type=click.File("w", encoding="utf-8"), default="-", help="Output file (default: stdout).")
def export_reviews(db_path: Path, output_format: str, out: Any) -> None:
    """Export every review, oldest first, with the reviewed record's text (for backups and scripts).

    Example: factcheck reviews export --format json --out reviews.json
    """
    import csv

    from .storage import iter_reviews, open_db

    rows = list(iter_reviews(open_db(db_path)))
    if output_format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    fields = ["id", "record_kind", "record_id", "status", "note", "evidence_url", "reviewer", "created", "record_text"]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    cli()
