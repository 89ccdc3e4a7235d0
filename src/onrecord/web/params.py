"""Request parameters shared by every route: the statement filters (generated from their declaration,
``store.filters.FILTERS``), one reading of a search into the query model, ids checked to SQLite's range."""

from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi import Path as PathParam
from fastapi import Query as Param

from onrecord.search import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, Query, Sort
from onrecord.store.filters import FILTERS, MAX_TEXT, SQLITE_MAX_INT, StatementFilter

# an id in a path (/statements/ID): a number SQLite can hold, else a clean 422 (400 on a page)
Id = Annotated[int, PathParam(ge=0, le=SQLITE_MAX_INT, description="Its id.")]
Limit = Annotated[int, Param(ge=1, le=MAX_PAGE_SIZE, description="Results per page.")]
Offset = Annotated[int, Param(ge=0, le=SQLITE_MAX_INT, description="Results to pass over first.")]
Text = Annotated[str | None, Param(max_length=MAX_TEXT)]


def _filter_parameters() -> Callable[..., Awaitable[StatementFilter]]:
    """A dependency with one query parameter per public filter, giving them as a ``StatementFilter``."""
    parameters = []
    for f in FILTERS:
        if not f.public:
            continue
        bounds: dict[str, Any] = (
            {"ge": -SQLITE_MAX_INT - 1, "le": SQLITE_MAX_INT} if f.type is int else {"max_length": MAX_TEXT}
        )
        param = Param(alias=f.option, description=f.help, **bounds)
        annotation = Annotated[f.type | None, param]  # type: ignore[name-defined]
        parameters.append(
            inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        )

    async def statement_filter(**values: Any) -> StatementFilter:  # async: no thread for so little
        return StatementFilter(**values)

    statement_filter.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return statement_filter


filter_parameters = _filter_parameters()
Filters = Annotated[StatementFilter, Depends(filter_parameters)]


async def search_query(
    filters: Filters,
    q: Annotated[
        str,
        Param(max_length=MAX_QUERY_LENGTH, description='Words (all required), "a phrase", prefix*, OR, NOT.'),
    ] = "",
    sort: Annotated[
        Sort,
        Param(
            description="rank (best first), date (newest first), oldest, or stored (document by document)."
        ),
    ] = Sort.RANK,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Query:
    return Query(q, filters, sort, limit, offset)  # async (no thread): it only checks values


def connection(request: Request) -> sqlite3.Connection:
    """This thread's read-only connection to the store the app serves."""
    opener = request.app.state.connection
    conn: sqlite3.Connection = opener()
    return conn


# a handler's connection: given by its route (``routes``) on the thread that runs it, not a dependency
Conn = sqlite3.Connection
Searched = Annotated[Query, Depends(search_query)]
