"""The statements' downloads: every match of a search as JSONL or CSV, streamed. (The JSON of every
resource, this one included, comes from its handler in ``views``: see ``routes``.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import Query as Param
from fastapi import Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from onrecord.search import Query, check_query, iter_hit_rows
from onrecord.store import Store
from onrecord.store.export import csv_lines
from onrecord.store.export_schema import Table, json_schema
from onrecord.web import views
from onrecord.web.facet_cache import FacetCache
from onrecord.web.params import Conn, Searched


class Download(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    EXCEL = "excel"  # the CSV for spreadsheets


def statements(
    request: Request,
    conn: Conn,
    query: Searched,
    facet: views.Facets = None,
    format: Annotated[
        Download,
        Param(description="json (one page), or jsonl/csv/excel (every match; excel: CSV for spreadsheets)."),
    ] = Download.JSON,
    facet_cache: FacetCache | None = None,
) -> Response:
    """Search statements (full text and filters), or download every match."""
    if format is Download.JSON:
        return JSONResponse(views.statements(conn, query, facet, facet_cache))
    check_query(conn, query)  # a query that cannot be read is a clean 400 before the first byte
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


def schema(table: Table) -> JSONResponse:
    """The JSON Schema of an export's JSONL rows (statements, documents, speakers, events, figures)."""
    return JSONResponse(json_schema(table))
