"""The query model: ranked full text with filters, facets, paging and clear errors, on a real store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clirun import run, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.errors import ConfigError
from onrecord.search import Query, Sort, facet_counts, fts_expression, search
from onrecord.store import Store
from onrecord.store.statements import StatementFilter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("search") / "examples.db"
    run("ingest", str(ROOT / "examples"), "--db", str(db))
    return db


def test_words_phrases_prefixes_and_highlights(examples: Path) -> None:
    with Store(examples) as store:
        page = search(store.conn, Query("shoreline"))
        assert page.total == 1 and page.hits[0].stored.statement.speaker.name == "Ilse Marrow"
        assert "«shoreline»" in page.hits[0].highlighted
        assert search(store.conn, Query('"double standards"')).total == 1
        assert search(store.conn, Query("shore*")).total >= 1
        assert search(store.conn, Query("shoreline NOT rights")).total == 0


def test_filters_narrow_and_facets_count(examples: Path) -> None:
    with Store(examples) as store:
        everything = search(store.conn, Query("", limit=500))
        at_58 = search(store.conn, Query("", StatementFilter(session=58), limit=500))
        assert 0 < at_58.total < everything.total
        assert {h.stored.statement.event.session for h in at_58.hits if h.stored.statement.event} == {58}
        direct = search(store.conn, Query("", StatementFilter(kind="direct"), limit=500))
        assert direct.total and all(h.stored.statement.kind.value == "direct" for h in direct.hits)
        speakers = dict(facet_counts(store.conn, Query(""), "speaker"))
        assert sum(speakers.values()) == everything.total
        assert dict(facet_counts(store.conn, Query("", StatementFilter(session=58)), "session")) == {
            "58": at_58.total
        }
        newest = search(store.conn, Query("", sort=Sort.DATE, limit=500)).hits
        days = [h.stored.statement.event.date for h in newest if h.stored.statement.event]
        assert days == sorted(days, reverse=True)


def test_paging_is_stable(examples: Path) -> None:
    with Store(examples) as store:
        whole = [h.stored.id for h in search(store.conn, Query("", limit=500)).hits]
        pages = [
            h.stored.id
            for o in range(0, len(whole), 3)
            for h in search(store.conn, Query("", limit=3, offset=o)).hits
        ]
        assert pages == whole


@pytest.mark.parametrize(
    ("query", "message"),
    [('"unbalanced', "cannot read the query"), ("rights AND", "cannot read the query")],
)
def test_unreadable_queries_are_clear_errors(examples: Path, query: str, message: str) -> None:
    with Store(examples) as store, pytest.raises(ConfigError, match=message):
        search(store.conn, Query(query))


def test_limits_are_enforced() -> None:
    with pytest.raises(ConfigError, match="at most"):
        Query("x" * 1000)
    with pytest.raises(ConfigError, match="page size"):
        Query("x", limit=0)


def test_the_index_follows_reanalysis(examples: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(examples.read_bytes())
    run("reanalyse", "--all", "--db", str(db))
    with sqlite3.connect(db) as conn:
        indexed = conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0]
        stored = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert indexed == stored > 0


@pytest.mark.data
def test_the_seed_search_finds_wang_yi(shared: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    run("ingest", str(shared / "seeds"), "--db", db)
    out = run("search", "pretext to interfere", "--db", db)
    assert "Wang Yi" in out and "1 statements" in out


def test_compare_two_speakers_and_a_country(examples: Path) -> None:
    from onrecord.search import compare

    with Store(examples) as store:
        result = compare(store.conn, "Ilse Marrow", "Nadia Feroz", by="position")
        assert result.left.total > 0 and result.right.total > 0
        for value, left, right in result.rows:
            assert left <= result.left.total and right <= result.right.total
            assert left + right > 0, value
        assert any(value == "civil-society-space" and right > 0 for value, _, right in result.rows)
        with pytest.raises(ConfigError, match="no statements"):
            compare(store.conn, "Ilse Marrow", "Nobody At All")
    out = run("compare", "Ilse Marrow", "Nadia Feroz", "--by", "position", "--db", str(examples))
    assert "Ilse Marrow" in out and "Nadia Feroz" in out


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("non-interference", '"non-interference"'),
        ("women's rights", '"women\'s" rights'),
        ('"non-interference" OR sovereignty', '"non-interference" OR sovereignty'),
        (
            "(non-interference OR self-determination) NOT war",
            '("non-interference" OR "self-determination") NOT war',
        ),
        ("country-specific*", '"country-specific"*'),
        ("colon:word", '"colon:word"'),
        ('"unclosed', '"unclosed'),
    ],
)
def test_words_fts5_cannot_read_bare_are_quoted(typed: str, read: str) -> None:
    assert fts_expression(typed) == read


def test_the_genre_filters_and_counts(examples: Path) -> None:
    """The genre decided at cleaning is a filter and a facet (the examples hold one meeting record)."""
    with Store(examples) as store:
        records = search(store.conn, Query("", StatementFilter(genre="meeting_coverage"), limit=500))
        assert records.total and all(
            h.stored.statement.event and "Third Committee" in (h.stored.statement.event.body or "")
            for h in records.hits
        )
        genres = dict(facet_counts(store.conn, Query(""), "genre"))
        assert genres["meeting_coverage"] == records.total and genres["news"] > 0
