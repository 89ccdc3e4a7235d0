"""``onrecord export``: any table of the store as JSONL, flat CSV or typed Parquet, or its JSON Schema."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from onrecord.cli.common import DbOption, app, console_err, open_store
from onrecord.errors import ConfigError
from onrecord.search import Query, Sort, readable
from onrecord.store.export import Format, write
from onrecord.store.export_rows import rows
from onrecord.store.export_schema import Table, json_schema
from onrecord.store.filters import parse_filters


@app.command("export")
def export_command(
    what: Annotated[Table, typer.Option(help="Which table to export.")] = Table.DOCUMENTS,
    format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.JSONL,
    output: Annotated[
        Path | None, typer.Option(help="File to write (default: standard output; needed for parquet).")
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(
            help="A search filter as NAME=VALUE (repeatable): country, speaker, speaker_kind, body, session, "
            "event_kind, topic, position, from, to, outlet, kind, q (query text)...; the other tables "
            "keep the rows the matching statements refer to.",
            show_default=False,
        ),
    ] = None,
    excel: Annotated[
        bool, typer.Option(help="CSV for spreadsheets: a byte order mark, and formulas made inert.")
    ] = False,
    schema: Annotated[
        bool, typer.Option(help="Print the JSON Schema of the table's JSONL rows instead.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export a table as JSONL, CSV (flat) or Parquet (typed).

    Example: onrecord export --what statements --where country=China --where body="Security Council"
    --where from=2020-01-01 --format parquet --output china.parquet
    """
    if schema:
        print(json.dumps(json_schema(what), indent=2, ensure_ascii=False))
        return
    query = where_query(where or [])
    with open_store(db) as store, readable(query or Query("")):
        selection = query.selection if query is not None else None
        count = write(rows(store.conn, what, selection), format, output, sys.stdout, what, excel=excel)
    if output is not None:
        console_err.print(f"wrote {count} {what.value} to {escape(str(output))}")


def where_query(items: Sequence[str]) -> Query | None:
    """The selection ``--where`` items (``NAME=VALUE``, repeatable) make, or None for everything."""
    if not items:
        return None
    values: dict[str, str] = {}
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise ConfigError(
                f"--where takes NAME=VALUE (like country=China or from=2020-01-01), not {item!r}"
            )
        if name.strip() in values:
            raise ConfigError(f"--where names {name.strip()!r} twice; give each filter once")
        values[name.strip()] = value.strip()
    text = values.pop("q", "")
    return Query(text, parse_filters(values), Sort.OLDEST)
