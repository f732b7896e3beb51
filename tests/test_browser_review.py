"""A real browser (Playwright driving Debian's Chromium) reviews a claim through Datasette."""

from __future__ import annotations

import pytest
import sqlite_utils

from browser_support import browser_required, datasette_server
from conftest import seed_database

CLAIM_TEXT = "NATO has no official presence in Ukraine"

pytestmark = browser_required


@pytest.fixture
def server(tmp_path, seed_doc):
    path, editors = seed_database(tmp_path, seed_doc)
    [claim_id] = [r["id"] for r in sqlite_utils.Database(path)["claims"].rows_where("text = ?", [CLAIM_TEXT])]
    with datasette_server(path, editors) as base:
        yield base, path, claim_id


def test_editor_marks_claim_verified_and_anonymous_cannot_write(server, browser):
    base, path, claim_id = server
    editor = browser.new_page()
    editor.goto(f"{base}/-/login")
    editor.fill("input[name=username]", "alice")
    editor.fill("input[name=password]", "correct horse battery")
    editor.click("input[type=submit]")
    editor.goto(f"{base}/factcheck/claims/{claim_id}")
    assert editor.locator("mark.factcheck-span").inner_text() == CLAIM_TEXT
    editor.select_option("select[name=status]", "verified")
    editor.fill("textarea[name=note]", "NATO lists no mission in Ukraine")
    editor.fill("input[name=evidence_url]", "https://www.nato.int/")
    editor.click("text=Save review")
    editor.wait_for_url(f"{base}/factcheck/claims/{claim_id}?saved=1#review")
    # the page says the review was saved, and the form keeps the status (it reset to "Unreviewed", so a later
    # note silently undid the status)
    assert "Review saved: this claim is now verified" in " ".join(editor.locator("p.factcheck-saved").inner_text().split())
    assert editor.locator("select[name=status]").input_value() == "verified"
    history = editor.locator("table.factcheck-history tbody tr")
    assert history.count() == 1
    assert history.first.locator("td.factcheck-status").inner_text() == "verified"
    assert "NATO lists no mission in Ukraine" in history.first.inner_text()
    assert sqlite_utils.Database(path)["claims"].get(claim_id)["review_status"] == "verified"

    anonymous = browser.new_context().new_page()
    anonymous.goto(f"{base}/factcheck/claims/{claim_id}")
    assert anonymous.locator("td.col-review_status").inner_text() == "verified"
    assert anonymous.locator("table.factcheck-history td.factcheck-status").inner_text() == "verified"
    assert anonymous.locator("form.factcheck-review-form").count() == 0
    assert anonymous.locator("text=Save review").count() == 0
    response = anonymous.request.post(f"{base}/-/factcheck/review", form={
        "database": "factcheck", "record_kind": "claim", "record_id": claim_id, "status": "false"})
    assert response.status == 403
    assert [r["status"] for r in sqlite_utils.Database(path)["reviews"].rows] == ["verified"]
