"""The SQLite store: migrations, round trips, failures counted not repeated, transactions whole."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.errors import NotFound, StoreError
from onrecord.models import Article, DecodedText, Failure, MediaType, RawDocument, RemovedLine
from onrecord.store import Store
from onrecord.store import documents as docs
from onrecord.store.database import migrations


def test_migrations_are_applied_once(db_path: Path) -> None:
    with Store(db_path) as store:
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [m.version for m in migrations()]
    with Store(db_path) as store:  # reopening applies nothing twice
        again = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")]
    assert again == versions


def test_a_database_from_a_newer_onrecord_is_refused(db_path: Path) -> None:
    with Store(db_path) as store:
        store.conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    with pytest.raises(StoreError, match="newer onrecord"):
        Store(db_path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not an onrecord database"):
        Store(path)


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere" / "x.db")


def _insert(store: Store, data: bytes, source: str, article: Article) -> int:
    with store.transaction() as conn:
        return docs.insert_document(
            conn, RawDocument(source, data, MediaType.TEXT), DecodedText(data.decode(), "utf-8"), article, "t"
        )


def test_document_round_trip_keeps_raw_bytes_and_metadata(db_path: Path) -> None:
    article = Article(
        text="Headline\n\nBody.",
        title="Headline",
        outlet="An Outlet",
        byline="A Writer",
        published=dt.date(2024, 2, 27),
        language="en",
        removed=(RemovedLine("Home > News >", "breadcrumb"),),
    )
    data = "Headline\r\nBody.\xa0".encode()
    with Store(db_path) as store:
        doc_id = _insert(store, data, "in/a.txt", article)
        stored = docs.get_document(store.conn, doc_id)
        assert stored.article == article
        assert docs.raw_bytes(store.conn, doc_id) == data
        assert docs.get_document(store.conn, stored.sha256[:8]).id == doc_id
        assert docs.get_document(store.conn, "in/a.txt").id == doc_id
        with pytest.raises(NotFound):
            docs.get_document(store.conn, "no-such-thing")


def test_the_same_bytes_are_one_document(db_path: Path) -> None:
    with Store(db_path) as store:
        _insert(store, b"same", "a.txt", Article(text="same"))
        with pytest.raises(sqlite3.IntegrityError):
            _insert(store, b"same", "b.txt", Article(text="same"))
        assert docs.count_documents(store.conn) == 1


def test_a_failed_transaction_leaves_nothing(db_path: Path) -> None:
    with Store(db_path) as store:
        with pytest.raises(RuntimeError), store.transaction() as conn:
            docs.insert_document(
                conn, RawDocument("x", b"x", MediaType.TEXT), DecodedText("x", "utf-8"), Article("x"), "t"
            )
            raise RuntimeError("crash halfway")
        assert docs.count_documents(store.conn) == 0


def test_failures_are_counted_not_repeated_and_cleared_by_success(db_path: Path) -> None:
    failure = Failure("bad.txt", "decode", "binary content")
    with Store(db_path) as store:
        for _ in range(3):
            with store.transaction() as conn:
                docs.record_failure(conn, failure)
        rows = list(docs.iter_failures(store.conn))
        assert [(r.source, r.stage, r.reason, r.seen) for r in rows] == [
            ("bad.txt", "decode", "binary content", 3)
        ]
        _insert(store, b"fixed", "bad.txt", Article(text="fixed"))
        assert list(docs.iter_failures(store.conn)) == []


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1), title=st.one_of(st.none(), st.text()))
def test_any_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str, title: str | None) -> None:
    path = tmp_path_factory.mktemp("rt") / "db.sqlite"
    data = text.encode("utf-8", "surrogatepass")
    with Store(path) as store:
        doc_id = _insert(store, data, "s", Article(text=text, title=title))
        stored = docs.get_document(store.conn, doc_id)
        assert (stored.article.text, stored.article.title) == (text, title)
        assert docs.raw_bytes(store.conn, doc_id) == data
