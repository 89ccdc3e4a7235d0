"""Documents and failures in the store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType

from onrecord.errors import NotFound
from onrecord.models import Article, DecodedText, Failure, Genre, MediaType, RawDocument, RemovedLine
from onrecord.store.database import now


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document as the store holds it (the raw bytes are read separately, on demand)."""

    id: int
    sha256: str
    source: str
    media_type: str
    encoding: str | None
    article: Article
    pipeline_version: str
    ingested_at: str


@dataclass(frozen=True, slots=True)
class StoredFailure:
    source: str
    stage: str
    reason: str
    seen: int
    last_seen: str


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_by_hash(conn: sqlite3.Connection, sha256: str) -> int | None:
    row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else int(row[0])


def _derived(decoded: DecodedText, article: Article) -> tuple[object, ...]:
    """The columns derived from a document's bytes: encoding, repaired, text, title, outlet, byline,
    published, language, url, removed, genre (in that order, as the INSERT and UPDATE below name them)."""
    return (
        decoded.encoding,
        int(decoded.repaired),
        article.text,
        article.title,
        article.outlet,
        article.byline,
        article.published.isoformat() if article.published else None,
        article.language,
        article.url,
        json.dumps([{"text": r.text, "rule": r.rule} for r in article.removed], ensure_ascii=False),
        str(article.genre),
    )


def insert_document(
    conn: sqlite3.Connection,
    raw: RawDocument,
    decoded: DecodedText,
    article: Article,
    pipeline_version: str,
) -> int:
    """Store one document; the caller holds the transaction. Returns its id."""
    cursor = conn.execute(
        """INSERT INTO documents(sha256, source, media_type, raw, fields, encoding, repaired, text, title,
               outlet, byline, published, language, url, removed, genre, pipeline_version, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            content_hash(raw.data),
            raw.source,
            str(raw.media_type),
            raw.data,
            json.dumps(dict(raw.fields), ensure_ascii=False),
            *_derived(decoded, article),
            pipeline_version,
            now(),
        ),
    )
    # A document that now goes through clears the failures its source had before.
    conn.execute("DELETE FROM failures WHERE source = ?", (raw.source,))
    return int(cursor.lastrowid or 0)


def record_failure(conn: sqlite3.Connection, failure: Failure, sha256: str | None = None) -> None:
    """Record a failure; the same failure seen again counts up rather than repeating."""
    stamp = now()
    conn.execute(
        """INSERT INTO failures(source, stage, reason, sha256, first_seen, last_seen)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(source, stage, reason)
           DO UPDATE SET seen = seen + 1, last_seen = excluded.last_seen""",
        (failure.source, failure.stage, failure.reason, sha256, stamp, stamp),
    )


def update_document(
    conn: sqlite3.Connection, document_id: int, decoded: DecodedText, article: Article, pipeline_version: str
) -> None:
    """Replace what was derived from a stored document's bytes (the bytes themselves never change)."""
    conn.execute(
        """UPDATE documents SET encoding = ?, repaired = ?, text = ?, title = ?, outlet = ?, byline = ?,
               published = ?, language = ?, url = ?, removed = ?, genre = ?, pipeline_version = ?
           WHERE id = ?""",
        (
            *_derived(decoded, article),
            pipeline_version,
            document_id,
        ),
    )


def iter_raw(
    conn: sqlite3.Connection, *, not_version: str | None = None
) -> Iterator[tuple[int, RawDocument]]:
    """Stored documents as received (id and raw document), optionally only those of another pipeline."""
    for document_id in document_ids(conn, not_version=not_version):
        raw = raw_document(conn, document_id)
        if raw is not None:  # deleted meanwhile
            yield document_id, raw


def document_ids(conn: sqlite3.Connection, *, not_version: str | None = None) -> list[int]:
    """The ids of stored documents in the order they were stored, optionally only those of another
    pipeline version."""
    sql = "SELECT id FROM documents"
    params: tuple[str, ...] = ()
    if not_version is not None:
        sql += " WHERE pipeline_version != ?"
        params = (not_version,)
    return [int(row[0]) for row in conn.execute(sql + " ORDER BY id", params)]


def raw_document(conn: sqlite3.Connection, document_id: int) -> RawDocument | None:
    """A stored document as received, or None where there is no such document."""
    row = conn.execute(
        "SELECT source, media_type, raw, fields FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        return None
    fields = MappingProxyType(json.loads(row["fields"] or "{}"))
    return RawDocument(row["source"], bytes(row["raw"]), MediaType(row["media_type"]), fields)


def _document(row: sqlite3.Row) -> StoredDocument:
    removed = tuple(RemovedLine(r["text"], r["rule"]) for r in json.loads(row["removed"] or "[]"))
    article = Article(
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        byline=row["byline"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        language=row["language"],
        url=row["url"],
        removed=removed,
        genre=Genre(row["genre"]),
    )
    return StoredDocument(
        id=row["id"],
        sha256=row["sha256"],
        source=row["source"],
        media_type=row["media_type"],
        encoding=row["encoding"],
        article=article,
        pipeline_version=row["pipeline_version"],
        ingested_at=row["ingested_at"],
    )


_COLUMNS = (
    "id, sha256, source, media_type, encoding, text, title, outlet, byline, published, language, url, "
    "removed, genre, pipeline_version, ingested_at"
)


def iter_documents(
    conn: sqlite3.Connection, *, limit: int | None = None, offset: int = 0
) -> Iterator[StoredDocument]:
    sql = f"SELECT {_COLUMNS} FROM documents ORDER BY id LIMIT ? OFFSET ?"
    for row in conn.execute(sql, (-1 if limit is None else limit, offset)):
        yield _document(row)


def document_row(doc: StoredDocument) -> dict[str, object]:
    """A document in the export format (JSONL/CSV/Parquet): the public contract."""
    article = doc.article
    return {
        "id": doc.id,
        "source": doc.source,
        "title": article.title,
        "outlet": article.outlet,
        "byline": article.byline,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "url": article.url,
        "genre": str(article.genre),
        "text": article.text,
        "sha256": doc.sha256,
        "media_type": doc.media_type,
        "encoding": doc.encoding,
        "pipeline_version": doc.pipeline_version,
        "ingested_at": doc.ingested_at,
    }


def document_refs(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, object]]:
    """The documents ``ids`` as a statement cites them (id, source, title, outlet, published, url, genre),
    by id; their text is not read."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(
        f"SELECT id, source, title, outlet, published, url, genre FROM documents WHERE id IN ({marks})",
        wanted,
    )
    return {row["id"]: dict(row) for row in rows}


def count_documents(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def get_document(conn: sqlite3.Connection, ident: str | int) -> StoredDocument:
    """A document by id, by a prefix of its sha256 (6+ characters), or by its exact source."""
    text = str(ident).strip()
    row = None
    if text.isdigit():
        row = conn.execute(f"SELECT {_COLUMNS} FROM documents WHERE id = ?", (int(text),)).fetchone()
    if row is None and len(text) >= 6 and all(c in "0123456789abcdef" for c in text.lower()):
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE sha256 LIKE ? LIMIT 2", (text.lower() + "%",)
        ).fetchall()
        if len(rows) == 1:
            row = rows[0]
    if row is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM documents WHERE source = ? LIMIT 2", (text,)).fetchall()
        if len(rows) == 1:
            row = rows[0]
    if row is None:
        raise NotFound(f"no document {text!r}: give its id, its source, or 6+ characters of its sha256")
    return _document(row)


def raw_bytes(conn: sqlite3.Connection, document_id: int) -> bytes:
    row = conn.execute("SELECT raw FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document with id {document_id}")
    return bytes(row[0])


def iter_failures(conn: sqlite3.Connection) -> Iterator[StoredFailure]:
    for row in conn.execute("SELECT source, stage, reason, seen, last_seen FROM failures ORDER BY id"):
        yield StoredFailure(row["source"], row["stage"], row["reason"], row["seen"], row["last_seen"])
