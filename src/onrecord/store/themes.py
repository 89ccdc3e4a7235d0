"""Topics and positions of statements in the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from onrecord.models import Position, Span, Topic


def insert_themes(
    conn: sqlite3.Connection, statement_id: int, topics: Sequence[Topic], positions: Sequence[Position]
) -> None:
    conn.executemany(
        "INSERT INTO statement_topics(statement_id, label, score) VALUES (?, ?, ?)",
        [(statement_id, t.label, t.score) for t in topics],
    )
    conn.executemany(
        "INSERT INTO statement_positions(statement_id, position, score, start, end, text)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(statement_id, p.id, p.score, p.evidence.start, p.evidence.end, p.evidence.text) for p in positions],
    )


def topics_of(conn: sqlite3.Connection, statement_id: int) -> tuple[Topic, ...]:
    rows = conn.execute(
        "SELECT label, score FROM statement_topics WHERE statement_id = ? ORDER BY score DESC, label",
        (statement_id,),
    )
    return tuple(Topic(r["label"], r["score"]) for r in rows)


def positions_of(conn: sqlite3.Connection, statement_id: int) -> tuple[Position, ...]:
    rows = conn.execute(
        "SELECT position, score, start, end, text FROM statement_positions WHERE statement_id = ?"
        " ORDER BY score DESC, position",
        (statement_id,),
    )
    return tuple(Position(r["position"], r["score"], Span(r["start"], r["end"], r["text"])) for r in rows)
