"""Commands for documents: ingest, reanalyse, documents, show, failures."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Event
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column, Table
from rich.text import Text

from onrecord.cli.common import DbOption, app, console, console_err, open_store, settings_for
from onrecord.gate import GateMode
from onrecord.ingest import count_items
from onrecord.pipeline import Pipeline
from onrecord.process import IngestSummary, Status, default_stages, ingest, pending_reanalysis, reanalyse
from onrecord.store import Store
from onrecord.store import documents as docs
from onrecord.workers import default_size

WorkersOption = Annotated[
    int | None,
    typer.Option(help="Processes to parse in (default: one per core).", min=0, show_default=False),
]
TimeLimitOption = Annotated[
    int | None,
    typer.Option(help="Seconds one document may take (default 120).", min=1, show_default=False),
]


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), or - for stdin.")],
    db: DbOption = None,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when any document fails.")] = False,
    text_column: Annotated[
        str | None, typer.Option(help="Column holding the text in CSV/JSONL files (default: guessed).")
    ] = None,
    max_document_bytes: Annotated[
        int | None, typer.Option(help="Size limit per document (default 20 MB).", show_default=False)
    ] = None,
    analyse: Annotated[
        bool, typer.Option(help="Find statements, speakers, events and figures (--no-analyse: text only).")
    ] = True,
    gate: Annotated[
        bool | None,
        typer.Option(
            "--gate/--all",
            help="Set aside documents not about multilateral diplomacy before the parse (default: for the "
            "pages of web archives only); --all reads everything.",
            show_default=False,
        ),
    ] = None,
    workers: WorkersOption = None,
    document_time_limit: TimeLimitOption = None,
) -> None:
    """Read documents, clean them, and keep them in the store.

    Ctrl-C stores the documents in flight and stops; the same command run again goes on where it stopped.
    Example: onrecord ingest ../shared/seeds examples/ --db record.db --workers 2
    """
    settings = settings_for(
        db, max_document_bytes=max_document_bytes, workers=workers, document_time_limit=document_time_limit
    )
    total = count_items(paths)
    stop = Event()
    with _stop_on_interrupt(stop), Store(settings.db) as store, _progress(rate=True) as progress:
        task = progress.add_task("ingesting", total=total, current="")

        def on_progress(source: str, status: Status) -> None:
            progress.update(task, advance=1, current=f"{status.value}: {_short(source)}")

        summary = ingest(
            paths,
            store,
            settings,
            analyse=analyse,
            text_column=text_column,
            stdin=sys.stdin.buffer if "-" in paths else None,
            on_progress=on_progress,
            gate=GateMode.AUTO if gate is None else GateMode.ON if gate else GateMode.OFF,
            workers=settings.workers or default_size(),
            stop=stop,
        )
    _print_summary(summary, settings.db)
    if summary.stopped:
        console_err.print("stopped by Ctrl-C: run the same command again to go on where it stopped")
        raise typer.Exit(130)
    if strict and summary.failed:
        raise typer.Exit(1)


@contextmanager
def _stop_on_interrupt(stop: Event) -> Iterator[None]:
    """The first Ctrl-C sets ``stop`` (the documents in flight are stored, then the run ends); a second
    one interrupts at once."""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return

    def on_interrupt(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        console_err.print("stopping: storing the documents in flight (Ctrl-C again to stop at once)")

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@app.command("reanalyse")
def reanalyse_command(
    db: DbOption = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Redo every document, not only outdated ones.")
    ] = False,
    workers: WorkersOption = None,
    document_time_limit: TimeLimitOption = None,
) -> None:
    """Run the pipeline again on stored documents, from their bytes as received.

    Redoes the documents processed by another onrecord version or ingested with --no-analyse. A document
    that fails or runs over its time limit keeps its earlier analysis, and the failure is recorded.
    Ctrl-C stores the documents in flight and stops; the same command run again goes on.
    Example: onrecord reanalyse --all --workers 2
    """
    settings = settings_for(db, workers=workers, document_time_limit=document_time_limit)
    pipeline = Pipeline(default_stages(settings))
    stop = Event()
    with _stop_on_interrupt(stop), open_store(db) as store, _progress(rate=True) as progress:
        total = pending_reanalysis(store, pipeline, everything=everything)
        task = progress.add_task("analysing", total=total, current="")

        def on_progress(source: str, status: Status) -> None:
            progress.update(task, advance=1, current=f"{status.value}: {_short(source)}")

        summary = reanalyse(
            store,
            settings,
            everything=everything,
            pipeline=pipeline,
            on_progress=on_progress,
            workers=settings.workers or default_size(),
            stop=stop,
        )
    console.print(f"analysed {summary.ingested}, failed {summary.failed}")
    for failure in summary.failures[:20]:
        console.print(f"  {escape(failure.source)}: {failure.stage}: {escape(failure.reason)}")
    if summary.stopped:
        again = (
            "the documents not yet redone keep their earlier analysis"
            if everything
            else ("run the same command again to go on where it stopped")
        )
        console_err.print(f"stopped by Ctrl-C: {again}")
        raise typer.Exit(130)


def _progress(*, rate: bool = False) -> Progress:
    """A progress line: documents done (of the total, where known); with ``rate``, documents per second and
    the time left."""
    columns: list[str | ProgressColumn] = [
        SpinnerColumn(),
        TextColumn("{task.description} {task.completed:>6.0f}"),
        _OfTotal(),
    ]
    if rate:
        columns += [_Rate(), TimeRemainingColumn()]
    columns += [TimeElapsedColumn(), TextColumn("[dim]{task.fields[current]}", markup=True)]
    return Progress(*columns, console=console_err, transient=True)


class _OfTotal(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"of {task.total:.0f} documents" if task.total is not None else "documents")


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:.1f}/s" if speed is not None else "…/s", style="dim")


def _short(source: str, width: int = 60) -> str:
    return escape(source if len(source) <= width else "…" + source[-(width - 1) :])


def _print_summary(summary: IngestSummary, db: Path) -> None:
    console.print(
        f"ingested {summary.ingested}, unchanged {summary.unchanged}, failed {summary.failed}, "
        f"skipped {len(summary.skipped)}  [dim](store: {escape(str(db))})[/]"
    )
    if summary.failures:
        table = Table(
            Column("source", overflow="fold"), "stage", "reason", title="failures", title_justify="left"
        )
        for failure in summary.failures[:20]:
            table.add_row(escape(failure.source), failure.stage, escape(failure.reason))
        console.print(table)
        if len(summary.failures) > 20:
            console.print(f"… and {len(summary.failures) - 20} more: see `onrecord failures`")
    if summary.set_aside:
        console.print(
            f"set aside by the relevance gate (not about multilateral diplomacy): {len(summary.set_aside)}; "
            "their reasons are in `onrecord failures` (stage gate); --all reads them"
        )
    if summary.skipped:
        shown = ", ".join(escape(s.source) for s in summary.skipped[:5])
        more = f" and {len(summary.skipped) - 5} more" if len(summary.skipped) > 5 else ""
        console.print(f"skipped (not a kind onrecord reads): {shown}{more}")


@app.command("documents")
def documents_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(help="How many to pass over first.")] = 0,
) -> None:
    """List stored documents: id, date, outlet, title, language, source.

    Example: onrecord documents --limit 20
    """
    with open_store(db) as store:
        total = docs.count_documents(store.conn)
        table = Table(
            "id",
            "published",
            "outlet",
            "title",
            "lang",
            Column("source", overflow="fold"),
            title=f"{total} documents",
        )
        for doc in docs.iter_documents(store.conn, limit=limit, offset=offset):
            a = doc.article
            table.add_row(
                str(doc.id),
                a.published.isoformat() if a.published else "",
                escape(a.outlet or ""),
                escape(a.title or ""),
                a.language or "",
                escape(doc.source),
            )
    console.print(table)


@app.command("show")
def show_command(
    doc: Annotated[str, typer.Argument(help="Document id, source, or 6+ characters of its sha256.")],
    db: DbOption = None,
    raw: Annotated[bool, typer.Option(help="Write the raw bytes as received to stdout.")] = False,
    removed: Annotated[bool, typer.Option(help="Also list the lines the cleaner removed.")] = False,
) -> None:
    """Show one document's metadata and clean text.

    Example: onrecord show 1 --removed
    """
    with open_store(db) as store:
        stored = docs.get_document(store.conn, doc)
        if raw:
            sys.stdout.buffer.write(docs.raw_bytes(store.conn, stored.id))
            return
    a = stored.article
    meta = Table.grid(padding=(0, 2))
    for label, value in (
        ("id", str(stored.id)),
        ("source", stored.source),
        ("title", a.title),
        ("outlet", a.outlet),
        ("byline", a.byline),
        ("published", a.published.isoformat() if a.published else None),
        ("language", a.language),
        ("url", a.url),
        ("encoding", stored.encoding),
        ("sha256", stored.sha256),
        ("pipeline", stored.pipeline_version),
    ):
        meta.add_row(f"[bold]{label}", escape(value or "—"))
    console.print(meta)
    console.rule()
    console.print(escape(a.text), highlight=False)
    if removed:
        console.rule("removed by the cleaner")
        for line in a.removed:
            console.print(f"[dim]{line.rule:>14}[/]  {escape(line.text)}", highlight=False)


@app.command("failures")
def failures_command(db: DbOption = None) -> None:
    """List the documents that could not be processed, with the stage and the reason.

    Example: onrecord failures
    """
    with open_store(db) as store:
        rows = list(docs.iter_failures(store.conn))
    table = Table(
        Column("source", overflow="fold"),
        "stage",
        "reason",
        "seen",
        "last seen",
        title=f"{len(rows)} failures",
    )
    for f in rows:
        table.add_row(escape(f.source), f.stage, escape(f.reason), str(f.seen), f.last_seen)
    console.print(table)
