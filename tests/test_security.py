"""Security: markup in articles, quotes and notes is escaped in the browser; writes need an editor;
the server binds to localhost; user input never reaches SQL as text."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlite_utils
from datasette.app import Datasette

from factcheck.cli import serve
from factcheck.editors import add_editor
from factcheck.inputs import article_from_text
from factcheck.models import Review
from factcheck.pipeline import parse
from factcheck.storage import add_review, now, open_db, record_span, relink_timeline, save_document

from browser_support import browser_required, datasette_server

PAYLOAD = "<script>alert('owned')</script>"
HOSTILE = (f"{PAYLOAD} Officials said that the bridge {PAYLOAD} would reopen in 2024.\n"
           f"“We will rebuild it <img src=x onerror=alert(2)> by March 3, 2024,” Mayor Ann Lee said on Monday.")


@pytest.fixture
def hostile_db(tmp_path):
    path = tmp_path / "factcheck.db"
    db = open_db(path)
    doc = parse(article_from_text(HOSTILE, "x1", "x1.txt", dt.date(2023, 6, 15)))
    save_document(db, doc)
    relink_timeline(db)
    [quote] = [q for q in doc.quotes if q.speaker == "Ann Lee"]
    claim = next(c for c in doc.claims if c.quote_id == quote.id)
    add_review(db, Review(record_kind="claim", record_id=claim.id, status="false", reviewer="alice",
                          note=f"see {PAYLOAD}", created=now()))
    db.close()
    return path, quote.id, claim.id


@browser_required
def test_markup_in_articles_quotes_and_notes_is_shown_as_text_and_never_runs(hostile_db, browser):
    path, quote_id, claim_id = hostile_db
    with datasette_server(path) as base:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for url in (f"/factcheck/quotes/{quote_id}", f"/factcheck/claims/{claim_id}", "/factcheck/articles/x1",
                    "/-/factcheck/timeline", "/factcheck/quotes"):
            page.goto(base + url)
            page.wait_for_load_state("load")
        page.goto(f"{base}/factcheck/claims/{claim_id}")
        assert PAYLOAD in page.locator("table.factcheck-history").inner_text()
        page.goto(f"{base}/factcheck/quotes/{quote_id}")
        assert "<img src=x onerror=alert(2)>" in page.locator("mark.factcheck-span").inner_text()
        assert page.locator("script:text('owned')").count() == 0
    assert dialogs == []


@pytest.mark.asyncio
async def test_record_kind_or_id_with_sql_does_nothing(hostile_db, tmp_path, monkeypatch):
    path, _, claim_id = hostile_db
    editors = tmp_path / "editors"
    add_editor(editors, "alice", "correct horse battery")
    monkeypatch.setenv("FACTCHECK_EDITORS_DIR", str(editors))
    ds = Datasette([str(path)])
    cookies = {"ds_actor": ds.sign({"a": {"id": "alice"}}, "actor")}
    page = await ds.client.get(f"/factcheck/claims/{claim_id}", cookies=cookies)
    token = page.text.split('name="csrftoken" value="')[1].split('"')[0]
    cookies["ds_csrftoken"] = page.cookies["ds_csrftoken"]
    for kind, record_id in (("claim; drop table claims", claim_id), ("claim", f"{claim_id}' or '1'='1")):
        response = await ds.client.post("/-/factcheck/review", cookies=cookies, data={
            "csrftoken": token, "database": "factcheck", "record_kind": kind, "record_id": record_id, "status": "verified"})
        assert response.status_code in (400, 404)
    db = sqlite_utils.Database(path)
    assert db["claims"].count > 0 and [r["status"] for r in db["reviews"].rows] == ["false"]
    with pytest.raises(KeyError):
        record_span(db, "claims where 1=1; --", claim_id)


def test_serve_binds_to_localhost_by_default():
    host = next(param for param in serve.params if param.name == "host")
    assert host.default == "127.0.0.1"
