"""Statements and speakers in the store.

Speakers are stored once across documents under a key of their kind and folded canonical name
("person:wang yi"), so the same person quoted in two articles is one speaker with every alias either
article used; two people who merely share a surname keep different keys because their full names differ.
What one document says of a speaker (roles, country, on whose behalf) is kept per document.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from onrecord.models import Span, Speaker, SpeakerKind, Statement, StatementKind
from onrecord.store.documents import get_document
from onrecord.store.events import (
    EVENT_COLUMNS,
    document_sha256,
    event_from_row,
    event_row,
    figure_row,
    figures_by_statement,
    insert_figures,
    upsert_event,
)
from onrecord.store.filters import StatementFilter
from onrecord.store.themes import insert_themes, positions_by_statement, topics_by_statement


def speaker_key(speaker: Speaker, document: str | None = None) -> str:
    """The identity a speaker is stored under: kind and folded name. A generic speaker (kind unknown, or
    a group such as "Speakers") is one document's own (``document``: its SHA-256) and never merges with
    another document's."""
    folded = unicodedata.normalize("NFKC", speaker.name).casefold()
    folded = re.sub(r"[\s\u00a0]+", " ", folded.replace("\u2019", "'")).strip()
    generic = speaker.kind in {SpeakerKind.UNKNOWN, SpeakerKind.GROUP}
    scope = f"@{document}" if generic and document is not None else ""
    return f"{speaker.kind.value}:{folded}{scope}"


def _upsert_speaker(conn: sqlite3.Connection, speaker: Speaker, key: str) -> int:
    row = conn.execute(
        "SELECT id, roles, country, affiliation FROM speakers WHERE key = ?", (key,)
    ).fetchone()
    if row is None:
        cursor = conn.execute(
            "INSERT INTO speakers(key, name, kind, country, affiliation, roles) VALUES (?, ?, ?, ?, ?, ?)",
            (
                key,
                speaker.name,
                speaker.kind.value,
                speaker.country,
                speaker.affiliation,
                json.dumps(list(speaker.roles), ensure_ascii=False),
            ),
        )
        speaker_id = int(cursor.lastrowid or 0)
    else:
        speaker_id = int(row["id"])
        roles = json.loads(row["roles"])
        roles += [r for r in speaker.roles if r not in roles]
        conn.execute(
            "UPDATE speakers SET roles = ?, country = coalesce(country, ?), "
            "affiliation = coalesce(affiliation, ?)"
            " WHERE id = ?",
            (json.dumps(roles, ensure_ascii=False), speaker.country, speaker.affiliation, speaker_id),
        )
    conn.executemany(
        "INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias) VALUES (?, ?)",
        [(speaker_id, alias) for alias in {speaker.name, *speaker.aliases}],
    )
    return speaker_id


def insert_statements(
    conn: sqlite3.Connection, document_id: int, statements: Sequence[Statement]
) -> list[int]:
    """Store a document's statements (the caller holds the transaction); returns their ids in order."""
    speaker_ids: dict[str, int] = {}
    ids = []
    document = document_sha256(conn, document_id)
    for seq, statement in enumerate(statements):
        speaker = statement.speaker
        key = speaker_key(speaker, document)
        if key not in speaker_ids:
            speaker_ids[key] = _upsert_speaker(conn, speaker, key)
            conn.execute(
                """INSERT OR REPLACE INTO document_speakers
                   (document_id, speaker_id, roles, affiliation, country, on_behalf_of, members)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (
                    document_id,
                    speaker_ids[key],
                    json.dumps(list(speaker.roles), ensure_ascii=False),
                    speaker.affiliation,
                    speaker.country,
                    speaker.on_behalf_of,
                    json.dumps(list(speaker.members), ensure_ascii=False),
                ),
            )
        cue, mention, content = statement.cue, statement.speaker_mention, statement.content
        event = statement.event
        cursor = conn.execute(
            """INSERT INTO statements(document_id, seq, speaker_id, kind, continuation,
                   content_start, content_end, content, cue_start, cue_end, cue,
                   mention_start, mention_end, mention, event_id, date_published)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                document_id,
                seq,
                speaker_ids[key],
                statement.kind.value,
                int(statement.continuation),
                content.start,
                content.end,
                content.text,
                cue.start if cue else None,
                cue.end if cue else None,
                cue.text if cue else None,
                mention.start if mention else None,
                mention.end if mention else None,
                mention.text if mention else None,
                upsert_event(conn, event, document) if event else None,
                event.date_published.isoformat() if event and event.date_published else None,
            ),
        )
        statement_id = int(cursor.lastrowid or 0)
        insert_figures(conn, statement_id, statement.figures)
        insert_themes(conn, statement_id, statement.topics, statement.positions)
        ids.append(statement_id)
    return ids


def delete_statements(conn: sqlite3.Connection, document_id: int) -> None:
    """Remove a document's statements (before it is analysed again)."""
    conn.execute("DELETE FROM statements WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM document_speakers WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM document_events WHERE document_id = ?", (document_id,))


@dataclass(frozen=True, slots=True)
class StoredStatement:
    id: int
    document_id: int
    statement: Statement
    speaker_id: int


COLUMNS = f"""s.id, s.document_id, s.kind, s.continuation, s.content_start, s.content_end, s.content,
       s.cue_start, s.cue_end, s.cue, s.mention_start, s.mention_end, s.mention,
       sp.name, sp.kind AS speaker_kind, sp.id AS speaker_id,
       ds.roles, ds.affiliation, ds.country, ds.on_behalf_of, ds.members,
       (SELECT group_concat(alias, char(31)) FROM speaker_aliases a
        WHERE a.speaker_id = s.speaker_id) AS aliases,
       s.date_published, {EVENT_COLUMNS}"""

# what a statement row joins to, by alias: its speaker, the document's account of them, its event, its
# document (each join finds at most one row, so a query may leave out the ones it does not refer to)
JOIN_BY_ALIAS = {
    "sp": "JOIN speakers sp ON sp.id = s.speaker_id",
    "d": "JOIN documents d ON d.id = s.document_id",
    "ds": "LEFT JOIN document_speakers ds ON ds.document_id = s.document_id AND ds.speaker_id = s.speaker_id",
    "ev": "LEFT JOIN events ev ON ev.id = s.event_id",
}
JOINS = "\n" + "\n".join(JOIN_BY_ALIAS.values()) + "\n"


def joins_for(*sql: str) -> str:
    """The joins of ``JOINS`` that the SQL fragments given refer to (``sp.name`` needs ``sp``...)."""
    used = " ".join(sql)
    return " ".join(join for alias, join in JOIN_BY_ALIAS.items() if re.search(rf"\b{alias}\.", used))


_SELECT = f"SELECT {COLUMNS} FROM statements s {JOINS}"
STORED_ORDER = "s.document_id, s.seq"  # document by document, each in the order of its text


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    return None if start is None or end is None or text is None else Span(start, end, text)


def _aliases(row: sqlite3.Row) -> tuple[str, ...]:
    return tuple(sorted(a for a in (row["aliases"] or "").split("\x1f") if a and a != row["name"]))


def statements_from_rows(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[StoredStatement]:
    """Statements from rows of ``COLUMNS``, with their figures, topics and positions (three queries for
    all the rows, not three a row)."""
    ids = [row["id"] for row in rows]
    figures = figures_by_statement(conn, ids)
    topics = topics_by_statement(conn, ids)
    positions = positions_by_statement(conn, ids)
    stored = []
    for row in rows:
        speaker = Speaker(
            name=row["name"],
            kind=SpeakerKind(row["speaker_kind"]),
            roles=tuple(json.loads(row["roles"] or "[]")),
            affiliation=row["affiliation"],
            country=row["country"],
            on_behalf_of=row["on_behalf_of"],
            members=tuple(json.loads(row["members"] or "[]")),
            aliases=_aliases(row),
        )
        statement = Statement(
            content=Span(row["content_start"], row["content_end"], row["content"]),
            speaker=speaker,
            kind=StatementKind(row["kind"]),
            cue=_span(row["cue_start"], row["cue_end"], row["cue"]),
            speaker_mention=_span(row["mention_start"], row["mention_end"], row["mention"]),
            continuation=bool(row["continuation"]),
            event=event_from_row(row, row["date_published"]),
            figures=figures.get(row["id"], ()),
            topics=topics.get(row["id"], ()),
            positions=positions.get(row["id"], ()),
        )
        stored.append(StoredStatement(row["id"], row["document_id"], statement, row["speaker_id"]))
    return stored


def iter_statements(conn: sqlite3.Connection, **filters: object) -> Iterator[StoredStatement]:
    """Every statement that passes ``filters`` (the keywords of ``StatementFilter``), in document order."""
    where, params = StatementFilter(**filters).where()
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {STORED_ORDER}"
    cursor = conn.execute(sql, params)
    while rows := cursor.fetchmany(500):
        yield from statements_from_rows(conn, rows)


def statement_row(stored: StoredStatement, document: dict[str, object]) -> dict[str, object]:
    """A statement in the export format: the public contract (see the README)."""
    st = stored.statement
    sp = st.speaker

    def span(value: Span | None) -> dict[str, object] | None:
        return None if value is None else {"text": value.text, "start": value.start, "end": value.end}

    return {
        "id": stored.id,
        "document": document,
        "speaker": {
            "name": sp.name,
            "kind": sp.kind.value,
            "roles": list(sp.roles),
            "affiliation": sp.affiliation,
            "country": sp.country,
            "on_behalf_of": sp.on_behalf_of,
            "members": list(sp.members),
        },
        "speaker_mention": span(st.speaker_mention),
        "cue": span(st.cue),
        "content": span(st.content),
        "kind": st.kind.value,
        "continuation": st.continuation,
        "event": event_row(st.event),
        "figures": [figure_row(f) for f in st.figures],
        "topics": [{"label": t.label, "score": round(t.score, 4)} for t in st.topics],
        "positions": [
            {
                "id": p.id,
                "score": round(p.score, 4),
                "start": p.evidence.start,
                "end": p.evidence.end,
                "evidence": p.evidence.text,
                "source": p.source,
            }
            for p in st.positions
        ],
    }


def export_rows(
    conn: sqlite3.Connection, filters: StatementFilter | None = None
) -> Iterator[dict[str, object]]:
    """Every statement (that passes ``filters``, e.g. ``filters.parse_filters`` of ``--where`` text) in
    the export format, each with the document it comes from."""
    current: tuple[int, dict[str, object]] | None = None
    for stored in iter_statements(conn, **dict((filters or StatementFilter()).items())):
        if current is None or current[0] != stored.document_id:  # statements come in document order
            d = get_document(conn, stored.document_id)
            published = d.article.published.isoformat() if d.article.published else None
            current = (
                d.id,
                {
                    "id": d.id,
                    "source": d.source,
                    "title": d.article.title,
                    "outlet": d.article.outlet,
                    "published": published,
                },
            )
        yield statement_row(stored, current[1])


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    id: int
    name: str
    kind: str
    country: str | None
    affiliation: str | None
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    statements: int
    documents: int


def _speakers_where(name: str | None, speaker_id: int | None) -> tuple[str, list[object]]:
    if name:
        return (
            "WHERE sp.name LIKE ? OR sp.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ?)",
            [f"%{name}%", f"%{name}%"],
        )
    if speaker_id is not None:
        return "WHERE sp.id = ?", [speaker_id]
    return "", []


def count_speakers(conn: sqlite3.Connection, *, name: str | None = None) -> int:
    where, params = _speakers_where(name, None)
    return int(conn.execute(f"SELECT count(*) FROM speakers sp {where}", params).fetchone()[0])


def iter_speakers(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    speaker_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[SpeakerSummary]:
    """Speakers, most quoted first (then by name), with their counts; ``limit`` and ``offset`` page them
    (the aliases and details are read for the page only)."""
    where, params = _speakers_where(name, speaker_id)
    sql = f"""
    SELECT sp.id, sp.name, sp.kind, sp.country, sp.affiliation, sp.roles, ranked.n, ranked.docs,
           (SELECT group_concat(alias, char(31)) FROM speaker_aliases a
            WHERE a.speaker_id = sp.id) AS aliases
    FROM (SELECT sp.id AS id, sp.name AS name, count(s.id) AS n, count(DISTINCT s.document_id) AS docs
          FROM speakers sp LEFT JOIN statements s ON s.speaker_id = sp.id {where}
          GROUP BY sp.id ORDER BY n DESC, sp.name LIMIT ? OFFSET ?) ranked
    JOIN speakers sp ON sp.id = ranked.id
    ORDER BY ranked.n DESC, ranked.name
    """
    for row in conn.execute(sql, (*params, -1 if limit is None else limit, offset)):
        yield SpeakerSummary(
            row["id"],
            row["name"],
            row["kind"],
            row["country"],
            row["affiliation"],
            tuple(json.loads(row["roles"])),
            _aliases(row),
            row["n"],
            row["docs"],
        )
