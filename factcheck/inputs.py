"""Read articles from .txt files, JSON / JSON Lines records and directories.

Text is kept exactly as read: offsets of every record point into it. Front matter (a ``date
YYYY-MM-DD`` header, an AP-style dateline ``BRUSSELS (AP) —``, a headline line) is read from the text
but not removed. Every failure raises InputError naming the file (and the record).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any, Iterator

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
            for found in sorted(p for p in path.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()):
                reason = non_article_reason(found.relative_to(path))
                yield NotAnArticle(str(found), reason) if reason else found
        elif path.exists():
            yield path
        else:
            yield InputError(f"{path}: no such file or directory")


def non_article_reason(relative: Path) -> str | None:
    """Why a file found in a folder is no article, judged by its name; None when it may be one."""
    if any(part.startswith(".") for part in relative.parts):
        return "a hidden file"
    name = relative.name.lower()
    for pattern in load_set("non_article_names.txt"):
        if name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1])):
            return f"not an article by its name ({relative.name})"
    return None


def read_articles(path: Path, published: dt.date | None = None) -> Iterator[Article]:
    """The articles in one file; ``published`` (from ``--published``) overrides any date found, then the
    file's own date (front matter, HTML metadata), then a date in the file name (``nyt_2016-10-13_x.txt``)."""
    data = _read_bytes(path)
    if path.suffix.lower() in RECORD_SUFFIXES:
        yield from _records(path, _decode(path, data), published)
        return
    text = _decode(path, data)
    if not text.strip():
        raise InputError(f"{path}: empty file")
    if path.suffix.lower() in HTML_SUFFIXES or HTML_START.match(text.lstrip("\ufeff")):
        yield _article_from_html(path, text, published)
        return
    _check_english(text, str(path))
    article = article_from_text(text, article_id=path.stem, source=path.name, published=published)
    yield _dated_by_name(article, path)


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


def _article_from_html(path: Path, html: str, published: dt.date | None) -> Article:
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
    article = article_from_text(text, article_id=path.stem, source=path.name, published=date,
                                title=getattr(document, "title", None), url=getattr(document, "url", None))
    return _dated_by_name(article, path)


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size:,} bytes is over the {MAX_BYTES:,}-byte limit for one input file")
    data = path.read_bytes()
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
) -> Article:
    """An Article whose missing metadata is read from the text's front matter."""
    front = front_matter(text)
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
                                 title=item.get("title"), publisher=item.get("publisher"), url=item.get("url"))
    except ValidationError as exc:  # "title": 42, "url": {...}
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise InputError(f"{where} (id {record_id}): {field}: {error['msg']}") from None
