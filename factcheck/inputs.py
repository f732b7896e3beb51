"""Read articles from .txt files, JSON / JSON Lines records and directories.

Text is kept exactly as read: offsets of every record point into it. Front matter (a ``date
YYYY-MM-DD`` header, an AP-style dateline ``BRUSSELS (AP) —``, a headline line) is read from the text
but not removed. Every failure raises InputError naming the file (and the record).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, Callable, Iterator

from pydantic import ValidationError

from .errors import InputError, NotAnArticle
from .ids import content_hash
from .language import english_share, judged_english
from .models import Article
from .resources import load_mapping, load_set

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
RECORD_SUFFIXES = {".jsonl", ".json", ".ndjson"}
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
HTML_START = re.compile(r"^\s*(?:<!doctype html|<html)", re.IGNORECASE)
TITLE_MAX_CHARS = 200
FRONT_MATTER_CHARS = 400
PUBLISHED_YEARS = (1000, 2999)  # a publication date outside these years is a mistake
_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.cache
def _front_matter_patterns() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(pattern) for name, pattern in load_mapping("dateline.tsv").items()}


def iter_files(paths: list[Path | InputError]) -> Iterator[Path | InputError]:
    """Input files under ``paths``: files as given, directories searched recursively (sorted). A path that
    does not exist yields its InputError; a file in a directory that is no article by its name (hidden,
    ``gold.jsonl``, ``README.txt``: ``non_article_names.txt``) yields a NotAnArticle; the walk goes on.
    An error among ``paths`` (a walk's own, handed on) is yielded as it is."""
    for path in paths:
        if isinstance(path, InputError):
            yield path
        elif path.is_dir():
            unreadable: list[OSError] = []
            for found in sorted(_walk(path, unreadable.append)):
                reason = non_article_reason(found.relative_to(path))
                yield NotAnArticle(str(found), reason) if reason else found
            for error in unreadable:  # a sub-folder that cannot be listed: its files would be lost unsaid
                yield InputError(f"{ascii_path(Path(error.filename or path))}: folder cannot be read "
                                 f"({error.strerror or error}); its files were not ingested")
        elif path.exists():
            yield path
        else:
            yield InputError(f"{path}: no such file or directory")


def _walk(folder: Path, onerror: Callable[[OSError], None]) -> Iterator[Path]:
    """What has an input suffix under ``folder`` and is no folder: files, and pipes or broken links that
    reading then reports (symbolic links to folders are not followed)."""
    for root, _, names in os.walk(folder, onerror=onerror):
        for name in names:
            if Path(name).suffix.lower() in INPUT_SUFFIXES:
                yield Path(root) / name


def non_article_reason(relative: Path) -> str | None:
    """Why a file found in a folder is no article, judged by its name; None when it may be one."""
    if any(part.startswith(".") for part in relative.parts):
        return "a hidden file"
    name = relative.name.lower()
    for pattern in load_set("non_article_names.txt"):
        if name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1])):
            return f"not an article by its name ({relative.name})"
    return None


def distinct_article_ids(files: list[Path]) -> dict[Path, str]:
    """Article ids for the text and HTML files of one batch whose names would give the same id: ``x/report.txt``
    and ``y/report.txt`` are ``x/report`` and ``y/report`` (as many folders as tell them apart), not both
    ``report``, which stored the second over the first. Other files are not in the result: their id is the
    file name without its suffix."""
    by_stem: dict[str, list[Path]] = {}
    for path in files:
        if path.suffix.lower() not in RECORD_SUFFIXES:
            by_stem.setdefault(path.stem, []).append(path)
    ids: dict[Path, str] = {}
    for paths in by_stem.values():
        if len(paths) < 2:
            continue
        keys = [[*path.parent.resolve().parts, path.stem] for path in paths]
        for depth in range(2, max(len(key) for key in keys) + 1):
            names = ["/".join(key[-depth:]) for key in keys]
            if len(set(names)) == len(names):
                break
        else:  # the same folder and stem: report.txt and report.html
            names = [f"{name}{path.suffix}" for name, path in zip(names, paths)]
        ids.update(zip(paths, names))
    return ids


def read_articles(path: Path, published: dt.date | None = None, article_id: str | None = None) -> Iterator[Article]:
    """The articles in one file; ``published`` (from ``--published``) overrides any date found, then the
    file's own date (front matter, HTML metadata), then a date in the file name (``nyt_2016-10-13_x.txt``).
    A text or HTML article's id is ``article_id`` when given (see ``distinct_article_ids``), else the file name
    without its suffix."""
    data = _read_bytes(path)
    if path.suffix.lower() in RECORD_SUFFIXES:
        yield from _records(path, _decode(path, data), published)
        return
    text = _decode(path, data)
    if not text.strip():
        raise InputError(f"{path}: empty file")
    if path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text.lstrip("\ufeff")):
        yield _article_from_html(path, text, published, article_id or path.stem)
        return
    _check_english(text, str(path))
    article = article_from_text(text, article_id=article_id or path.stem, source=path.name, published=published,
                                where=ascii_path(path))
    yield _dated_by_name(article, path)


def ascii_path(path: Path) -> str:
    """``path`` as text that prints anywhere: a byte of a file name that is not UTF-8 shows as ``\\udc80``."""
    text = str(path)
    return ascii(text)[1:-1] if _SURROGATE.search(text) else text


def date_in_file_name(path: Path) -> dt.date | None:
    """The ISO date a file's name holds (``nyt_2016-10-13_x.txt``, ``APW19980227.0468.txt``), if any."""
    for match in _front_matter_patterns()["file_name_date"].finditer(path.stem):
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return None


def _dated_by_name(article: Article, path: Path) -> Article:
    """``article``, dated by its file's name when nothing else dated it."""
    if article.published is not None:
        return article
    date = date_in_file_name(path)
    return article.model_copy(update={"published": date}) if date else article


def _check_english(text: str, where: str) -> None:
    share, count = english_share(text)
    if not judged_english(share, count):
        raise InputError(f"{where}: does not look like English ({share:.0%} of {count} words are English "
                         f"function words); the parsers read English only")


def _article_from_html(path: Path, html: str, published: dt.date | None, article_id: str) -> Article:
    """The main text, title and date of an HTML page, extracted with trafilatura."""
    try:
        import trafilatura  # imported only for HTML input
    except ImportError as exc:  # a broken install must not stop the batch: this file fails, the others go on
        raise InputError(f"{path}: HTML input needs trafilatura, which cannot be imported ({exc}); "
                         f"reinstall factcheck with pip install -e .") from exc

    document = trafilatura.bare_extraction(html, with_metadata=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(f"{path}: no article text found in the HTML")
    _check_english(text, str(path))
    date = published
    if date is None and getattr(document, "date", None):
        date = parse_date(document.date)
    article = article_from_text(text, article_id=article_id, source=path.name, published=date,
                                title=getattr(document, "title", None), url=getattr(document, "url", None),
                                where=ascii_path(path))
    return _dated_by_name(article, path)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file (not a FIFO or a device) within the size limit, readable."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(f"{path}: not a regular file (a pipe, a device or a socket), not an article")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file that grows while it is read stops at the limit
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_BYTES:
        size = max(len(data), path.stat().st_size)
        raise InputError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one input file")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not a text article")
    return data


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}; convert the file to UTF-8") from exc


def article_from_text(
    text: str,
    article_id: str,
    source: str,
    published: dt.date | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    where: str | None = None,
) -> Article:
    """An Article whose missing metadata is read from the text's front matter; InputError for a publication
    date out of range or a value that is no valid Unicode (a lone surrogate from a JSON escape or a file name
    that is not UTF-8), naming ``where`` (the file, or the file and record; by default ``source``)."""
    where = where or ascii(source)
    for name, value in (("id", article_id), ("source", source), ("text", text), ("title", title),
                        ("publisher", publisher), ("url", url)):
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(f"{where}: its {name} holds an invalid character (a lone surrogate: "
                             f"text or file name not in UTF-8)")
    front = front_matter(text)
    check_published(published or front.get("published"), where)
    return Article(
        id=article_id,
        source=source,
        title=title or front.get("title"),
        publisher=publisher or front.get("publisher"),
        place=front.get("place"),
        published=published or front.get("published"),
        url=url,
        text=text,
        content_hash=content_hash(text),
    )


def check_published(date: dt.date | None, where: str) -> None:
    """InputError for a publication date outside ``PUBLISHED_YEARS``: a mistake, and past year 9998 the dates
    anchored on it ("tomorrow", "next year") cannot be written."""
    if date is not None and not PUBLISHED_YEARS[0] <= date.year <= PUBLISHED_YEARS[1]:
        raise InputError(f"{where}: publication date {date.isoformat()} is not between the years "
                         f"{PUBLISHED_YEARS[0]} and {PUBLISHED_YEARS[1]}")


def front_matter(text: str) -> dict[str, Any]:
    """``date`` header, dateline place and publisher, and a headline line, when present."""
    found: dict[str, Any] = {}
    text = text.lstrip("\ufeff")  # a byte-order mark stays in the article text but hides no header
    head = text[:FRONT_MATTER_CHARS]
    patterns = _front_matter_patterns()
    header = patterns["date_header"].match(head)
    if header:
        found["published"] = parse_date(header["date"])
    dateline = patterns["dateline"].search(head)
    if dateline:
        found["place"], found["publisher"] = dateline["place"], dateline["publisher"]
    lines = text.lstrip().splitlines()
    first = lines[0].strip() if lines else ""
    if len(lines) > 1 and first and len(first) <= TITLE_MAX_CHARS and not header and not dateline:
        found["title"] = first
    if "published" not in found:
        found.update(_dateline_date(lines[1:4]))
    return found


def _dateline_date(lines: list[str]) -> dict[str, dt.date]:
    """A line that is only a date ("March 01, 2008") near the top, as Wikinews prints it."""
    for line in lines:
        line = line.strip()
        if 6 <= len(line) <= 30 and re.search(r"\d{4}", line) and not re.search(r"[.!?]$", line):
            try:
                return {"published": parse_date(line)}
            except InputError:
                continue
    return {}


def parse_date(value: str) -> dt.date:
    """``YYYY-MM-DD``, or a free-form date ("March 1, 2008") parsed by dateparser; InputError otherwise."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    import dateparser  # slow to import: only when a non-ISO date needs it

    parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise InputError(f"cannot read {value!r} as a date (expected YYYY-MM-DD)")
    return parsed.date()


def _records(path: Path, content: str, published: dt.date | None) -> Iterator[Article]:
    """The article records of a JSON / JSON Lines file; NotAnArticle when no item has a ``text``."""
    if not content.strip():
        raise InputError(f"{path}: empty file")
    items: list[tuple[str, Any]] = []
    if path.suffix.lower() == ".json":
        try:
            loaded = json.loads(content)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InputError(f"{path}: invalid JSON ({exc})") from exc
        for number, item in enumerate(loaded if isinstance(loaded, list) else [loaded], start=1):
            items.append((f"{path} item {number}", item))
    else:
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append((f"{path} line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path} line {number}: invalid JSON ({exc.msg})") from exc
            except RecursionError as exc:
                raise InputError(f"{path} line {number}: invalid JSON (nested too deeply)") from exc
    if not any(isinstance(item, dict) and "text" in item for _, item in items):
        raise NotAnArticle(str(path), "holds no article records (JSON objects with a \"text\")")
    for where, item in items:
        yield _article_from_record(item, where, published)


def _article_from_record(item: Any, where: str, published: dt.date | None) -> Article:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected an object with id and text")
    text, record_id = item.get("text"), item.get("id")
    if not isinstance(record_id, (str, int)) or str(record_id) == "":
        raise InputError(f"{where}: missing id")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where} (id {record_id}): missing or empty text")
    _check_english(text, f"{where} (id {record_id})")
    date = published
    if date is None and item.get("published"):
        try:
            date = parse_date(str(item["published"]))
        except InputError as exc:
            raise InputError(f"{where} (id {record_id}): {exc}") from exc
    try:
        return article_from_text(text, article_id=str(record_id), source=str(record_id), published=date,
                                 title=item.get("title"), publisher=item.get("publisher"), url=item.get("url"),
                                 where=f"{where} (id {ascii(str(record_id))[1:-1]})")
    except ValidationError as exc:  # "title": 42, "url": {...}
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise InputError(f"{where} (id {record_id}): {field}: {error['msg']}") from None
