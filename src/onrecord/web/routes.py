"""Every resource once: its path, its handler (``views``), its template and title. Each is served as
JSON under ``/api/v1`` and, where it has a template, as a page at its own path, both from one call of
its handler, so the two cannot disagree::

    /speakers/3            the page        (speakers.html over views.speaker(...))
    /api/v1/speakers/3     its JSON twin   (the same data, as it is)
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from onrecord.web import pages, views
from onrecord.web.params import connection
from onrecord.web.placement import Placement
from onrecord.web.views import Data

API = "/api/v1"


@dataclass(frozen=True, slots=True)
class Resource:
    path: str  # of its JSON twin, under /api/v1
    handler: Callable[..., Data]
    template: str | None = None  # None: served as JSON only
    title: Callable[[Data], str] = lambda data: ""
    page: str | None = None  # the page's path when it is not ``path`` (the search is at /)
    # parameters the page gives when the request does not (its twin link then names them too)
    page_defaults: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def page_path(self) -> str:
        return self.page or self.path

    @property
    def summary(self) -> str:
        return (inspect.getdoc(self.handler) or "").split("\n")[0].rstrip(".")


def _event_title(data: Data) -> str:
    event = data["event"]
    name = " · ".join(
        str(v) for v in (event["body"], event["session"] and f"session {event['session']}") if v
    )
    return name or f"Event {data['id']}"


RESOURCES: tuple[Resource, ...] = (
    Resource(
        "/statements",
        views.statements,
        "search.html",
        lambda d: f"{d['query']} · search" if d["query"] else "Search",
        page="/",
        page_defaults=(("facet", views.SEARCH_FACETS),),
    ),
    Resource(
        "/statements/{statement_id}",
        views.statement,
        "statement.html",
        lambda d: f"{d['speaker']['name']}: statement {d['id']}",
    ),
    Resource("/speakers", views.speakers, "speakers.html", lambda d: "Speakers"),
    Resource("/speakers/{speaker_id}", views.speaker, "speaker.html", lambda d: str(d["name"])),
    Resource("/events", views.events, "events.html", lambda d: "Events"),
    Resource("/events/{event_id}", views.event, "event.html", _event_title),
    Resource("/positions", views.positions, "positions.html", lambda d: "Positions"),
    Resource("/positions/{position_id}", views.position, "position.html", lambda d: str(d["name"])),
    Resource("/topics", views.topics),
    Resource("/documents", views.documents),
    Resource("/documents/{document_id}", views.document),
    Resource("/timeline", views.timeline),
    Resource(
        "/compare",
        views.compare_sides,
        "compare.html",
        lambda d: f"{d['asked']['a']} and {d['asked']['b']}" if d["left"] else "Compare",
    ),
)


def _endpoint(
    handler: Callable[..., Any],
    render: Callable[[Request, Any], Response],
    defaults: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Callable[..., Any]:
    """A route function taking ``handler``'s parameters (and the request) that renders its data;
    ``defaults`` fill the parameters the request leaves out. Its ``conn`` is the connection of the
    thread it runs on, and its ``facet_cache`` (``web.facet_cache``) that connection's.

    It is ``async`` although the handler is not: it answers on the server's event loop while the
    route's requests are quick, on a worker thread while they have lately been slow (``placement``).
    Downloads are streamed from a thread whatever the route's place (``api``)."""
    signature = inspect.signature(handler, eval_str=True)
    request = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    given = [p for p in signature.parameters.values() if p.name not in {"conn", "request", "facet_cache"}]
    placement = Placement()

    def answer(request: Request, values: dict[str, Any]) -> Response:
        started = time.perf_counter()
        if "conn" in signature.parameters:
            values["conn"] = connection(request)
        if "request" in signature.parameters:
            values["request"] = request
        if "facet_cache" in signature.parameters:
            values["facet_cache"] = request.app.state.facet_cache()
        try:
            return render(request, handler(**values))
        finally:
            placement.took(time.perf_counter() - started)

    async def endpoint(request: Request, **values: Any) -> Response:
        for name, value in defaults:
            if values.get(name) is None:
                values[name] = list(value)
        if placement.on_thread(request.app.state.slow_seconds):
            return await run_in_threadpool(answer, request, values)
        return answer(request, values)

    endpoint.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[request, *given], return_annotation=Response
    )
    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint


def _json(request: Request, data: Data | Response) -> Response:
    return data if isinstance(data, Response) else JSONResponse(data)


def api_router() -> APIRouter:
    """The JSON API: every resource under /api/v1 (the statements also as downloads: see ``api``)."""
    from onrecord.web import api

    router = APIRouter(prefix=API, tags=["api v1"])
    for resource in RESOURCES:
        handler = api.statements if resource.handler is views.statements else resource.handler
        endpoint = _endpoint(handler, _json)
        router.add_api_route(
            resource.path, endpoint, methods=["GET"], summary=resource.summary, response_model=None
        )
    router.add_api_route(
        "/schema/{table}", api.schema, methods=["GET"], summary=api.schema.__doc__, response_model=None
    )
    router.add_api_route("/", _api_index, methods=["GET"], include_in_schema=False)
    return router


def _api_index() -> JSONResponse:
    """What /api/v1/ answers: its routes and where they are described."""
    return JSONResponse(
        {
            "routes": [{"path": API + r.path, "summary": r.summary} for r in RESOURCES],
            "openapi": API + "/openapi.json",
        }
    )


def page_router() -> APIRouter:
    """The pages: every resource with a template, at its own path."""
    router = APIRouter(include_in_schema=False)
    for resource in RESOURCES:
        if resource.template is None:
            continue
        twin = API + resource.path if resource.page else None  # else: /api/v1 + the page's own path
        render = pages.renderer(resource.template, resource.title, twin, resource.page_defaults)
        endpoint = _endpoint(resource.handler, render, resource.page_defaults)
        router.add_api_route(resource.page_path, endpoint, methods=["GET"], response_model=None)
    router.add_api_route("/api", pages.api_page, methods=["GET"], response_model=None)
    return router
