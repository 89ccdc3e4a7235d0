"""Events and figures in the store.

An event is stored once under its key (body, session, segment, kind, state under review, day): every
statement made there, from any document, points to the same row. Location and remote attendance are
filled in from whichever document says them first.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from onrecord.models import Event, Figure, Span
from onrecord.store.database import rows_of_statements
from onrecord.store.filters import StatementFilter


def event_key(event: Event, document: str | None = None) -> str:
    """The identity an event is stored under. Statements of different documents share an event only where
    body, session and day agree: an event with neither session nor day is its document's own
    (``document``: its SHA-256)."""
    values: list[object] = [v.isoformat() if isinstance(v, dt.date) else v for v in event.key()]
    if event.session is None and event.date is None and document is not None:
        values.append({"document": document})
    return json.dumps(values)


def document_sha256(conn: sqlite3.Connection, document_id: int) -> str | None:
    row = conn.execute("SELECT sha256 FROM documents WHERE id = ?", (document_id,)).fetchone()
    return None if row is None else str(row[0])


def upsert_event(conn: sqlite3.Connection, event: Event, document: str | None = None) -> int:
    key = event_key(event, document)
    row = conn.execute("SELECT id FROM events WHERE key = ?", (key,)).fetchone()
    remote = None if event.remote is None else int(event.remote)
    if row is not None:
        conn.execute(
            "UPDATE events SET location = coalesce(location, ?), remote = coalesce(remote, ?) WHERE id = ?",
            (event.location, remote, row[0]),
        )
        return int(row[0])
    cursor = conn.execute(
        """INSERT INTO events(key, body, session, segment, kind, state_under_review, location, remote, date,
               date_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            key,
            event.body,
            event.session,
            event.segment,
            event.kind,
            event.state_under_review,
            event.location,
            remote,
            event.date.isoformat() if event.date else None,
            event.date_source,
        ),
    )
    return int(cursor.lastrowid or 0)


def link_document_events(conn: sqlite3.Connection, document_id: int, events: Sequence[Event]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO document_events(document_id, event_id) VALUES (?, ?)",
        [(document_id, upsert_event(conn, e, document_sha256(conn, document_id))) for e in events],
    )


def insert_figures(conn: sqlite3.Connection, statement_id: int, figures: Sequence[Figure]) -> None:
    conn.executemany(
        "INSERT INTO figures(statement_id, start, end, text, value, qualifier, counts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (statement_id, f.span.start, f.span.end, f.span.text, f.value, f.qualifier, f.counts)
            for f in figures
        ],
    )


def event_from_row(row: sqlite3.Row | None, date_published: str | None = None) -> Event | None:
    """The event of a statement row (columns prefixed ``ev_``), or None where it has none."""
    if row is None or row["ev_id"] is None:
        return None
    return Event(
        body=row["ev_body"],
        session=row["ev_session"],
        segment=row["ev_segment"],
        kind=row["ev_kind"],
        state_under_review=row["ev_state"],
        location=row["ev_location"],
        remote=None if row["ev_remote"] is None else bool(row["ev_remote"]),
        date=dt.date.fromisoformat(row["ev_date"]) if row["ev_date"] else None,
        date_published=dt.date.fromisoformat(date_published) if date_published else None,
        date_source=row["ev_date_source"],
    )


EVENT_COLUMNS = """ev.id AS ev_id, ev.body AS ev_body, ev.session AS ev_session, ev.segment AS ev_segment,
       ev.kind AS ev_kind, ev.state_under_review AS ev_state, ev.location AS ev_location,
       ev.remote AS ev_remote, ev.date AS ev_date, ev.date_source AS ev_date_source"""


def figures_by_statement(
    conn: sqlite3.Connection, statement_ids: Sequence[int]
) -> dict[int, tuple[Figure, ...]]:
    """The figures each of ``statement_ids`` cites, in text order (one query for them all)."""
    found: dict[int, list[Figure]] = {}
    for r in rows_of_statements(
        conn, "start, end, text, value, qualifier, counts", "figures", statement_ids, "start"
    ):
        figure = Figure(Span(r["start"], r["end"], r["text"]), r["value"], r["qualifier"], r["counts"])
        found.setdefault(r["statement_id"], []).append(figure)
    return {k: tuple(v) for k, v in found.items()}


def event_row(event: Event | None) -> dict[str, object] | None:
    """An event in the export format."""
    if event is None:
        return None
    return {
        "body": event.body,
        "session": event.session,
        "segment": event.segment,
        "kind": event.kind,
        "state_under_review": event.state_under_review,
        "location": event.location,
        "remote": event.remote,
        "date": event.date.isoformat() if event.date else None,
        "date_published": event.date_published.isoformat() if event.date_published else None,
        "date_source": event.date_source,
    }


def figure_row(figure: Figure) -> dict[str, object]:
    value: float | int = int(figure.value) if float(figure.value).is_integer() else figure.value
    return {
        "text": figure.span.text,
        "value": value,
        "qualifier": figure.qualifier,
        "counts": figure.counts,
        "start": figure.span.start,
        "end": figure.span.end,
    }


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: int
    event: Event
    statements: int
    documents: int
    speakers: int


def iter_events(
    conn: sqlite3.Connection, *, body: str | None = None, session: int | None = None
) -> Iterator[EventSummary]:
    """Events with how many statements, documents and speakers each has, newest first; ``body`` and
    ``session`` are the statement filters of those names."""
    where, params = StatementFilter(body=body, session=session).where()
    sql = f"""SELECT {EVENT_COLUMNS}, count(s.id) AS n, count(DISTINCT s.document_id) AS docs,
                     count(DISTINCT s.speaker_id) AS speakers
              FROM events ev LEFT JOIN statements s ON s.event_id = ev.id
              WHERE {" AND ".join(["1 = 1", *where])}
              GROUP BY ev.id ORDER BY ev.date DESC, ev.body, ev.session"""
    for row in conn.execute(sql, params):
        event = event_from_row(row)
        assert event is not None
        yield EventSummary(row["ev_id"], event, row["n"], row["docs"], row["speakers"])


@dataclass(frozen=True, slots=True)
class CitedFigure:
    figure: Figure
    speaker: str
    statement_id: int
    date: str | None


def iter_cited_figures(
    conn: sqlite3.Connection, *, counts: str | None = None, speaker: str | None = None
) -> Iterator[CitedFigure]:
    """Figures with who cited them and when, grouped by what they count."""
    where, params = ["1 = 1"], []
    if counts:
        where.append("f.counts LIKE ?")
        params.append(f"%{counts}%")
    if speaker:
        where.append("sp.name LIKE ?")
        params.append(f"%{speaker}%")
    sql = f"""SELECT f.start, f.end, f.text, f.value, f.qualifier, f.counts, sp.name, s.id AS sid,
                     coalesce(ev.date, s.date_published) AS day
              FROM figures f JOIN statements s ON s.id = f.statement_id
              JOIN speakers sp ON sp.id = s.speaker_id LEFT JOIN events ev ON ev.id = s.event_id
              WHERE {" AND ".join(where)} ORDER BY f.counts, day, sp.name"""
    for r in conn.execute(sql, params):
        figure = Figure(Span(r["start"], r["end"], r["text"]), r["value"], r["qualifier"], r["counts"])
        yield CitedFigure(figure, r["name"], r["sid"], r["day"])
