"""Commands for statements and speakers."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from onrecord.cli.common import DbOption, app, console, open_store
from onrecord.store import documents as docs
from onrecord.store import statements as sts


@app.command("statements")
def statements_command(
    db: DbOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only speakers whose name or alias contains this.")
    ] = None,
    document: Annotated[
        str | None, typer.Option(help="Only this document (id, source or hash prefix).")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(help="How many to pass over first.")] = 0,
) -> None:
    """List attributed statements: speaker, cue, what was said, and the document.

    Example: onrecord statements --speaker "Wang Yi"
    """
    with open_store(db) as store:
        doc_id = docs.get_document(store.conn, document).id if document else None
        rows = list(
            sts.iter_statements(store.conn, document_id=doc_id, speaker=speaker, limit=limit, offset=offset)
        )
    table = Table("id", "doc", "speaker", "cue", "kind", "content", title=f"{len(rows)} statements shown")
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
        )
    console.print(table)


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
