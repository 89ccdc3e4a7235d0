"""Topics and positions of statements in the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from onrecord.models import Position, Span, Topic
from onrecord.store.database import rows_of_statements


def insert_themes(
    conn: sqlite3.Connection, statement_id: int, topics: Sequence[Topic], positions: Sequence[Position]
) -> None:
    conn.executemany(
        "INSERT INTO statement_topics(statement_id, label, score) VALUES (?, ?, ?)",
        [(statement_id, t.label, t.score) for t in topics],
    )
    conn.executemany(
        "INSERT INTO statement_positions(statement_id, position, score, start, end, text, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (statement_id, p.id, p.score, p.evidence.start, p.evidence.end, p.evidence.text, p.source)
            for p in positions
        ],
    )


def topics_by_statement(
    conn: sqlite3.Connection, statement_ids: Sequence[int]
) -> dict[int, tuple[Topic, ...]]:
    """The topics of each of ``statement_ids``, surest first (one query for them all)."""
    found: dict[int, list[Topic]] = {}
    for r in rows_of_statements(conn, "label, score", "statement_topics", statement_ids, "score DESC, label"):
        found.setdefault(r["statement_id"], []).append(Topic(r["label"], r["score"]))
    return {k: tuple(v) for k, v in found.items()}


def positions_by_statement(
    conn: sqlite3.Connection, statement_ids: Sequence[int]
) -> dict[int, tuple[Position, ...]]:
    """The positions each of ``statement_ids`` takes, surest first, with their evidence."""
    found: dict[int, list[Position]] = {}
    columns = "position, score, start, end, text, source"
    for r in rows_of_statements(conn, columns, "statement_positions", statement_ids, "score DESC, position"):
        position = Position(r["position"], r["score"], Span(r["start"], r["end"], r["text"]), r["source"])
        found.setdefault(r["statement_id"], []).append(position)
    return {k: tuple(v) for k, v in found.items()}
