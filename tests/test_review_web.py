"""Reviewing in Datasette over HTTP: editors only, CSRF-checked, appended to history, visible to all."""

from __future__ import annotations

import re

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from conftest import ROOT, seed_database

CLAIM_TEXT = "NATO has no official presence in Ukraine"


@pytest.fixture
def site(tmp_path, monkeypatch, seed_doc):
    path, editors = seed_database(tmp_path, seed_doc)
    monkeypatch.setenv("FACTCHECK_EDITORS_DIR", str(editors))
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette([str(path)], metadata=metadata)
    [claim_id] = [r["id"] for r in sqlite_utils.Database(path)["claims"].rows_where("text = ?", [CLAIM_TEXT])]
    return ds, path, claim_id


def actor_cookie(ds, name):
    return {"ds_actor": ds.sign({"a": {"id": name}}, "actor")}


async def form_token(ds, path, cookies):
    """The csrftoken of the review form on a row page, and the cookies that go with it."""
    response = await ds.client.get(path, cookies=cookies)
    match = re.search(r'name="csrftoken" value="([^"]+)"', response.text)
    assert match, "no review form on the page"
    return match.group(1), {**cookies, "ds_csrftoken": response.cookies.get("ds_csrftoken") or ""}


async def login_form(ds):
    """The csrftoken of the login form, and the cookie that goes with it."""
    login = await ds.client.get("/-/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', login.text).group(1)
    return token, {"ds_csrftoken": login.cookies["ds_csrftoken"]}


def review_form(claim_id, token=None, status="verified", **extra):
    form = {"database": "factcheck", "record_kind": "claim", "record_id": claim_id, "status": status,
            "note": "NATO's own site lists no mission in Ukraine", "evidence_url": "https://www.nato.int/"}
    if token:
        form["csrftoken"] = token
    form.update(extra)
    return form


def reviews(path):
    return list(sqlite_utils.Database(path)["reviews"].rows)


@pytest.mark.asyncio
async def test_editor_review_is_saved_and_shown_in_history(site):
    ds, path, claim_id = site
    cookies = actor_cookie(ds, "alice")
    token, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", cookies)
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token), cookies=cookies)
    assert response.status_code == 302
    assert sqlite_utils.Database(path)["claims"].get(claim_id)["review_status"] == "verified"
    [review] = reviews(path)
    assert (review["reviewer"], review["status"], review["evidence_url"]) == ("alice", "verified", "https://www.nato.int/")
    page = (await ds.client.get(f"/factcheck/claims/{claim_id}")).text
    assert "NATO&#39;s own site lists no mission in Ukraine" in page and ">alice<" in page


@pytest.mark.asyncio
async def test_anonymous_post_is_refused_and_writes_nothing(site):
    ds, path, claim_id = site
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id))
    assert response.status_code == 403
    assert reviews(path) == []
    assert sqlite_utils.Database(path)["claims"].get(claim_id)["review_status"] == "unreviewed"


@pytest.mark.asyncio
async def test_forged_post_without_csrf_token_is_refused(site):
    ds, path, claim_id = site
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id), cookies=actor_cookie(ds, "alice"))
    assert response.status_code == 403
    assert reviews(path) == []


@pytest.mark.asyncio
async def test_forged_post_with_a_wrong_token_is_refused(site):
    ds, path, claim_id = site
    _, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", actor_cookie(ds, "alice"))
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, "forged"), cookies=cookies)
    assert response.status_code == 403
    assert reviews(path) == []


@pytest.mark.asyncio
async def test_logged_in_non_editor_is_refused(site):
    ds, path, claim_id = site
    page = await ds.client.get(f"/factcheck/claims/{claim_id}", cookies=actor_cookie(ds, "mallory"))
    assert 'name="csrftoken"' not in page.text.split('class="factcheck-review"')[1]
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id), cookies=actor_cookie(ds, "mallory"))
    assert response.status_code == 403
    assert reviews(path) == []


@pytest.mark.asyncio
async def test_anonymous_visitor_sees_status_and_history_but_no_form(site):
    ds, path, claim_id = site
    token, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", actor_cookie(ds, "alice"))
    await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token, status="misleading"), cookies=cookies)
    page = (await ds.client.get(f"/factcheck/claims/{claim_id}")).text
    review_section = page.split('class="factcheck-review"')[1]
    assert "factcheck-review-form" not in review_section and "log in" in review_section
    assert '<td class="factcheck-status">misleading</td>' in review_section
    data = (await ds.client.get(f"/factcheck/claims/{claim_id}.json?_shape=objects")).json()
    assert data["rows"][0]["review_status"] == "misleading"


@pytest.mark.asyncio
@pytest.mark.parametrize("field, value, message", [
    ("status", "probably", "unknown review status"),
    ("evidence_url", "javascript:alert(1)", "must start with http"),
    ("record_id", "c_missing", "no claim with id"),
])
async def test_invalid_review_is_rejected_and_writes_nothing(site, field, value, message):
    ds, path, claim_id = site
    token, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", actor_cookie(ds, "alice"))
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token, **{field: value}),
                                    cookies=cookies)
    assert response.status_code in (400, 404) and message in response.text
    assert reviews(path) == []


@pytest.mark.asyncio
async def test_editor_logs_in_with_password(site):
    ds, _, _ = site
    token, cookies = await login_form(ds)
    wrong = await ds.client.post("/-/login", data={"username": "alice", "password": "nope", "csrftoken": token},
                                 cookies=cookies)
    assert "Invalid username or password" in wrong.text and "ds_actor" not in wrong.cookies
    right = await ds.client.post("/-/login", data={"username": "alice", "password": "correct horse battery",
                                                   "csrftoken": token}, cookies=cookies)
    assert right.status_code == 302 and ds.unsign(right.cookies["ds_actor"], "actor") == {"a": {"id": "alice"}}


@pytest.mark.asyncio
async def test_metadata_never_shows_password_hashes(site):
    ds, _, _ = site
    text = (await ds.client.get("/-/metadata.json")).text
    assert "pbkdf2" not in text


@pytest.mark.asyncio
async def test_public_pages_show_nothing_about_accounts(site, tmp_path):
    # /-/metadata.json listed every editor and the absolute path of its hash file to anonymous visitors
    ds, _, _ = site
    for page in ("/-/metadata.json", "/-/metadata", "/-/plugins.json", "/-/settings.json"):
        text = (await ds.client.get(page)).text
        assert "alice" not in text and str(tmp_path) not in text and ".hash" not in text, page
    assert ds.plugin_config("datasette-auth-passwords")["alice_password_hash"]  # the login plugin still has them


@pytest.mark.asyncio
async def test_the_password_tool_is_off(site):
    # anyone could make the server compute password hashes
    ds, _, _ = site
    for method in (ds.client.get, ds.client.post):
        response = await method("/-/password-tool")
        assert response.status_code == 404 and "factcheck add-editor" in response.text


@pytest.mark.asyncio
async def test_repeated_failed_logins_lock_the_account_out(site):
    # 30 wrong passwords in 9 s were all answered
    ds, _, _ = site
    token, cookies = await login_form(ds)

    async def attempt(password):
        return await ds.client.post("/-/login", data={"username": "alice", "password": password, "csrftoken": token},
                                    cookies=cookies)

    statuses = [(await attempt(f"guess {n}")).status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    locked = await attempt("correct horse battery")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 60 and "ds_actor" not in locked.cookies


@pytest.mark.asyncio
async def test_editor_added_while_serving_can_review_at_once(site, tmp_path):
    from factcheck.editors import add_editor

    ds, path, claim_id = site
    assert (await ds.client.post("/-/factcheck/review", data=review_form(claim_id), cookies=actor_cookie(ds, "bob"))).status_code == 403
    add_editor(tmp_path / "editors", "bob", "another long password")
    token, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", actor_cookie(ds, "bob"))
    response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token), cookies=cookies)
    assert response.status_code == 302 and [r["reviewer"] for r in reviews(path)] == ["bob"]


@pytest.mark.asyncio
async def test_stale_reviewed_record_is_flagged_on_its_page(site):
    ds, path, claim_id = site
    db = sqlite_utils.Database(path)
    db["claims"].update(claim_id, {"stale": 1})
    page = (await ds.client.get(f"/factcheck/claims/{claim_id}")).text
    assert "Kept for its reviews" in page
    other = next(r["id"] for r in db["claims"].rows if r["id"] != claim_id)
    assert "Kept for its reviews" not in (await ds.client.get(f"/factcheck/claims/{other}")).text


@pytest.mark.asyncio
async def test_datasette_connections_wait_as_long_as_factcheck_ones(site):
    # Datasette's write connection used SQLite's 5 s default: reviews failed with "database is locked" during ingests
    from factcheck.storage import BUSY_TIMEOUT_MS

    ds, _, _ = site
    db = ds.get_database("factcheck")
    read = await db.execute_fn(lambda conn: conn.execute("pragma busy_timeout").fetchone()[0])
    write = await db.execute_write_fn(lambda conn: conn.execute("pragma busy_timeout").fetchone()[0], block=True)
    assert read == write == BUSY_TIMEOUT_MS


@pytest.mark.asyncio
async def test_a_review_refused_for_a_locked_database_is_a_retryable_503(site, monkeypatch):
    import sqlite3

    import factcheck.datasette_plugin as plugin

    monkeypatch.setattr(plugin, "BUSY_TIMEOUT_MS", 50)
    ds, path, claim_id = site
    cookies = actor_cookie(ds, "alice")
    token, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", cookies)
    holder = sqlite3.connect(str(path))
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the timeout
    try:
        response = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token), cookies=cookies)
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert "the review was not saved" in response.text
    assert reviews(path) == []


@pytest.mark.asyncio
async def test_posts_anywhere_but_the_review_and_login_pages_are_refused_not_errors(site):
    # anonymous POSTs to canned queries and tables answered 500
    ds, _, _ = site
    for page in ("/factcheck/unreviewed_claims", "/factcheck/claims", "/factcheck", "/-/factcheck/timeline"):
        response = await ds.client.post(page, data={"sql": "delete from claims"})
        assert response.status_code == 405 and "read-only" in response.text, page


@pytest.mark.asyncio
async def test_malformed_review_posts_are_client_errors(site):
    # a multipart post, database=_internal and a note of a megabyte answered 500 or were stored
    ds, path, claim_id = site
    cookies = actor_cookie(ds, "alice")
    token, cookies = await form_token(ds, f"/factcheck/claims/{claim_id}", cookies)
    multipart = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token),
                                     files={"evidence": ("x.txt", b"x")}, cookies=cookies)
    internal = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token, database="_internal"),
                                    cookies=cookies)
    huge = await ds.client.post("/-/factcheck/review", data=review_form(claim_id, token, note="x" * 1_000_000),
                                cookies=cookies)
    assert (multipart.status_code, internal.status_code, huge.status_code) == (415, 400, 400)
    assert "at most 10000 characters" in huge.text
    assert reviews(path) == []


@pytest.mark.asyncio
async def test_logging_in_from_a_claim_page_returns_to_it(site):
    # the "log in" link returned the editor to "/", not to the claim
    ds, _, claim_id = site
    page = (await ds.client.get(f"/factcheck/claims/{claim_id}")).text
    link = re.search(r'href="(/-/login\?next=[^"]+)"', page).group(1).replace("&amp;", "&")
    login = await ds.client.get(link)
    token = re.search(r'name="csrftoken" value="([^"]+)"', login.text).group(1)
    cookies = {name: value for name, value in login.cookies.items()}
    right = await ds.client.post("/-/login", data={"username": "alice", "password": "correct horse battery",
                                                   "csrftoken": token}, cookies=cookies)
    assert right.status_code == 302 and right.headers["location"] == f"/factcheck/claims/{claim_id}"
    assert ds.unsign(right.cookies["ds_actor"], "actor") == {"a": {"id": "alice"}}


@pytest.mark.parametrize("value", ["https://evil.example/", "//evil.example/x", "/\\\\evil.example", "javascript:x", ""])
def test_only_pages_of_the_site_are_returned_to(value):
    from factcheck.datasette_plugin.accounts import safe_next

    assert safe_next(value) is None
    assert safe_next("/factcheck/claims/c_1") == "/factcheck/claims/c_1"
