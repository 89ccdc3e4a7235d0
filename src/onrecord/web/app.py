"""The web application: the JSON API and the pages over one store, read-only.

    app = create_app(Path("onrecord.db"))      # then serve it with uvicorn (``onrecord serve`` does)

Routes answer on the server's event loop while they are quick, on worker threads while they are slow
(``placement``); each thread keeps its own read-only SQLite connection (the store can be written by an
ingest running beside it: SQLite's WAL lets readers read) with its cache of facet counts
(``facet_cache``), forgotten when the store changes. There is no route that writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from onrecord import __version__
from onrecord.errors import ConfigError, NotFound, OnrecordError
from onrecord.store import Store
from onrecord.web import pages, routes
from onrecord.web.facet_cache import FacetCache
from onrecord.web.placement import SLOW_SECONDS

SERVER_THREADS = 2  # worker threads for slow routes, downloads and plain routes (see lifespan)

# sent with every response: no resource from elsewhere, no framing, no guessing of types
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response. A plain ASGI middleware: it costs next to nothing
    per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(db: Path, slow_seconds: float = SLOW_SECONDS) -> FastAPI:
    """The app serving the store at ``db`` (opened read-only; it must exist). A route whose requests
    lately took longer than ``slow_seconds`` on average answers on a worker thread (``placement``)."""
    Store(db, readonly=True).close()  # a missing or foreign database is an error now, not at first request
    local = threading.local()  # this thread's store and its facet counts

    def connection() -> sqlite3.Connection:
        store = getattr(local, "store", None)
        if store is None:
            store = local.store = Store(db, readonly=True)
            local.facets = FacetCache(store.conn)
        conn: sqlite3.Connection = store.conn
        return conn

    def facet_cache() -> FacetCache:
        connection()
        cache: FacetCache = local.facets
        return cache

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # few threads: more only take turns at the GIL (and at the CPU)
        anyio.to_thread.current_default_thread_limiter().total_tokens = SERVER_THREADS
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="onrecord",
        version=__version__,
        description="The record of multilateral human-rights diplomacy: who said what, where, when, and "
        "which position they took. Read-only.",
        docs_url=None,  # Swagger UI loads its scripts from a CDN: the /api page describes the routes instead
        redoc_url=None,
        openapi_url="/openapi.json",
    )

    @app.get("/api/v1/openapi.json", include_in_schema=False)
    def openapi_of_v1() -> JSONResponse:  # the description beside the routes it describes, too
        return JSONResponse(app.openapi())

    app.state.connection = connection
    app.state.facet_cache = facet_cache
    app.state.slow_seconds = slow_seconds
    app.state.db = db
    app.include_router(routes.api_router())
    app.include_router(routes.page_router())
    app.mount(
        "/static", StaticFiles(directory=str(resources.files("onrecord.web") / "static")), name="static"
    )

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(OnrecordError)
    async def onrecord_error(request: Request, exc: OnrecordError) -> Response:
        status = 404 if isinstance(exc, NotFound) else 400 if isinstance(exc, ConfigError) else 500
        return _error(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors()
        )
        return _error(request, 422 if _is_api(request) else 400, reasons)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # answered outside the middleware (Starlette's last resort), hence the headers set by _error
        return _error(request, 500, "internal error: the server could not answer this request")

    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, reason: str) -> Response:
    """The error as JSON (API) or a page, with the security headers even when no middleware runs."""
    if _is_api(request):
        return JSONResponse({"error": reason, "status": status}, status_code=status, headers=SECURITY_HEADERS)
    return pages.templates.TemplateResponse(
        request,
        "error.html",
        {"title": f"Error {status}", "status": status, "reason": reason, "twin": None, "page": {}},
        status_code=status,
        headers=SECURITY_HEADERS,
    )
