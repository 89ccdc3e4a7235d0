"""The facet counts the server keeps (``web.facet_cache``) are never older than the store: an ingest
beside the server, then the same search or the same page (a speaker's, an event's, the positions', a
position's, the topics', a comparison), shows the new statements in the counts as in the matches."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from onrecord.process import ingest
from onrecord.search import Query, facet_counts
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.web import create_app
from onrecord.web.app import SECURITY_HEADERS
from onrecord.web.facet_cache import FacetCache
from onrecord.web.placement import SLOW_SECONDS

FIRST = """Envoy warns the Council on water

The delegate of Veldoria, Ambassador Rena Tolvik, told the Human Rights Council on Monday 3 March 2025
that "access to clean water is a human right that no state may ration," and called for dialogue.
"""

SECOND = """Minister answers the Council on water

The foreign minister of Ostrava, Pavel Marek, told the Human Rights Council on Tuesday 4 March 2025
that "clean water is shared by every state on the river, and must stay so," and urged cooperation.
"""


# the speaker of FIRST again, at the same meeting, now taking positions (non-interference, politicisation)
PRETEXT = """Envoy rejects pressure at the Council

The delegate of Veldoria, Ambassador Rena Tolvik, told the Human Rights Council on Monday 3 March 2025
that "human rights must never be used as a pretext to interfere in the internal affairs of states," and
called for dialogue.
"""


def _ingest(db: Path, folder: Path, name: str, text: str) -> None:
    source = folder / name
    source.write_text(text, encoding="utf-8")
    with Store(db) as store:
        summary = ingest([str(source)], store, Settings.load({}, db=db))
    assert summary.failed == 0 and summary.ingested == 1


def _speakers(counts: list[tuple[str, int]]) -> set[str]:
    return {value for value, _ in counts}


def test_counts_come_from_memory_until_the_store_changes(tmp_path: Path) -> None:
    db = tmp_path / "facets.db"
    _ingest(db, tmp_path, "first.txt", FIRST)
    with Store(db, readonly=True) as reader:
        cache = FacetCache(reader.conn)
        asked: list[str] = []
        reader.conn.set_trace_callback(asked.append)
        query = Query("water")

        first = cache.get(query, "speaker", 10)
        assert "Rena Tolvik" in _speakers(first) and "Pavel Marek" not in _speakers(first)
        counted = len(asked)
        assert (
            cache.get(Query("water", offset=20, limit=5), "speaker", 10) == first
        )  # the page does not count
        assert [sql for sql in asked[counted:] if "data_version" not in sql] == []  # read from memory

        _ingest(db, tmp_path, "second.txt", SECOND)
        again = cache.get(query, "speaker", 10)
        assert _speakers(again) >= {"Rena Tolvik", "Pavel Marek"}
        assert again == facet_counts(reader.conn, query, "speaker", 10)
        assert sum(n for _, n in again) > sum(n for _, n in first)


def test_the_least_recently_used_counts_go_first(tmp_path: Path) -> None:
    db = tmp_path / "facets.db"
    _ingest(db, tmp_path, "first.txt", FIRST)
    with Store(db, readonly=True) as reader:
        cache = FacetCache(reader.conn, max_entries=2)
        for facet in ("speaker", "country", "year", "speaker"):
            cache.get(Query(""), facet, 10)
        assert len(cache) == 2
    with closing(sqlite3.connect(":memory:")) as conn, pytest.raises(ValueError, match="at least one entry"):
        FacetCache(conn, max_entries=0)


@pytest.mark.parametrize("slow_seconds", [SLOW_SECONDS, 0.0], ids=["on the event loop", "on threads"])
def test_a_search_after_an_ingest_sees_the_new_data(tmp_path: Path, slow_seconds: float) -> None:
    """Ingest, search (page and JSON), ingest more beside the running app, search again."""
    db = tmp_path / "served.db"
    _ingest(db, tmp_path, "first.txt", FIRST)
    asked = {"q": "water", "facet": ["speaker", "country"]}
    with TestClient(create_app(db, slow_seconds=slow_seconds)) as client:
        before = client.get("/api/v1/statements", params=asked).json()
        speakers = {row["value"] for row in before["facets"]["speaker"]}
        assert before["total"] >= 1 and "Rena Tolvik" in speakers and "Pavel Marek" not in speakers
        assert "Pavel Marek" not in client.get("/", params={"q": "water"}).text

        _ingest(db, tmp_path, "second.txt", SECOND)
        after = client.get("/api/v1/statements", params=asked).json()
        assert after["total"] > before["total"]
        assert {row["value"] for row in after["facets"]["speaker"]} >= {"Rena Tolvik", "Pavel Marek"}
        assert sum(row["count"] for row in after["facets"]["speaker"]) == after["total"]
        page = client.get("/", params={"q": "water"})
        assert page.status_code == 200 and "Pavel Marek" in page.text
        assert all(page.headers[name] == value for name, value in SECURITY_HEADERS.items())


def _speaker_path(client: TestClient) -> str:
    found = client.get("/api/v1/speakers", params={"name": "Tolvik"}).json()["items"]
    return f"/speakers/{found[0]['id']}"


def _event_path(client: TestClient) -> str:
    return f"/events/{client.get('/api/v1/events').json()['items'][0]['id']}"


def _values(*groups: list[dict[str, Any]]) -> dict[str, int]:
    return {row["value"]: row["count"] for rows in groups for row in rows}


# page -> its path (read once FIRST is in the store), its facet counts in its JSON, a value PRETEXT adds
PAGES: dict[str, tuple[Callable[[TestClient], str], Callable[[dict[str, Any]], dict[str, int]], str]] = {
    "speaker": (_speaker_path, lambda d: _values(d["positions"], d["topics"]), "non-interference"),
    "event": (_event_path, lambda d: _values(d["positions"]), "non-interference"),
    "positions": (
        lambda _: "/positions",
        lambda d: {p["id"]: p["statements"] for p in d["items"]},
        "non-interference",
    ),
    "position": (
        lambda _: "/positions/non-interference",
        lambda d: _values(d["speakers"], d["countries"]),
        "Rena Tolvik",
    ),
    "topics": (lambda _: "/topics", lambda d: _values(d["items"]), "Other"),
    "compare": (
        lambda _: "/compare?a=Rena+Tolvik&b=Envoy",
        lambda d: {r["value"]: r["left"] for r in d["rows"]},
        "non-interference",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_after_an_ingest_counts_the_new_data(tmp_path: Path, page: str) -> None:
    """A page's facet counts come from its route's cache and follow the store: the JSON (and the page)
    asked, an ingest beside the running app, both asked again."""
    path_of, counts_of, gained = PAGES[page]
    db = tmp_path / "served.db"
    _ingest(db, tmp_path, "first.txt", FIRST)
    app = create_app(db)
    given = app.state.facet_cache
    caches: list[FacetCache] = []

    def kept() -> FacetCache:  # the caches the routes are given, to see them used
        caches.append(given())
        return caches[-1]

    app.state.facet_cache = kept
    with TestClient(app) as client:
        path = path_of(client)
        before = counts_of(client.get("/api/v1" + path).json())
        page_before = client.get(path).text if page != "topics" else ""  # the topics are JSON only
        assert caches and all(len(cache) > 0 for cache in caches)  # counted into the cache
        assert before.get(gained, 0) == 0

        _ingest(db, tmp_path, "pretext.txt", PRETEXT)
        after = counts_of(client.get("/api/v1" + path).json())
        assert after.get(gained, 0) > 0
        if page != "topics":
            page_after = client.get(path)
            assert page_after.status_code == 200 and page_after.text != page_before
            assert gained in page_after.text
