"""Commands for statements, speakers, events and figures."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from onrecord.cli.common import DbOption, app, console, open_store
from onrecord.cli.filters import with_filters
from onrecord.models import Event
from onrecord.search import Query, Sort, search
from onrecord.store import documents as docs
from onrecord.store import statements as sts
from onrecord.store.events import iter_cited_figures, iter_events
from onrecord.store.filters import StatementFilter


@app.command("statements")
@with_filters
def statements_command(
    db: DbOption = None,
    document: Annotated[
        str | None, typer.Option(help="Only this document (id, source or hash prefix).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many to list (1-500).")] = 50,
    offset: Annotated[int, typer.Option(help="How many to pass over first.")] = 0,
    *,
    filters: StatementFilter,
) -> None:
    """List attributed statements, document by document: speaker, cue, what was said, the event.

    Example: onrecord statements --speaker "Wang Yi" --position non-interference
    """
    with open_store(db) as store:
        if document:
            filters = filters.replace(document_id=docs.get_document(store.conn, document).id)
        page = search(store.conn, Query("", filters, Sort.STORED, limit, offset))
    rows = [hit.stored for hit in page.hits]
    table = Table(
        "id",
        "doc",
        "speaker",
        "cue",
        "kind",
        "content",
        "event",
        title=f"{len(rows)} statements shown of {page.total}",
    )
    for stored in rows:
        st = stored.statement
        kind = st.kind.value + (" (cont.)" if st.continuation else "")
        table.add_row(
            str(stored.id),
            str(stored.document_id),
            escape(st.speaker.name),
            escape(st.cue.text if st.cue else "—"),
            kind,
            escape(st.content.text),
            escape(_event_label(st.event)),
        )
    console.print(table)


def _event_label(event: Event | None) -> str:
    if event is None:
        return ""
    parts = (event.body, f"session {event.session}" if event.session else None, event.kind)
    day = event.date.isoformat() if event.date else None
    return " · ".join(p for p in (*parts, day) if p)


@app.command("speakers")
def speakers_command(
    db: DbOption = None,
    name: Annotated[str | None, typer.Option(help="Only speakers whose name or alias contains this.")] = None,
) -> None:
    """List speakers: kind, country, roles, other names, and how often they are on record.

    Example: onrecord speakers --name Wang
    """
    with open_store(db) as store:
        rows = list(sts.iter_speakers(store.conn, name=name))
    table = Table("id", "name", "kind", "country", "roles", "also called", "statements", "documents")
    for sp in rows:
        table.add_row(
            str(sp.id),
            escape(sp.name),
            sp.kind,
            escape(sp.country or ""),
            escape("; ".join(sp.roles)),
            escape(", ".join(sp.aliases)),
            str(sp.statements),
            str(sp.documents),
        )
    console.print(table)


@app.command("events")
def events_command(
    db: DbOption = None,
    body: Annotated[str | None, typer.Option(help="Only bodies whose name contains this.")] = None,
    session: Annotated[int | None, typer.Option(help="Only this session number.")] = None,
) -> None:
    """List events: body, session, segment, kind, date said, and how many statements were made there.

    Example: onrecord events --body "Human Rights Council" --session 55
    """
    with open_store(db) as store:
        rows = list(iter_events(store.conn, body=body, session=session))
    table = Table("id", "body", "session", "segment", "kind", "date said", "where", "statements", "speakers")
    for ev in rows:
        e = ev.event
        where = ", ".join(p for p in (e.location, "remote" if e.remote else None) if p)
        table.add_row(
            str(ev.id),
            escape(e.body or ""),
            str(e.session or ""),
            escape(e.segment or ""),
            escape(e.kind or ""),
            f"{e.date.isoformat() if e.date else '?'} ({e.date_source or 'unknown'})",
            escape(where),
            str(ev.statements),
            str(ev.speakers),
        )
    console.print(table)


@app.command("figures")
def figures_command(
    db: DbOption = None,
    counts: Annotated[
        str | None, typer.Option(help="Only figures counting this (killed, displaced...).")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only figures cited by speakers with this name.")
    ] = None,
) -> None:
    """List the figures speakers cite: who cited which number for what, and when.

    Example: onrecord figures --counts displaced
    """
    with open_store(db) as store:
        rows = list(iter_cited_figures(store.conn, counts=counts, speaker=speaker))
    table = Table("counts", "value", "qualifier", "as written", "speaker", "said", "statement")
    for row in rows:
        f = row.figure
        value = f"{f.value:,.0f}" if float(f.value).is_integer() else f"{f.value:,}"
        table.add_row(
            escape(f.counts or ""),
            value,
            escape(f.qualifier or ""),
            escape(f.text),
            escape(row.speaker),
            row.date or "",
            str(row.statement_id),
        )
    console.print(table)
