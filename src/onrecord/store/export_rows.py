"""The rows of every export, read from the store in the shape ``export_schema.TABLES`` declares.

A selection is what a search selects (``store.query.Selection``: full text and the statement filters).
Statements are the ones it matches; documents, speakers, events and figures are those the matching
statements come from, were said by, were said at or cite. Without a selection every row of the table is
exported. (``onrecord export --where`` builds the selection from the filters' one declaration.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from onrecord.store import query as sql
from onrecord.store.documents import document_refs, document_row, get_document, iter_documents
from onrecord.store.events import iter_events
from onrecord.store.export_schema import Table
from onrecord.store.query import Selection
from onrecord.store.statements import (
    COLUMNS,
    JOINS,
    iter_speakers,
    statement_row,
    statements_from_rows,
)

Row = dict[str, Any]
_CHUNK = 500  # statements read at a time


def rows(conn: sqlite3.Connection, table: Table | str, where: Selection | None = None) -> Iterator[Row]:
    """Every row of ``table`` (or those ``where`` selects), in the export format, read a chunk at a time.
    Unreadable query text raises ``sqlite3.OperationalError``: the caller reads it (``search.readable``)."""
    readers = {
        Table.DOCUMENTS: _documents,
        Table.STATEMENTS: _statements,
        Table.SPEAKERS: _speakers,
        Table.EVENTS: _events,
        Table.FIGURES: _figures,
    }
    read = readers[Table(table)]
    if where is None:
        yield from read(conn, None, [])
        return
    source, params = sql.source(where)
    yield from read(conn, source, params)


def _matching(conn: sqlite3.Connection, column: str, source: str, params: list[object]) -> set[int]:
    return {int(r[0]) for r in conn.execute(f"SELECT DISTINCT {column} {source}", params) if r[0] is not None}


def _documents(conn: sqlite3.Connection, source: str | None, params: list[object]) -> Iterator[Row]:
    if source is None:
        yield from (document_row(d) for d in iter_documents(conn))
        return
    for document_id in sorted(_matching(conn, "s.document_id", source, params)):
        yield document_row(get_document(conn, document_id))


def _statements(conn: sqlite3.Connection, source: str | None, params: list[object]) -> Iterator[Row]:
    """Statements in document order, with each one's document and their speaker's id."""
    sql = f"SELECT s.id {source or 'FROM statements s'} ORDER BY s.document_id, s.seq"
    cursor = conn.execute(sql, params)
    while chunk := [r[0] for r in cursor.fetchmany(_CHUNK)]:
        marks = ",".join("?" * len(chunk))
        found = conn.execute(
            f"SELECT {COLUMNS} FROM statements s {JOINS} WHERE s.id IN ({marks})"
            " ORDER BY s.document_id, s.seq",
            chunk,
        ).fetchall()
        stored = statements_from_rows(conn, found)
        documents = document_refs(conn, (st.document_id for st in stored))
        for st in stored:
            row = statement_row(st, documents[st.document_id])
            row["speaker"] = {"id": st.speaker_id, **row["speaker"]}  # type: ignore[dict-item]
            yield row


def _speakers(conn: sqlite3.Connection, source: str | None, params: list[object]) -> Iterator[Row]:
    wanted = None if source is None else _matching(conn, "s.speaker_id", source, params)
    for sp in iter_speakers(conn):
        if wanted is None or sp.id in wanted:
            yield {
                "id": sp.id,
                "name": sp.name,
                "kind": sp.kind,
                "country": sp.country,
                "affiliation": sp.affiliation,
                "roles": list(sp.roles),
                "aliases": list(sp.aliases),
                "statements": sp.statements,
                "documents": sp.documents,
            }


def _events(conn: sqlite3.Connection, source: str | None, params: list[object]) -> Iterator[Row]:
    wanted = None if source is None else _matching(conn, "s.event_id", source, params)
    for summary in iter_events(conn):
        if wanted is not None and summary.id not in wanted:
            continue
        ev = summary.event
        yield {
            "id": summary.id,
            "body": ev.body,
            "session": ev.session,
            "segment": ev.segment,
            "kind": ev.kind,
            "state_under_review": ev.state_under_review,
            "location": ev.location,
            "remote": ev.remote,
            "date": ev.date.isoformat() if ev.date else None,
            "date_source": ev.date_source,
            "statements": summary.statements,
            "documents": summary.documents,
            "speakers": summary.speakers,
        }


def _figures(conn: sqlite3.Connection, source: str | None, params: list[object]) -> Iterator[Row]:
    where = "" if source is None else f"WHERE f.statement_id IN (SELECT s.id {source})"
    sql = f"""SELECT f.statement_id, f.text, f.value, f.qualifier, f.counts, f.start, f.end,
                     sp.name AS speaker, sp.id AS speaker_id, s.document_id,
                     coalesce(ev.date, s.date_published, d.published) AS date_said
              FROM figures f JOIN statements s ON s.id = f.statement_id
              JOIN speakers sp ON sp.id = s.speaker_id JOIN documents d ON d.id = s.document_id
              LEFT JOIN events ev ON ev.id = s.event_id
              {where} ORDER BY s.document_id, s.seq, f.start"""
    for r in conn.execute(sql, params):
        value = r["value"]
        yield {
            "statement_id": r["statement_id"],
            "text": r["text"],
            "value": int(value) if float(value).is_integer() else value,
            "qualifier": r["qualifier"],
            "counts": r["counts"],
            "start": r["start"],
            "end": r["end"],
            "speaker": r["speaker"],
            "speaker_id": r["speaker_id"],
            "date_said": r["date_said"],
            "document_id": r["document_id"],
        }
