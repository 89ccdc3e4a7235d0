"""``onrecord timeline``: how many matching statements per year or month, as a table, rows or a chart."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from onrecord.charts import write_chart
from onrecord.cli.common import DbOption, app, console, console_err, open_store
from onrecord.cli.filters import with_filters
from onrecord.search import FACETS, Query
from onrecord.store.export import Format, write
from onrecord.store.filters import StatementFilter
from onrecord.timeline import PERIODS, Timeline, timeline

Opt = typer.Option


class RowFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@app.command("timeline")
@with_filters
def timeline_command(
    query: Annotated[str, typer.Argument(help='Words (all required), "a phrase", prefix*, OR, NOT.')] = "",
    db: DbOption = None,
    by: Annotated[str | None, Opt(help=f"One line per value of: {', '.join(sorted(FACETS))}.")] = None,
    period: Annotated[str, Opt(help=f"Count per {' or '.join(PERIODS)}.")] = "year",
    top: Annotated[int, Opt(help="With --by, lines for this many values; the rest add up to 'other'.")] = 8,
    output: Annotated[Path | None, Opt(help="Also draw the chart into this .svg or .png file.")] = None,
    format: Annotated[
        RowFormat | None, Opt("--format", help="One row per period and line, to standard output.")
    ] = None,
    *,
    filters: StatementFilter,
) -> None:
    """Statements over time: how many match per year or month, optionally one line per country (speaker...).

    Example: onrecord timeline --position non-interference --by country --output non-interference.svg
    """
    with open_store(db) as store:
        tl = timeline(store.conn, Query(query, filters), by=by, period=period, top=top)
    if output is not None:  # first: a chart that cannot be written stops the command before any output
        write_chart(tl, output, _title(query, filters, period, by))
    if format is not None:
        rows = (
            {"period": p, "series": s.label, "count": s.counts[i]}
            for s in tl.series
            for i, p in enumerate(tl.periods)
        )
        write(rows, Format(format.value), None, sys.stdout)
    else:
        _print(tl)
    if output is not None:
        (console_err if format is not None else console).print(f"chart written to {escape(str(output))}")


def _title(query: str, filters: StatementFilter, period: str, by: str | None) -> str:
    """What the chart shows, in words: "Statements per year by speaker: position non-interference"."""
    asked = [f'"{query}"'] if query else []
    asked += [f"{name} {value}" for name, value in filters.public().items()]
    heading = f"Statements per {period}" + (f" by {by}" if by else "")
    return heading + (": " + ", ".join(asked) if asked else "")


def _print(tl: Timeline) -> None:
    heading = f"{tl.total} statements per {tl.period}" + (f" by {tl.by}" if tl.by else "")
    if tl.undated:
        heading += f" ({tl.undated} more without a day)"
    console.print(heading, highlight=False)
    table = Table(tl.period, *(escape(s.label) for s in tl.series))
    for i, p in enumerate(tl.periods):
        table.add_row(p, *(str(s.counts[i]) for s in tl.series))
    table.add_section()
    table.add_row("total", *(str(s.total) for s in tl.series), style="bold")
    console.print(table)
