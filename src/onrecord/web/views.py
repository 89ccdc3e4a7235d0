"""One handler per resource: each returns what its page shows as plain JSON-ready data, and ``routes``
serves it twice from the same call, as JSON under ``/api/v1`` and as a page through a template, so a page
and its JSON twin take the same parameters, the same limits and the same validation, and carry the same
data. Statements are read through the query model (``onrecord.search``), everything else through
``onrecord.store``: no SQL here."""

from __future__ import annotations

import dataclasses
import sqlite3
from functools import cache, partial
from typing import Annotated, Any

from fastapi import Path as PathParam
from fastapi import Query as Param

from onrecord.errors import NotFound
from onrecord.search import FacetCounter, Query, Sort, compare, facet_counts, hit_rows, search
from onrecord.store import records
from onrecord.store.events import event_row, iter_events
from onrecord.store.filters import MAX_TEXT, SQLITE_MAX_INT, StatementFilter
from onrecord.store.statements import SpeakerSummary, count_speakers, iter_speakers
from onrecord.themes.positions import Taxonomy, load_taxonomy
from onrecord.timeline import timeline as timeline_of
from onrecord.web.facet_cache import FacetCache
from onrecord.web.params import Conn, Filters, Id, Limit, Offset, Searched, Text

Data = dict[str, Any]

# facets the search page counts unless asked otherwise (the query model knows more: see search.FACETS)
SEARCH_FACETS = ("speaker", "country", "body", "session", "position", "topic", "year", "kind")
MAX_FACETS = 12
_PAGE_OF_STATEMENTS = 20

Facets = Annotated[
    list[str] | None,
    Param(
        max_length=MAX_FACETS,
        description="Count the matches by this facet (repeat); the search page counts"
        f" {', '.join(SEARCH_FACETS)} unless told.",
    ),
]
Session = Annotated[
    int | None, Param(ge=-SQLITE_MAX_INT - 1, le=SQLITE_MAX_INT, description="Session number.")
]
Side = Annotated[str, Param(max_length=MAX_TEXT, description="A speaker (name or alias) or a country.")]
By = Annotated[
    str | None,
    Param(max_length=MAX_TEXT, description="One line per value of this facet (country, speaker...)."),
]


@cache
def _taxonomy() -> Taxonomy:
    """The packaged position taxonomy, read once (it changes only with the installed package)."""
    return load_taxonomy()


def _counter(conn: sqlite3.Connection, facet_cache: FacetCache | None) -> FacetCounter:
    """How a handler counts facets: from the server's cache (``web.facet_cache``, which its route
    gives), else in SQL every time."""
    return partial(facet_counts, conn) if facet_cache is None else facet_cache.get


def _facet(count: FacetCounter, query: Query, name: str, top: int = 10) -> list[Data]:
    return _facet_rows(count(query, name, top))


def _facet_rows(counts: list[tuple[str, int]]) -> list[Data]:
    return [{"value": v, "count": n} for v, n in counts]


def statements(
    conn: Conn, query: Searched, facet: Facets = None, facet_cache: FacetCache | None = None
) -> Data:
    """A page of the statements that match, with counts by facet."""
    names = tuple(dict.fromkeys(f for f in facet or () if f))
    count = _counter(conn, facet_cache)
    page = search(conn, query)
    return {
        "query": query.text,
        "filters": query.filters.public(),
        "sort": query.sort.value,
        "total": page.total,
        "limit": query.limit,
        "offset": query.offset,
        "items": hit_rows(conn, page.hits),
        "facets": {name: _facet_rows(count(query, name, 10)) for name in names},
    }


def _statements_of(
    conn: sqlite3.Connection, filters: StatementFilter, limit: int = _PAGE_OF_STATEMENTS
) -> Data:
    page = search(conn, Query("", filters, Sort.DATE, limit))
    return {"total": page.total, "items": hit_rows(conn, page.hits)}


def statement(conn: Conn, statement_id: Id) -> Data:
    """One statement with the whole text of its document (the spans index it)."""
    page = search(conn, Query("", StatementFilter(statement_id=statement_id), limit=1))
    if not page.hits:
        raise NotFound(f"no statement with id {statement_id}")
    item = hit_rows(conn, page.hits)[0]
    item["document"] |= records.document_text(conn, page.hits[0].stored.document_id) or {}
    return item


def speakers(conn: Conn, name: Text = None, limit: Limit = 100, offset: Offset = 0) -> Data:
    """Speakers, most quoted first."""
    return {
        "total": count_speakers(conn, name=name),
        "limit": limit,
        "offset": offset,
        "items": [_speaker(s) for s in iter_speakers(conn, name=name, limit=limit, offset=offset)],
    }


def _speaker(summary: SpeakerSummary) -> Data:
    return dataclasses.asdict(summary)


def speaker(conn: Conn, speaker_id: Id, facet_cache: FacetCache | None = None) -> Data:
    """A speaker: roles, aliases, positions, statements over time."""
    summary = next(iter_speakers(conn, speaker_id=speaker_id), None)
    if summary is None:
        raise NotFound(f"no speaker with id {speaker_id}")
    filters = StatementFilter(speaker_id=speaker_id)
    count = _counter(conn, facet_cache)
    return {
        **_speaker(summary),
        "accounts": records.speaker_accounts(conn, speaker_id),
        "positions": _facet(count, Query("", filters), "position", 20),
        "topics": _facet(count, Query("", filters), "topic", 10),
        "timeline": timeline_of(conn, Query("", filters)).as_dict(),
        "statements": _statements_of(conn, filters),
    }


def events(conn: Conn, body: Text = None, session: Session = None) -> Data:
    """Events (body, session, segment, date), newest first."""
    return {
        "items": [
            {"id": e.id, **(event_row(e.event) or {}), "statements": e.statements, "speakers": e.speakers}
            for e in iter_events(conn, body=body, session=session)
        ]
    }


def event(conn: Conn, event_id: Id, facet_cache: FacetCache | None = None) -> Data:
    """An event: who spoke and which positions were taken."""
    found = records.event(conn, event_id)
    if found is None:
        raise NotFound(f"no event with id {event_id}")
    filters = StatementFilter(event_id=event_id)
    return {
        "id": event_id,
        "event": found,
        "speakers": records.event_speakers(conn, event_id),
        "positions": _facet(_counter(conn, facet_cache), Query("", filters), "position", 20),
        "statements": _statements_of(conn, filters, 100),
    }


def positions(conn: Conn, facet_cache: FacetCache | None = None) -> Data:
    """The positions of the taxonomy, with how many statements take each."""
    counts = dict(_counter(conn, facet_cache)(Query(""), "position", 1000))
    return {
        "items": [
            {
                "id": p.id,
                "name": p.name,
                "definition": p.definition,
                "counter": list(p.counter),
                "statements": counts.get(p.id, 0),
            }
            for p in _taxonomy().positions
        ]
    }


def position(
    conn: Conn,
    position_id: Annotated[str, PathParam(max_length=MAX_TEXT)],
    by: By = None,
    facet_cache: FacetCache | None = None,
) -> Data:
    """A position: who takes it, over time, and its counter-positions."""
    taxonomy = _taxonomy()
    if position_id not in taxonomy.ids:
        raise NotFound(f"no position {position_id!r}; the taxonomy has {', '.join(taxonomy.ids)}")
    taken = taxonomy.get(position_id)
    query = Query("", StatementFilter(position=position_id))
    count = _counter(conn, facet_cache)
    counters = []
    for counter_id in taken.counter:
        counter = taxonomy.get(counter_id)
        counter_query = Query("", StatementFilter(position=counter_id))
        counters.append(
            {
                "id": counter.id,
                "name": counter.name,
                "definition": counter.definition,
                "speakers": _facet(count, counter_query, "speaker"),
                "timeline": timeline_of(conn, counter_query).as_dict(),
                "statements": search(conn, counter_query).total,
            }
        )
    return {
        "id": taken.id,
        "name": taken.name,
        "definition": taken.definition,
        "speakers": _facet(count, query, "speaker"),
        "countries": _facet(count, query, "country"),
        "timeline": timeline_of(conn, query, by=by).as_dict(),
        "counter": counters,
        "statements": _statements_of(conn, query.filters),
    }


def topics(conn: Conn, facet_cache: FacetCache | None = None) -> Data:
    """Topics (UPR Info issues) with how many statements have each."""
    return {"items": _facet(_counter(conn, facet_cache), Query(""), "topic", 100)}


def documents(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> Data:
    """Documents in the store."""
    total, rows = records.documents(conn, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def document(conn: Conn, document_id: Id) -> Data:
    """A document: its clean text and its statements."""
    found = records.document(conn, document_id)
    if found is None:
        raise NotFound(f"no document with id {document_id}")
    return {**found, "statements": _statements_of(conn, StatementFilter(document_id=document_id), 500)}


def compare_sides(
    conn: Conn,
    filters: Filters,
    a: Side = "",
    b: Side = "",
    by: Annotated[str, Param(max_length=MAX_TEXT)] = "position",
    facet_cache: FacetCache | None = None,
) -> Data:
    """Two speakers or countries side by side, among the statements the filters keep (nothing to
    compare until both are given)."""
    data: Data = {"by": by, "asked": {"a": a, "b": b}, "left": None, "right": None, "rows": []}
    if not (a.strip() and b.strip()):
        return data
    result = compare(conn, a, b, by, within=filters, count=_counter(conn, facet_cache))
    return data | {
        "left": {"asked": result.left.asked, "total": result.left.total},
        "right": {"asked": result.right.asked, "total": result.right.total},
        "rows": [{"value": v, "left": n_a, "right": n_b} for v, n_a, n_b in result.rows],
    }


def timeline(
    conn: Conn,
    query: Searched,
    by: By = None,
    period: Annotated[str, Param(max_length=10, description="year or month.")] = "year",
) -> Data:
    """How many matching statements fall in each year or month."""
    return timeline_of(conn, query, by=by, period=period).as_dict()
