"""The visual timeline page in a real browser: bars in date order, status colours, conflict markers."""

from __future__ import annotations

import pytest

from factcheck.models import Review
from factcheck.storage import add_review, now

from browser_support import browser_required, datasette_server
from conftest import timeline_database

pytestmark = browser_required
VERIFIED_GREEN = "rgb(46, 158, 68)"


@pytest.fixture
def timeline_site(tmp_path, seed_doc):
    path = tmp_path / "factcheck.db"
    db = timeline_database(path, seed_doc)
    [request] = [e for e in seed_doc.events if e.trigger == "requested"]
    add_review(db, Review(record_kind="event", record_id=request.id, status="verified", reviewer="alice", created=now()))
    entries = db["timeline_entries"].count
    db.close()
    with datasette_server(path) as base:
        yield base, entries


def test_timeline_page_draws_entries_in_date_order_with_status_and_conflicts(timeline_site, browser, tmp_path):
    base, entries = timeline_site
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(base + "/")
    page.click("text=visual timeline")
    page.wait_for_url(base + "/-/factcheck/timeline")
    bars = page.locator("a.fc-bar")
    assert bars.count() >= 4

    def box(entry_id):
        return page.locator(f'a.fc-bar[data-entry="{entry_id}"]').bounding_box()

    bucharest, application = box("bucharest-summit-declaration"), box("ukraine-accelerated-membership-application")
    ministers, vilnius = box("nato-defence-ministers-brussels-2023-06"), box("vilnius-summit-2023")
    assert bucharest["x"] < application["x"] < ministers["x"] <= vilnius["x"]
    application_bar = page.locator('a.fc-bar[data-entry="ukraine-accelerated-membership-application"]')
    assert application_bar.get_attribute("data-status") == "verified"
    assert application_bar.evaluate("el => getComputedStyle(el).backgroundColor") == VERIFIED_GREEN
    bucharest_label = page.locator(".fc-label", has=page.locator('a[href$="/timeline_entries/bucharest-summit-declaration"]'))
    assert "⚠ 1" in bucharest_label.inner_text()
    screenshot = page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
    assert screenshot[:8] == b"\x89PNG\r\n\x1a\n" and len(screenshot) > 10_000
    page.locator('a.fc-bar[data-entry="vilnius-summit-2023"]').click()
    page.wait_for_url(base + "/factcheck/timeline_entries/vilnius-summit-2023")
    assert "NATO Vilnius summit" in page.content()
