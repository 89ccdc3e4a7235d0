"""``onrecord search``: full-text search over statements, with filters and facet counts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from onrecord.cli.common import DbOption, app, console, open_store
from onrecord.cli.filters import with_filters
from onrecord.search import Page, Query, Sort, compare, facet_counts, hit_rows, search
from onrecord.store.events import event_row
from onrecord.store.export import Format, write
from onrecord.store.filters import StatementFilter

Opt = typer.Option


@app.command("search")
@with_filters
def search_command(
    query: Annotated[str, typer.Argument(help='Words (all required), "a phrase", prefix*, OR, NOT.')] = "",
    db: DbOption = None,
    sort: Annotated[Sort, Opt(help="Order of the results.")] = Sort.RANK,
    limit: Annotated[int, Opt(help="Results per page (1-500).")] = 20,
    offset: Annotated[int, Opt(help="Results to pass over first.")] = 0,
    facet: Annotated[list[str] | None, Opt(help="Also count results by this facet (repeatable).")] = None,
    format: Annotated[Format | None, Opt("--format", help="jsonl or csv to standard output.")] = None,
    *,
    filters: StatementFilter,
) -> None:
    """Search what was said: ranked full-text matches with filters, highlighted in a table.

    Example: onrecord search "pretext to interfere" --body "Human Rights Council" --facet speaker
    """
    request = Query(query, filters, sort, limit, offset)
    with open_store(db) as store:
        page = search(store.conn, request)
        if format is not None:
            write(hit_rows(store.conn, page.hits), format, None, sys.stdout, "statements")
            return
        counts = {name: facet_counts(store.conn, request, name) for name in facet or []}
    _print(page, request)
    for name, values in counts.items():
        table = Table(name, "statements", title=f"by {name}", title_justify="left")
        for value, n in values:
            table.add_row(escape(value), str(n))
        console.print(table)


def _print(page: Page, request: Query) -> None:
    shown = f"{request.offset + 1}-{request.offset + len(page.hits)}" if page.hits else "none"
    table = Table("id", "speaker", "said", "where", "when", title=f"{page.total} statements ({shown} shown)")
    for hit in page.hits:
        st = hit.stored.statement
        said = escape(hit.highlighted).replace("«", "[bold yellow]").replace("»", "[/]")
        ev = event_row(st.event) or {}
        where = " · ".join(str(v) for v in (ev.get("body"), ev.get("session"), ev.get("kind")) if v)
        table.add_row(
            str(hit.stored.id), escape(st.speaker.name), said, escape(where), str(ev.get("date") or "")
        )
    console.print(table)


@app.command("compare")
@with_filters
def compare_command(
    left: Annotated[str, typer.Argument(help="A speaker (name or alias) or a country.")],
    right: Annotated[str, typer.Argument(help="Another speaker or country.")],
    by: Annotated[str, Opt(help="position, topic, body, session, year or event_kind.")] = "position",
    db: DbOption = None,
    *,
    filters: StatementFilter,
) -> None:
    """Two speakers or countries side by side: how often each takes each position (or topic...),
    among the statements the filters keep.

    Example: onrecord compare "Wang Yi" "Zhang Wanhong" --by position --body "Human Rights Council"
    """
    with open_store(db) as store:
        result = compare(store.conn, left, right, by, within=filters)
    a, b = result.left, result.right
    table = Table(by, f"{a.asked} ({a.total})", f"{b.asked} ({b.total})", title=f"statements by {by}")
    for value, n_a, n_b in result.rows:
        table.add_row(escape(value), _share(n_a, a.total), _share(n_b, b.total))
    console.print(table)


def _share(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else str(count)
