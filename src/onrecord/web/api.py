"""The statements' downloads: every match of a search as JSONL or CSV, streamed. (The JSON of every
resource, this one included, comes from its handler in ``views``: see ``routes``.)"""

from __future__ import annotations

import csv
import io
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
from onrecord.web import views
from onrecord.web.params import Conn, Searched


class Download(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


def statements(
    request: Request,
    conn: Conn,
    query: Searched,
    facet: views.Facets = None,
    format: Annotated[
        Download, Param(description="json (one page), or jsonl/csv (every match).")
    ] = Download.JSON,
) -> Response:
    """Search statements (full text and filters), or download every match."""
    if format is Download.JSON:
        return JSONResponse(views.statements(conn, query, facet))
    check_query(conn, query)  # a query that cannot be read is a clean 400 before the first byte
    rows = _every_match(request.app.state.db, query)
    if format is Download.JSONL:
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        return _download(lines, "application/x-ndjson", "statements.jsonl")
    return _download(_csv(rows), "text/csv; charset=utf-8", "statements.csv")


def _every_match(db: Path, query: Query) -> Iterator[dict[str, Any]]:
    """Every match, read on a connection of its own: the stream outlives the request's thread."""
    with Store(db, readonly=True) as store:
        yield from iter_hit_rows(store.conn, query)


def _download(chunks: Iterator[str], media_type: str, name: str) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks, media_type=media_type, headers=headers)


_CSV_COLUMNS = (
    "id",
    "speaker",
    "speaker_kind",
    "country",
    "cue",
    "content",
    "kind",
    "body",
    "session",
    "date",
    "positions",
    "topics",
    "document_id",
    "title",
    "source",
)


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """Statements flattened to one CSV row each (the JSONL download keeps every field)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_CSV_COLUMNS)
    for row in rows:
        event = row["event"] or {}
        writer.writerow(
            (
                row["id"],
                row["speaker"]["name"],
                row["speaker"]["kind"],
                row["speaker"]["country"],
                (row["cue"] or {}).get("text"),
                row["content"]["text"],
                row["kind"],
                event.get("body"),
                event.get("session"),
                event.get("date"),
                ";".join(p["id"] for p in row["positions"]),
                ";".join(t["label"] for t in row["topics"]),
                row["document"]["id"],
                row["document"]["title"],
                row["document"]["source"],
            )
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
