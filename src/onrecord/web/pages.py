"""The server-rendered pages: each renders the data of its JSON twin (``views``) with a template.

Text from documents is only ever given to templates as data, which Jinja escapes; the two places that
add markup (highlighted matches, marked spans of an article) escape the text first themselves.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from itertools import pairwise
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi import Query as Param
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from onrecord.charts import svg_bars, svg_timeline
from onrecord.search import Query
from onrecord.timeline import Timeline
from onrecord.web import views
from onrecord.web.params import connection, search_query

router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(connection)]
Searched = Annotated[Query, Depends(search_query)]

templates = Jinja2Templates(directory=str(resources.files("onrecord.web") / "templates"))
_MATCH = re.compile(r"«([^«»]*)»")


def highlighted(text: str) -> Markup:
    """Search matches (between « and ») as <mark>, the rest escaped."""
    return Markup(_MATCH.sub(r"<mark>\1</mark>", str(escape(text))))


def chart(data: dict[str, Any], title: str) -> Markup:
    """A timeline's data (as the JSON twin gives it) drawn as an inline SVG chart."""
    return Markup(svg_timeline(Timeline.from_dict(data), title))


def bars(rows: list[dict[str, Any]], title: str) -> Markup:
    return Markup(svg_bars([(r["value"], r["count"]) for r in rows], title))


templates.env.filters["highlighted"] = highlighted
templates.env.globals.update(chart=chart, bars=bars)


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """``text`` cut at every span boundary: each piece with the names of the spans that cover it."""
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    pieces = []
    for start, end in pairwise(cuts):
        names = tuple(name for s, e, name in spans if s <= start and end <= e)
        pieces.append((text[start:end], names))
    return pieces


def _page(request: Request, template: str, data: dict[str, Any], title: str) -> HTMLResponse:
    path = request.url.path
    twin = "/openapi.json" if path == "/api" else "/api/v1" + (path if path != "/" else "/statements")
    if request.url.query:
        twin += "?" + request.url.query
    context = {"data": data, "title": title, "twin": twin}
    return templates.TemplateResponse(request, template, context)


def _with(request: Request, **changes: object) -> str:
    """This page's address with some parameters set (a None leaves its parameter as it is); paging
    starts again unless ``offset`` is among the changes."""
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    return "?" + urlencode(params)


def _facet_filter(name: str, value: str) -> dict[str, object]:
    if name == "year":
        return {"from": f"{value}-01-01", "to": f"{value}-12-31"}
    return {name: value}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, conn: Conn, query: Searched) -> HTMLResponse:
    data = views.search_view(conn, query, views.SEARCH_FACETS)
    for name, values in data["facets"].items():
        for value in values:
            if value["value"] != "(none)":
                value["href"] = _with(request, **_facet_filter(name, value["value"]))
    if query.offset > 0:
        data["previous"] = _with(request, offset=max(query.offset - query.limit, 0))
    if query.offset + query.limit < data["total"]:
        data["next"] = _with(request, offset=query.offset + query.limit)
    return _page(request, "search.html", data, f"{query.text} · search" if query.text else "Search")


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement_page(request: Request, conn: Conn, statement_id: int) -> HTMLResponse:
    data = views.statement_view(conn, statement_id)
    spans = [
        (span["start"], span["end"], name)
        for name in ("content", "cue", "speaker_mention")
        if (span := data[name]) is not None
    ]
    data["segments"] = segments(data["document"]["text"], spans)
    return _page(request, "statement.html", data, f"{data['speaker']['name']}: statement {statement_id}")


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(
    request: Request, conn: Conn, name: str | None = None, limit: Annotated[int, Param(ge=1, le=500)] = 100
) -> HTMLResponse:
    return _page(request, "speakers.html", views.speakers_view(conn, name, limit, 0), "Speakers")


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(request: Request, conn: Conn, speaker_id: int) -> HTMLResponse:
    data = views.speaker_view(conn, speaker_id)
    return _page(request, "speaker.html", data, data["name"])


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, conn: Conn) -> HTMLResponse:
    return _page(request, "events.html", views.events_view(conn), "Events")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, conn: Conn, event_id: int) -> HTMLResponse:
    data = views.event_view(conn, event_id)
    event = data["event"]
    name = " · ".join(
        str(v) for v in (event["body"], event["session"] and f"session {event['session']}") if v
    )
    return _page(request, "event.html", data, name or f"Event {event_id}")


@router.get("/positions", response_class=HTMLResponse)
def positions_page(request: Request, conn: Conn) -> HTMLResponse:
    return _page(request, "positions.html", views.positions_view(conn), "Positions")


@router.get("/positions/{position_id}", response_class=HTMLResponse)
def position_page(request: Request, conn: Conn, position_id: str, by: str | None = None) -> HTMLResponse:
    data = views.position_view(conn, position_id, by)
    return _page(request, "position.html", data, data["name"])


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API's routes and parameters, read from its OpenAPI description."""
    spec = request.app.openapi()
    routes = [
        {
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ],
        }
        for path, methods in spec["paths"].items()
        for operation in methods.values()
    ]
    return _page(request, "api.html", {"routes": routes, "version": spec["info"]["version"]}, "API")


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    conn: Conn,
    a: Annotated[str, Param(max_length=200)] = "",
    b: Annotated[str, Param(max_length=200)] = "",
    by: str = "position",
) -> HTMLResponse:
    data = (
        views.compare_view(conn, a, b, by) if a and b else {"by": by, "left": None, "right": None, "rows": []}
    )
    data["asked"] = {"a": a, "b": b}
    return _page(request, "compare.html", data, f"{a} and {b}" if a and b else "Compare")
