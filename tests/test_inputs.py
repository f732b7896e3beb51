"""Reading articles: .txt front matter, JSON Lines records, directories and clear errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factcheck.errors import InputError
from factcheck.inputs import iter_files, read_articles

from conftest import SEED


def test_txt_text_is_kept_exactly_as_read():
    [article] = read_articles(SEED)
    assert article.text == SEED.read_text(encoding="utf-8")
    assert article.id == "000_4074f54713a64406" and article.source == "000_4074f54713a64406.txt"


def test_published_option_overrides_the_header(tmp_path):
    [article] = read_articles(SEED, published=dt.date(2024, 1, 2))
    assert article.published == dt.date(2024, 1, 2)


def test_jsonl_records_keep_their_id_as_source(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    records = [{"id": "a1", "text": "KYIV (AP) — Troops withdrew on Monday.", "published": "2023-06-15"},
               {"id": "a2", "text": "Second story.\nIt rained.", "published": "June 16, 2023", "title": "Rain"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles = list(read_articles(path))
    assert [(a.source, a.published, a.place, a.publisher) for a in articles] == [
        ("a1", dt.date(2023, 6, 15), "KYIV", "AP"), ("a2", dt.date(2023, 6, 16), None, None)]
    assert articles[1].title == "Rain"


def test_headline_line_becomes_the_title(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Clinton leads in new poll\n\nHillary Clinton leads Donald Trump by four points.\n", encoding="utf-8")
    assert next(read_articles(path)).title == "Clinton leads in new poll"


def test_directories_are_read_recursively(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("One story.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Two story.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path])] == ["one.txt", "two.txt"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
])
def test_bad_files_raise_an_error_naming_the_file(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as error:
        list(read_articles(path))
    assert str(path) in str(error.value)


def test_jsonl_record_without_text_names_the_line(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "ok", "text": "Fine."}\n{"id": "x2"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"batch.jsonl line 2 \(id x2\): missing or empty text"):
        list(read_articles(path))


def test_missing_path_is_an_error_and_the_other_paths_are_still_walked(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    missing, found = iter_files([tmp_path / "nope.txt", tmp_path / "a.txt"])
    assert isinstance(missing, InputError) and "nope.txt: no such file" in str(missing)
    assert found == tmp_path / "a.txt"
