"""Datasette publishing: the plugin highlights spans (escaped), metadata and canned queries work."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
import yaml
from datasette.app import Datasette

from factcheck.inputs import article_from_text
from factcheck.pipeline import parse
from factcheck.storage import open_db, save_document

from conftest import ROOT, timeline_database


@pytest.fixture
def datasette(tmp_path, seed_doc):
    path = tmp_path / "factcheck.db"
    db = open_db(path)
    save_document(db, seed_doc)
    hostile = "<script>alert(1)</script>\nOfficials said that the bridge would reopen in 2024 after repairs."
    save_document(db, parse(article_from_text(hostile, "x1", "x1.txt", dt.date(2023, 6, 15))))
    db.close()
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette([str(path)], metadata=metadata)


def timeline_site(path, seed_doc):
    """Datasette over the curated seed timeline database at ``path`` (see ``conftest.timeline_database``)."""
    timeline_database(path, seed_doc).close()
    return Datasette([str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")))


async def rows(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.asyncio
async def test_row_page_highlights_the_span_in_its_article(datasette, seed_doc):
    [quote] = [q for q in seed_doc.quotes if q.kind == "mixed"]
    response = await datasette.client.get(f"/factcheck/quotes/{quote.id}")
    assert '<mark class="factcheck-span">agree on a multi-year program' in response.text


@pytest.mark.asyncio
async def test_article_text_is_escaped_on_row_pages(datasette):
    [quote] = await rows(datasette, "/factcheck/quotes.json?_shape=array&article_id=x1")
    response = await datasette.client.get(f"/factcheck/quotes/{quote['id']}")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.asyncio
async def test_timeline_query_lists_events_in_date_order(datasette):
    events = await rows(datasette, "/factcheck/timeline.json?_shape=array&from=&to=")
    starts = [e["date_start"] or e["date_end"] for e in events]
    assert starts == sorted(starts) and starts[0] == "2008-01-01"
    assert any(e["description"].startswith("Russia has annexed the Crimean peninsula") for e in events)


@pytest.mark.asyncio
async def test_quotes_by_speaker_and_unreviewed_claims(datasette):
    quotes = await rows(datasette, "/factcheck/quotes_by_speaker.json?_shape=array&speaker=Stoltenberg")
    assert len(quotes) == 3
    claims = await rows(datasette, "/factcheck/unreviewed_claims.json?_shape=array")
    scores = [c["checkworthiness"] for c in claims]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.asyncio
async def test_every_column_has_a_description(datasette):
    for table in ("articles", "timexes", "events", "quotes", "claims", "reviews", "people"):
        columns = (await rows(datasette, f"/factcheck/{table}.json?_size=0"))["columns"]
        metadata = datasette.table_metadata("factcheck", table)
        assert metadata.get("description"), table
        missing = [c for c in columns if not metadata.get("columns", {}).get(c)]
        assert missing == [], f"{table}: {missing}"


@pytest.mark.asyncio
async def test_default_facets_and_csv_export(datasette):
    data = await rows(datasette, "/factcheck/quotes.json")
    assert "speaker" in data["facet_results"]
    events = await rows(datasette, "/factcheck/events.json")
    years = {item["value"] for item in events["facet_results"]["year"]["results"]}
    assert {2008, 2022, 2023} <= years
    claims = await rows(datasette, "/factcheck/claims.json")
    assert {"review_status", "claimant"} <= set(claims["facet_results"])
    response = await datasette.client.get("/factcheck/claims.csv?_stream=on")
    assert response.status_code == 200 and "NATO has no official presence in Ukraine" in response.text


@pytest.mark.asyncio
async def test_search_skips_default_facets_unless_one_is_asked_for(datasette):
    searched = await rows(datasette, "/factcheck/claims.json?_search=presence")
    text = searched["columns"].index("text")
    assert [row[text] for row in searched["rows"]] == ["NATO has no official presence in Ukraine"]
    assert searched["filtered_table_rows_count"] == 1
    assert searched["facet_results"] == {}
    faceted = await rows(datasette, "/factcheck/claims.json?_search=presence&_facet=kind&_nofacet=1")
    assert set(faceted["facet_results"]) >= {"kind"}
    unsearched = await rows(datasette, "/factcheck/claims.json")
    assert {"review_status", "claimant", "kind"} <= set(unsearched["facet_results"])


@pytest.mark.parametrize("rewrite, query, expected", [
    ("search_without_default_facets", b"_search=nato", b"_search=nato&_nofacet=1"),
    ("search_without_default_facets", b"_search=nato&_facet=kind&_nofacet=1", b"_search=nato&_facet=kind"),
    ("search_without_default_facets", b"kind=quote", b"kind=quote"),
    ("search_without_default_facets", b"", b""),
    ("search_counted_from_index", b"_search=nato", b"_search=nato&_nocount=index"),
    ("search_counted_from_index", b"_search=nato&kind=quote&_nocount=index", b"_search=nato&kind=quote"),
    ("search_counted_from_index", b"_search=nato&_nocount=1", b"_search=nato&_nocount=1"),
    ("search_counted_from_index", b"kind=quote", b"kind=quote"),
])
def test_query_string_rewrites_for_searches(rewrite, query, expected):
    import factcheck.datasette_plugin as plugin

    assert getattr(plugin, rewrite)(query) == expected


@pytest.mark.asyncio
async def test_search_page_counts_matches_from_the_full_text_index(datasette):
    page = await datasette.client.get("/factcheck/claims?_search=presence")
    assert page.status_code == 200
    assert "1 row" in page.text and "NATO has no official presence in Ukraine" in page.text
    filtered = await datasette.client.get("/factcheck/claims?_search=presence&kind=quote&_nocount=index")
    assert filtered.status_code == 200 and "0 rows" in filtered.text  # a column filter: Datasette counts


@pytest.mark.asyncio
async def test_a_facet_asked_for_twice_is_counted_once(datasette):
    from factcheck.datasette_plugin import default_facets, without_repeated_facets

    assert default_facets(datasette, "/factcheck/claims.json") == ["review_status", "claimant", "kind"]
    assert default_facets(datasette, "/factcheck") == []
    assert without_repeated_facets(b"kind=quote&_facet=claimant", ["claimant"]) == b"kind=quote"
    assert without_repeated_facets(b"_facet=article_id", ["claimant"]) == b"_facet=article_id"
    data = await rows(datasette, "/factcheck/claims.json?_facet=claimant&_facet=article_id")
    assert {"claimant", "article_id", "kind"} <= set(data["facet_results"])


def test_only_template_pages_are_html_pages():
    from factcheck.datasette_plugin import is_html_page

    assert is_html_page("/factcheck/claims") and not is_html_page("/factcheck/claims.json")


@pytest.mark.asyncio
async def test_timeline_entries_query_counts_mentions_sources_and_conflicts(tmp_path, seed_doc):
    path = tmp_path / "factcheck.db"
    ds = timeline_site(path, seed_doc)
    entries = await rows(ds, "/factcheck/timeline_entries_by_date.json?_shape=array")
    bucharest = next(e for e in entries if e["id"] == "bucharest-summit-declaration")
    assert (bucharest["mentions"], bucharest["sources"], bucharest["conflicts"]) == (2, 2, 1)
    assert (bucharest["earliest_reported"], bucharest["latest_reported"]) == ("2008-01-01", "2009-12-31")
    assert [e["date_start"] or e["date_end"] for e in entries][:4] == ["2008-04-03", "2022-09-30", "2023-06-15", "2023-06-15"]
    conflicts = await rows(ds, "/factcheck/date_conflicts.json?_shape=array")
    assert [c["reported"] for c in conflicts] == ["2009"]


@pytest.mark.asyncio
async def test_every_table_and_canned_query_exports_csv_and_json(datasette):
    tables = ["articles", "timexes", "events", "quotes", "claims", "reviews", "people", "timeline_entries"]
    for table in tables:
        data = (await datasette.client.get(f"/factcheck/{table}.json?_size=max")).json()
        csv_rows = list(csv.reader(io.StringIO((await datasette.client.get(f"/factcheck/{table}.csv?_stream=on")).text)))
        assert csv_rows[0] == data["columns"], table
        assert len(csv_rows) - 1 == len(data["rows"]) == data["filtered_table_rows_count"], table
    queries = {"timeline": "&from=&to=", "quotes_by_speaker": "&speaker=Stoltenberg", "unreviewed_claims": "",
               "timeline_entries_by_date": "", "entry_mentions": "&entry=x", "date_conflicts": ""}
    for name, params in queries.items():
        json_response = await datasette.client.get(f"/factcheck/{name}.json?_shape=array{params}")
        csv_response = await datasette.client.get(f"/factcheck/{name}.csv?{params.lstrip('&')}")
        assert json_response.status_code == 200 and csv_response.status_code == 200, name
        assert len(list(csv.reader(io.StringIO(csv_response.text)))) == len(json_response.json()) + 1, name
    quotes_csv = (await datasette.client.get("/factcheck/quotes.csv?_stream=on")).text
    assert quotes_csv.count("Jens Stoltenberg") >= 3


@pytest.mark.asyncio
async def test_metadata_applies_to_a_database_whatever_its_file_is_called(tmp_path, seed_doc):
    path = tmp_path / "polnear.db"
    ds = timeline_site(path, seed_doc)
    claims = await rows(ds, "/polnear/unreviewed_claims.json?_shape=array")
    assert claims and [c["checkworthiness"] for c in claims] == sorted((c["checkworthiness"] for c in claims), reverse=True)
    table = await rows(ds, "/polnear/claims.json?_size=1")
    assert set(table["facet_results"]) == {"review_status", "claimant", "kind"}
    assert ds.table_metadata("polnear", "claims")["description"].startswith("Check-worthy claims")
    assert ds.table_metadata("polnear", "claims")["columns"]["claimant"]
    page = (await ds.client.get("/-/factcheck/timeline")).text
    link = re.search(r'href="(/polnear/entry_mentions\?entry=[^"]+)"', page)
    assert link, "the timeline's mention links name the served database"
    mentions = await rows(ds, link.group(1).replace("&amp;", "&").replace("entry_mentions?", "entry_mentions.json?_shape=array&"))
    assert mentions


@pytest.mark.asyncio
async def test_visual_timeline_shows_a_page_of_the_best_sourced_entries_narrowed_by_dates_and_words(tmp_path, seed_doc):
    # 1,238 articles gave a page of 25,582 entries in as many lanes that took 25 s: it shows a page now
    path = tmp_path / "factcheck.db"
    ds = timeline_site(path, seed_doc)

    async def entries(query):
        page = (await ds.client.get("/-/factcheck/timeline" + query)).text
        return re.findall(r'data-entry="([^"]+)"', page), page

    everything, page = await entries("")
    assert "bucharest-summit-declaration" in everything and len(everything) >= 4
    first, page = await entries("?limit=1")
    assert first == ["bucharest-summit-declaration"]  # two sources: the best sourced
    assert f"Showing the 1 entries reported by the most\nsources, of {len(everything)} that match" in page
    assert (await entries("?q=Vilnius"))[0] == ["vilnius-summit-2023"]
    recent, _ = await entries("?from=2023&to=2023")
    assert recent and "bucharest-summit-declaration" not in recent and "ukraine-accelerated-membership-application" not in recent
    assert re.search(r'href="\?from=2008&amp;to=2008">2008</a> \(1\)', page)  # the years, each a link
    wrong, page = await entries("?from=last+week")
    assert sorted(wrong) == sorted(everything) and "&#39;from&#39; should be a year or a date" in page


@pytest.mark.asyncio
async def test_a_record_page_links_to_its_article_whatever_the_article_id_holds(tmp_path):
    # ids like "x/report" (two files named report.txt) or "ABC19980108.1830.0711" gave article links that 404
    path = tmp_path / "factcheck.db"
    db = open_db(path)
    for year, article_id in enumerate(("x/report", "ABC19980108.1830.0711"), start=2024):
        save_document(db, parse(article_from_text(f"Officials said that the bridge would reopen in {year} after repairs.",
                                                  article_id, "report.txt", dt.date(2023, 6, 15))))
    db.close()
    ds = Datasette([str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")))
    for article_id in ("x/report", "ABC19980108.1830.0711"):
        [timex] = await rows(ds, f"/factcheck/timexes.json?_shape=array&article_id={article_id}")
        page = (await ds.client.get(f"/factcheck/timexes/{timex['id']}")).text
        [link] = re.findall(r'href="(/factcheck/articles/[^"]+)"', page)
        article = await ds.client.get(link)
        assert article.status_code == 200 and article_id in article.text
