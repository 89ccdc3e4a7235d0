"""What each page shows, as plain JSON-ready data: the API returns it as it is (a page's JSON twin) and
the templates render it. Every function takes an open connection and reads through the query model."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from onrecord.errors import NotFound
from onrecord.search import Query, Sort, compare, facet_counts, hit_rows, search
from onrecord.store.events import EVENT_COLUMNS, event_from_row, event_row, iter_events
from onrecord.store.statements import SpeakerSummary, StatementFilter, iter_speakers
from onrecord.themes.positions import load_taxonomy
from onrecord.timeline import timeline

Data = dict[str, Any]

# facets the search page counts (the query model knows more: see onrecord.search.FACETS)
SEARCH_FACETS = ("speaker", "country", "body", "session", "position", "topic", "year", "kind")
_PAGE_OF_STATEMENTS = 20


def _facet(conn: sqlite3.Connection, query: Query, name: str, top: int = 10) -> list[Data]:
    return [{"value": v, "count": n} for v, n in facet_counts(conn, query, name, top)]


def search_view(conn: sqlite3.Connection, query: Query, facets: Sequence[str] = ()) -> Data:
    page = search(conn, query)
    return {
        "query": query.text,
        "filters": {k: v for k, v in _filters(query.filters).items() if v is not None},
        "sort": query.sort.value,
        "total": page.total,
        "limit": query.limit,
        "offset": query.offset,
        "items": hit_rows(conn, page.hits),
        "facets": {name: _facet(conn, query, name) for name in facets},
    }


def _filters(filters: StatementFilter) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in filters.__dataclass_fields__}


def _statements_of(
    conn: sqlite3.Connection, filters: StatementFilter, limit: int = _PAGE_OF_STATEMENTS
) -> Data:
    page = search(conn, Query("", filters, Sort.DATE, limit))
    return {"total": page.total, "items": hit_rows(conn, page.hits)}


def statement_view(conn: sqlite3.Connection, statement_id: int) -> Data:
    """One statement with the whole text of its document (the spans index it)."""
    page = search(conn, Query("", StatementFilter(statement_id=statement_id), limit=1))
    if not page.hits:
        raise NotFound(f"no statement with id {statement_id}")
    item = hit_rows(conn, page.hits)[0]
    text = conn.execute(
        "SELECT text, byline, language FROM documents WHERE id = ?", (page.hits[0].stored.document_id,)
    ).fetchone()
    item["document"] |= {"text": text["text"], "byline": text["byline"], "language": text["language"]}
    return item


def speaker_view(conn: sqlite3.Connection, speaker_id: int) -> Data:
    summary = next(iter_speakers(conn, speaker_id=speaker_id), None)
    if summary is None:
        raise NotFound(f"no speaker with id {speaker_id}")
    accounts = conn.execute(
        """SELECT ds.document_id, d.title, d.published, ds.roles, ds.country, ds.affiliation, ds.on_behalf_of
           FROM document_speakers ds JOIN documents d ON d.id = ds.document_id
           WHERE ds.speaker_id = ? ORDER BY d.published DESC, ds.document_id LIMIT 100""",
        (speaker_id,),
    )
    filters = StatementFilter(speaker_id=speaker_id)
    return {
        **_speaker(summary),
        "accounts": [{**dict(a), "roles": json.loads(a["roles"])} for a in accounts],
        "positions": _facet(conn, Query("", filters), "position", 20),
        "topics": _facet(conn, Query("", filters), "topic", 10),
        "timeline": timeline(conn, Query("", filters)).as_dict(),
        "statements": _statements_of(conn, filters),
    }


def event_view(conn: sqlite3.Connection, event_id: int) -> Data:
    row = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ev WHERE ev.id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFound(f"no event with id {event_id}")
    filters = StatementFilter(event_id=event_id)
    speakers = conn.execute(
        """SELECT sp.id, sp.name, sp.kind, count(*) AS statements FROM statements s
           JOIN speakers sp ON sp.id = s.speaker_id WHERE s.event_id = ?
           GROUP BY sp.id ORDER BY statements DESC, sp.name""",
        (event_id,),
    )
    return {
        "id": event_id,
        "event": event_row(event_from_row(row)),
        "speakers": [dict(r) for r in speakers],
        "positions": _facet(conn, Query("", filters), "position", 20),
        "statements": _statements_of(conn, filters, 100),
    }


def events_view(conn: sqlite3.Connection, body: str | None = None, session: int | None = None) -> Data:
    return {
        "items": [
            {"id": e.id, **(event_row(e.event) or {}), "statements": e.statements, "speakers": e.speakers}
            for e in iter_events(conn, body=body, session=session)
        ]
    }


def positions_view(conn: sqlite3.Connection) -> Data:
    counts = dict(facet_counts(conn, Query(""), "position", 1000))
    return {
        "items": [
            {
                "id": p.id,
                "name": p.name,
                "definition": p.definition,
                "counter": list(p.counter),
                "statements": counts.get(p.id, 0),
            }
            for p in load_taxonomy().positions
        ]
    }


def position_view(conn: sqlite3.Connection, position_id: str, by: str | None = None) -> Data:
    taxonomy = load_taxonomy()
    if position_id not in taxonomy.ids:
        raise NotFound(f"no position {position_id!r}; the taxonomy has {', '.join(taxonomy.ids)}")
    position = taxonomy.get(position_id)
    query = Query("", StatementFilter(position=position_id))
    counters = []
    for counter_id in position.counter:
        counter = taxonomy.get(counter_id)
        counter_query = Query("", StatementFilter(position=counter_id))
        counters.append(
            {
                "id": counter.id,
                "name": counter.name,
                "definition": counter.definition,
                "speakers": _facet(conn, counter_query, "speaker"),
                "timeline": timeline(conn, counter_query).as_dict(),
                "statements": search(conn, counter_query).total,
            }
        )
    return {
        "id": position.id,
        "name": position.name,
        "definition": position.definition,
        "speakers": _facet(conn, query, "speaker"),
        "countries": _facet(conn, query, "country"),
        "timeline": timeline(conn, query, by=by).as_dict(),
        "counter": counters,
        "statements": _statements_of(conn, query.filters),
    }


def topics_view(conn: sqlite3.Connection) -> Data:
    return {"items": _facet(conn, Query(""), "topic", 100)}


def speakers_view(conn: sqlite3.Connection, name: str | None, limit: int, offset: int) -> Data:
    rows = list(iter_speakers(conn, name=name))
    return {
        "total": len(rows),
        "items": [_speaker(s) for s in rows[offset : offset + limit]],
    }


def _speaker(summary: SpeakerSummary) -> Data:
    return dataclasses.asdict(summary)


def documents_view(conn: sqlite3.Connection, limit: int, offset: int) -> Data:
    total = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    rows = conn.execute(
        """SELECT d.id, d.source, d.title, d.outlet, d.published, d.url, d.language,
                  (SELECT count(*) FROM statements s WHERE s.document_id = d.id) AS statements
           FROM documents d ORDER BY d.id LIMIT ? OFFSET ?""",
        (limit, offset),
    )
    return {"total": total, "items": [dict(r) for r in rows]}


def document_view(conn: sqlite3.Connection, document_id: int) -> Data:
    row = conn.execute(
        "SELECT id, source, title, outlet, byline, published, url, language, text FROM documents"
        " WHERE id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no document with id {document_id}")
    return {**dict(row), "statements": _statements_of(conn, StatementFilter(document_id=document_id), 500)}


def compare_view(conn: sqlite3.Connection, left: str, right: str, by: str) -> Data:
    result = compare(conn, left, right, by)
    return {
        "by": by,
        "left": {"asked": result.left.asked, "total": result.left.total},
        "right": {"asked": result.right.asked, "total": result.right.total},
        "rows": [{"value": v, "left": a, "right": b} for v, a, b in result.rows],
    }


def timeline_view(conn: sqlite3.Connection, query: Query, by: str | None, period: str) -> Data:
    return timeline(conn, query, by=by, period=period).as_dict()
