"""Reads of single records and listings the web pages show beside their statements: a document's text,
the documents, an event and who spoke at it, what each document said of a speaker. (Statements themselves
are read through the query model, ``onrecord.search``.)"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from onrecord.store.events import EVENT_COLUMNS, event_from_row, event_row

Row = dict[str, Any]


def document_text(conn: sqlite3.Connection, document_id: int) -> Row | None:
    """A document's clean text, byline and language (what the spans of its statements index)."""
    row = conn.execute("SELECT text, byline, language FROM documents WHERE id = ?", (document_id,)).fetchone()
    return None if row is None else dict(row)


def document(conn: sqlite3.Connection, document_id: int) -> Row | None:
    row = conn.execute(
        "SELECT id, source, title, outlet, byline, published, url, language, text FROM documents"
        " WHERE id = ?",
        (document_id,),
    ).fetchone()
    return None if row is None else dict(row)


def documents(conn: sqlite3.Connection, limit: int, offset: int) -> tuple[int, list[Row]]:
    """How many documents the store holds, and one page of them (by id) with their statements' count."""
    total = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    rows = conn.execute(
        """SELECT d.id, d.source, d.title, d.outlet, d.published, d.url, d.language,
                  (SELECT count(*) FROM statements s WHERE s.document_id = d.id) AS statements
           FROM documents d ORDER BY d.id LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return total, [dict(r) for r in rows]


def speaker_accounts(conn: sqlite3.Connection, speaker_id: int, limit: int = 100) -> list[Row]:
    """What each document said of a speaker (roles, country, on whose behalf), newest first."""
    rows = conn.execute(
        """SELECT ds.document_id, d.title, d.published, ds.roles, ds.country, ds.affiliation, ds.on_behalf_of
           FROM document_speakers ds JOIN documents d ON d.id = ds.document_id
           WHERE ds.speaker_id = ? ORDER BY d.published DESC, ds.document_id LIMIT ?""",
        (speaker_id, limit),
    )
    return [{**dict(r), "roles": json.loads(r["roles"])} for r in rows]


def event(conn: sqlite3.Connection, event_id: int) -> dict[str, object] | None:
    """An event in the export format (``event_row``), or None."""
    row = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ev WHERE ev.id = ?", (event_id,)).fetchone()
    return None if row is None else event_row(event_from_row(row))


def event_speakers(conn: sqlite3.Connection, event_id: int) -> list[Row]:
    """Who spoke at an event, with how many statements each, most first."""
    rows = conn.execute(
        """SELECT sp.id, sp.name, sp.kind, count(*) AS statements FROM statements s
           JOIN speakers sp ON sp.id = s.speaker_id WHERE s.event_id = ?
           GROUP BY sp.id ORDER BY statements DESC, sp.name""",
        (event_id,),
    )
    return [dict(r) for r in rows]
