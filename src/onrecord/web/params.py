"""Request parameters shared by the API and the pages: one reading of a search into the query model."""

from __future__ import annotations

import sqlite3
from typing import Annotated

from fastapi import Query as Param
from fastapi import Request

from onrecord.search import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, Query, Sort
from onrecord.store.statements import StatementFilter


def search_query(
    q: Annotated[
        str,
        Param(max_length=MAX_QUERY_LENGTH, description='Words (all required), "a phrase", prefix*, OR, NOT.'),
    ] = "",
    speaker: Annotated[str | None, Param(description="Speaker name or alias contains this.")] = None,
    speaker_id: Annotated[int | None, Param(description="One speaker, by id.")] = None,
    speaker_kind: Annotated[
        str | None, Param(description="person, state, organization, group, unknown.")
    ] = None,
    country: Annotated[str | None, Param(description="The speaker's country.")] = None,
    body: Annotated[str | None, Param(description="Body of the event (e.g. Human Rights Council).")] = None,
    session: Annotated[int | None, Param(description="Session number.")] = None,
    event_kind: Annotated[str | None, Param(description="Kind of event.")] = None,
    event_id: Annotated[int | None, Param(description="One event, by id.")] = None,
    topic: Annotated[str | None, Param(description="UPR Info issue label.")] = None,
    position: Annotated[str | None, Param(description="Position id.")] = None,
    date_from: Annotated[
        str | None, Param(alias="from", description="Said on or after (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[str | None, Param(alias="to", description="Said on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Param(description="Outlet of the document.")] = None,
    kind: Annotated[str | None, Param(description="direct, indirect or mixed.")] = None,
    sort: Annotated[Sort, Param(description="rank (best first), date (newest first) or oldest.")] = Sort.RANK,
    limit: Annotated[int, Param(ge=1, le=MAX_PAGE_SIZE, description="Results per page.")] = 20,
    offset: Annotated[int, Param(ge=0, description="Results to pass over first.")] = 0,
) -> Query:
    filters = StatementFilter(
        speaker=speaker or None,
        speaker_id=speaker_id,
        speaker_kind=speaker_kind or None,
        country=country or None,
        body=body or None,
        session=session,
        event_kind=event_kind or None,
        event_id=event_id,
        topic=topic or None,
        position=position or None,
        date_from=date_from or None,
        date_to=date_to or None,
        outlet=outlet or None,
        kind=kind or None,
    )
    return Query(q, filters, sort, limit, offset)


def connection(request: Request) -> sqlite3.Connection:
    """This thread's read-only connection to the store the app serves."""
    opener = request.app.state.connection
    conn: sqlite3.Connection = opener()
    return conn
