"""The JSON API, versioned under ``/api/v1/``: read-only routes over the query model. Each web page's
JSON twin is the route of the same path under ``/api/v1`` (``/speakers/3`` -> ``/api/v1/speakers/3``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Query as Param
from fastapi.responses import JSONResponse, StreamingResponse

from onrecord.search import MAX_PAGE_SIZE, Query, iter_hit_rows
from onrecord.store import Store
from onrecord.store.export import csv_lines
from onrecord.store.export_schema import Table, json_schema
from onrecord.web import views
from onrecord.web.params import connection, search_query

router = APIRouter(prefix="/api/v1", tags=["api v1"])
Conn = Annotated[sqlite3.Connection, Depends(connection)]
Searched = Annotated[Query, Depends(search_query)]
Limit = Annotated[int, Param(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Param(ge=0)]


class Download(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    EXCEL = "excel"  # the CSV for spreadsheets


def data(payload: dict[str, Any]) -> JSONResponse:
    return JSONResponse(payload)


@router.get("/statements", summary="Search statements (full text and filters), or download every match")
def statements(
    request: Request,
    conn: Conn,
    query: Searched,
    facet: Annotated[list[str] | None, Param(description="Count the matches by this facet (repeat).")] = None,
    format: Annotated[
        Download,
        Param(description="json (one page), or jsonl/csv/excel (every match; excel: CSV for spreadsheets)."),
    ] = Download.JSON,
) -> Any:
    if format is Download.JSON:
        return data(views.search_view(conn, query, facet or ()))
    rows = _every_match(request.app.state.db, query)
    if format is Download.JSONL:
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return _download(lines, "application/x-ndjson", "statements.jsonl")
    excel = format is Download.EXCEL
    name = "statements-excel.csv" if excel else "statements.csv"
    return _download(csv_lines(rows, Table.STATEMENTS, excel=excel), "text/csv; charset=utf-8", name)


def _every_match(db: Path, query: Query) -> Iterator[dict[str, Any]]:
    """Every match, read on a connection of its own: the stream outlives the request's thread."""
    with Store(db, readonly=True) as store:
        yield from iter_hit_rows(store.conn, query)


def _download(chunks: Iterator[str], media_type: str, name: str) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks, media_type=media_type, headers=headers)


@router.get("/statements/{statement_id}", summary="One statement, with the text of its document")
def statement(conn: Conn, statement_id: int) -> JSONResponse:
    return data(views.statement_view(conn, statement_id))


@router.get("/speakers", summary="Speakers, most quoted first")
def speakers(conn: Conn, name: str | None = None, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return data(views.speakers_view(conn, name, limit, offset))


@router.get("/speakers/{speaker_id}", summary="A speaker: roles, aliases, positions, statements over time")
def speaker(conn: Conn, speaker_id: int) -> JSONResponse:
    return data(views.speaker_view(conn, speaker_id))


@router.get("/events", summary="Events (body, session, segment, date), newest first")
def events(conn: Conn, body: str | None = None, session: int | None = None) -> JSONResponse:
    return data(views.events_view(conn, body, session))


@router.get("/events/{event_id}", summary="An event: who spoke and which positions were taken")
def event(conn: Conn, event_id: int) -> JSONResponse:
    return data(views.event_view(conn, event_id))


@router.get("/positions", summary="The positions of the taxonomy, with how many statements take each")
def positions(conn: Conn) -> JSONResponse:
    return data(views.positions_view(conn))


@router.get("/positions/{position_id}", summary="A position: who takes it, over time, and its counter")
def position(conn: Conn, position_id: str, by: str | None = None) -> JSONResponse:
    return data(views.position_view(conn, position_id, by))


@router.get("/topics", summary="Topics (UPR Info issues) with how many statements have each")
def topics(conn: Conn) -> JSONResponse:
    return data(views.topics_view(conn))


@router.get("/documents", summary="Documents in the store")
def documents(conn: Conn, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    return data(views.documents_view(conn, limit, offset))


@router.get("/documents/{document_id}", summary="A document: its clean text and its statements")
def document(conn: Conn, document_id: int) -> JSONResponse:
    return data(views.document_view(conn, document_id))


@router.get("/timeline", summary="How many matching statements fall in each year or month")
def timeline(
    conn: Conn,
    query: Searched,
    by: Annotated[
        str | None, Param(description="One line per value of this facet (country, speaker...).")
    ] = None,
    period: Annotated[str, Param(description="year or month.")] = "year",
) -> JSONResponse:
    return data(views.timeline_view(conn, query, by, period))


@router.get("/compare", summary="Two speakers or countries side by side")
def compare(
    conn: Conn,
    a: Annotated[str, Param(min_length=1, max_length=200)],
    b: Annotated[str, Param(min_length=1, max_length=200)],
    by: str = "position",
) -> JSONResponse:
    return data(views.compare_view(conn, a, b, by))


@router.get("/schema/{table}", summary="The JSON Schema of an export's JSONL rows (statements, documents...)")
def schema(table: Table) -> JSONResponse:
    return data(json_schema(table))
