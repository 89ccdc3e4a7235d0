"""The SQL of the query model (``onrecord.search``): which statements a selection matches, in which
order, how many, counted by facet or by period. A selection is full text (an FTS5 MATCH expression, or
None) and filters; everything here returns ids, counts or rows, and ``search`` makes hits of them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from onrecord.store.filters import DAY_SAID, StatementFilter
from onrecord.store.statements import (
    COLUMNS,
    JOINS,
    STORED_ORDER,
    StoredStatement,
    joins_for,
    statements_from_rows,
)

__all__ = [
    "FACETS",
    "ORDERS",
    "THEME_FACETS",
    "Selection",
    "count",
    "facet_counts",
    "first_match",
    "highlights",
    "iter_ordered",
    "listed",
    "period_counts",
    "ranked",
    "read_statements",
]


@dataclass(frozen=True, slots=True)
class Selection:
    match: str | None = None  # an FTS5 MATCH expression; None selects without text
    filters: StatementFilter = field(default_factory=StatementFilter)


ORDERS = {  # listing without words to rank: by the day said, or as stored
    "date": f"{DAY_SAID} DESC, s.id",
    "oldest": f"{DAY_SAID} ASC, s.id",
    "stored": STORED_ORDER,
}

FACETS = {  # facet -> the SQL of its value
    "speaker": "sp.name",
    "speaker_kind": "sp.kind",
    "country": "ds.country",
    "body": "ev.body",
    "session": "ev.session",
    "event_kind": "ev.kind",
    "kind": "s.kind",
    "outlet": "d.outlet",
    "genre": "d.genre",
    "year": f"substr({DAY_SAID}, 1, 4)",
}
THEME_FACETS = {"topic": ("statement_topics", "label"), "position": ("statement_positions", "position")}

_HIGHLIGHT = "highlight(statements_fts, 0, '«', '»')"
_FTS_MATCH = "statements_fts WHERE statements_fts MATCH ?"


def source(selection: Selection, *needs: str) -> tuple[str, list[object]]:
    """The FROM ... WHERE clause of the statements ``selection`` matches, and its parameters. It joins
    the tables of ``JOINS`` (by their aliases) that the filters or the SQL in ``needs`` refer to."""
    where, params = selection.filters.where()
    joins = joins_for(*where, *needs)
    if selection.match is not None:
        text = f"FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid {joins}"
        where.insert(0, "statements_fts MATCH ?")
        params.insert(0, selection.match)
    else:
        text = f"FROM statements s {joins}"
    return text + (" WHERE " + " AND ".join(where) if where else ""), params


def first_match(conn: sqlite3.Connection, match: str) -> None:
    """Look for one match of ``match``: FTS5 raises here on text it cannot read."""
    conn.execute(f"SELECT rowid FROM {_FTS_MATCH} LIMIT 1", (match,)).fetchall()


def count(conn: sqlite3.Connection, selection: Selection) -> int:
    sql, params = source(selection)
    return int(conn.execute(f"SELECT count(*) {sql}", params).fetchone()[0])


def ranked(
    conn: sqlite3.Connection, selection: Selection, limit: int, offset: int
) -> tuple[int, list[tuple[int, float | None]]]:
    """Best matches of the text first (FTS5 bm25), in one pass: ranked in the index, the count with the
    page. The selection must have a match."""
    assert selection.match is not None, "ranking needs words to rank by"
    if not selection.filters:
        text = selection.match
        total = int(conn.execute(f"SELECT count(*) FROM {_FTS_MATCH}", (text,)).fetchone()[0])
        sql = f"SELECT rowid, rank FROM {_FTS_MATCH} ORDER BY rank LIMIT ? OFFSET ?"
        return total, [(r[0], r[1]) for r in conn.execute(sql, (text, limit, offset))]
    sql, params = source(selection)
    rows = conn.execute(
        f"SELECT s.id, statements_fts.rank, count(*) OVER () {sql}"
        " ORDER BY statements_fts.rank LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    total = int(rows[0][2]) if rows else count(conn, selection)
    return total, [(r[0], r[1]) for r in rows]


def _ordered(selection: Selection, order: str | None) -> tuple[str, list[object]]:
    """The ids (and ranks) of every statement matched, by rank (``order`` None) or by ``ORDERS``."""
    if order is None:
        sql, params = source(selection)
        return f"SELECT s.id, statements_fts.rank {sql} ORDER BY statements_fts.rank", params
    by = ORDERS[order]
    sql, params = source(selection, by)
    return f"SELECT s.id, NULL {sql} ORDER BY {by}", params


def listed(
    conn: sqlite3.Connection, selection: Selection, order: str, limit: int, offset: int
) -> tuple[int, list[tuple[int, float | None]]]:
    """One page of the matches in an order of ``ORDERS``, with the total."""
    sql, params = _ordered(selection, order)
    rows = conn.execute(f"{sql} LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
    return count(conn, selection), [(r[0], r[1]) for r in rows]


def iter_ordered(
    conn: sqlite3.Connection, selection: Selection, order: str | None, chunk: int = 500
) -> Iterator[list[tuple[int, float | None]]]:
    """Every match in order (by rank when ``order`` is None), ``chunk`` ids at a time, from one pass."""
    sql, params = _ordered(selection, order)
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(chunk):
        yield [(r[0], r[1]) for r in rows]


def read_statements(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, StoredStatement]:
    """The statements of ``ids``, read whole, by id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT {COLUMNS} FROM statements s {JOINS} WHERE s.id IN ({marks})", ids).fetchall()
    return {st.id: st for st in statements_from_rows(conn, rows)}


def highlights(conn: sqlite3.Connection, match: str, ids: Iterable[int]) -> dict[int, str]:
    """The content of the statements of ``ids`` with the matches of ``match`` between « and »."""
    wanted = list(ids)
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    sql = f"SELECT rowid, {_HIGHLIGHT} FROM {_FTS_MATCH} AND rowid IN ({marks})"
    return dict(conn.execute(sql, (match, *wanted)))


def facet_counts(
    conn: sqlite3.Connection, selection: Selection, facet: str, top: int
) -> list[tuple[object, int]]:
    """How many matches fall under each value of ``facet`` (a key of ``FACETS`` or ``THEME_FACETS``),
    most first; a value may be None."""
    if facet in THEME_FACETS:
        table, column = THEME_FACETS[facet]
        sql, params = source(selection)
        rows = conn.execute(
            f"SELECT t.{column} AS value, count(*) AS n FROM {table} t WHERE t.statement_id IN"
            f" (SELECT s.id {sql}) GROUP BY value ORDER BY n DESC, value LIMIT ?",
            (*params, top),
        )
    else:
        value = FACETS[facet]
        sql, params = source(selection, value)
        rows = conn.execute(
            f"SELECT {value} AS value, count(*) AS n {sql} GROUP BY value ORDER BY n DESC, value LIMIT ?",
            (*params, top),
        )
    return [(r[0], int(r[1])) for r in rows]


def period_counts(
    conn: sqlite3.Connection, selection: Selection, width: int, by: str | None
) -> list[tuple[str | None, object, int]]:
    """How many matches were said in each period (the first ``width`` characters of the ISO day they
    were said), per value of the facet ``by`` (None: one value, None): (period, value, count) rows."""
    value = FACETS[by] if by else "NULL"
    sql, params = source(selection, DAY_SAID, value)
    rows = conn.execute(
        f"SELECT substr({DAY_SAID}, 1, {width}) AS period, {value} AS value, count(*) AS n {sql}"
        " GROUP BY period, value",
        params,
    )
    return [(r[0], r[1], int(r[2])) for r in rows]
