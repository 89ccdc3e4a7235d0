"""The shape of every export, declared once: the JSONL rows, the Parquet schema, the JSON Schema served
at ``/api/v1/schema/<table>`` and the README's tables are all read from ``TABLES``.

A field has a name, a type and a line of help. Types are the scalars of ``Scalar`` (dates are ISO
strings in JSONL and dates in Parquet), ``Struct`` (a JSON object, a Parquet struct) and ``ListOf`` (a
JSON array, a Parquet list). Every field may be null, except where ``required`` says otherwise; a list
is empty rather than null.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from onrecord.models import Genre

if TYPE_CHECKING:
    import pyarrow as pa


class Table(StrEnum):
    """What can be exported."""

    DOCUMENTS = "documents"
    STATEMENTS = "statements"
    SPEAKERS = "speakers"
    EVENTS = "events"
    FIGURES = "figures"


class Scalar(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Struct:
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class ListOf:
    item: Scalar | Struct


Type = Scalar | Struct | ListOf


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: Type
    help: str
    required: bool = False  # never null


STR, INT, NUM, BOOL, DATE = Scalar.STRING, Scalar.INTEGER, Scalar.NUMBER, Scalar.BOOLEAN, Scalar.DATE


def _span(name: str, help: str) -> Field:
    return Field(
        name,
        Struct(
            (
                Field("text", STR, "the text, equal to the document's clean text from start to end", True),
                Field("start", INT, "offset of its first character in the clean text", True),
                Field("end", INT, "offset just past its last character", True),
            )
        ),
        help,
    )


DOCUMENT = (
    Field("id", INT, "the document's id in the store", True),
    Field("source", STR, "path or URL as given to ingest", True),
    Field("title", STR, "title"),
    Field("outlet", STR, "who published it"),
    Field("byline", STR, "who wrote it"),
    Field("published", DATE, "day of publication"),
    Field("language", STR, "ISO 639-1 code"),
    Field("url", STR, "address of the original"),
    Field("genre", STR, "what kind of text it is: " + ", ".join(g.value for g in Genre), True),
    Field("text", STR, "the clean text that every offset indexes", True),
    Field("sha256", STR, "SHA-256 of the bytes as received", True),
    Field("media_type", STR, "what the bytes were read as (text, html...)", True),
    Field("encoding", STR, "the encoding the bytes were decoded from"),
    Field("pipeline_version", STR, "the onrecord version that analysed it", True),
    Field("ingested_at", STR, "when it was stored (ISO date and time, UTC)", True),
)

DOCUMENT_REF = Struct(
    tuple(f for f in DOCUMENT if f.name in {"id", "source", "title", "outlet", "published", "url", "genre"})
)

SPEAKER_REF = Struct(
    (
        Field("id", INT, "the speaker's id (see the speakers export)", True),
        Field("name", STR, "canonical name", True),
        Field("kind", STR, "person, state, organization, group or unknown", True),
        Field("roles", ListOf(STR), "roles this document gives them", True),
        Field("affiliation", STR, "who they work for, as this document says"),
        Field("country", STR, "their country, as this document says"),
        Field("on_behalf_of", STR, "on whose behalf they spoke"),
        Field("members", ListOf(STR), "members of a group speaking together", True),
    )
)

EVENT_FIELDS = (
    Field("body", STR, "the body that met (Human Rights Council, Security Council...)"),
    Field("session", INT, "session number"),
    Field("segment", STR, "segment or agenda item"),
    Field("kind", STR, "kind of event (plenary, interactive dialogue, UPR review...)"),
    Field("state_under_review", STR, "the State under review"),
    Field("location", STR, "where it took place"),
    Field("remote", BOOL, "whether the speaker took part remotely"),
    Field("date", DATE, "the day said"),
)

FIGURE_FIELDS = (
    Field("text", STR, "the figure as written", True),
    Field("value", NUM, "its value", True),
    Field("qualifier", STR, "about, more than, at least..."),
    Field("counts", STR, "what it counts (displaced, killed...)"),
    Field("start", INT, "offset in the clean text", True),
    Field("end", INT, "offset just past it", True),
)

STATEMENT = (
    Field("id", INT, "the statement's id in the store", True),
    Field("document", DOCUMENT_REF, "the document it comes from", True),
    Field("speaker", SPEAKER_REF, "who said it", True),
    _span("speaker_mention", "where the text names the speaker"),
    _span("cue", "the reporting verb or phrase (said, told, according to)"),
    _span("content", "what was said"),
    Field("kind", STR, "direct, indirect or mixed", True),
    Field("continuation", BOOL, "true for sentences carrying on a speech without a cue of their own", True),
    Field(
        "event",
        Struct(
            (
                *EVENT_FIELDS,
                Field("date_published", DATE, "day the document was published"),
                Field(
                    "date_source", STR, "how the day was found: explicit, relative, calendar, published..."
                ),
            )
        ),
        "where and when it was said",
    ),
    Field("figures", ListOf(Struct(FIGURE_FIELDS)), "the figures it cites", True),
    Field(
        "topics",
        ListOf(
            Struct(
                (Field("label", STR, "UPR Info issue label", True), Field("score", NUM, "confidence", True))
            )
        ),
        "topics (UPR Info issues)",
        True,
    ),
    Field(
        "positions",
        ListOf(
            Struct(
                (
                    Field("id", STR, "position id (see onrecord positions)", True),
                    Field("score", NUM, "confidence", True),
                    Field("start", INT, "offset of the evidence", True),
                    Field("end", INT, "offset just past the evidence", True),
                    Field("evidence", STR, "the span that shows the position", True),
                    Field("source", STR, "what found it: rule or model", True),
                )
            )
        ),
        "positions taken",
        True,
    ),
)

SPEAKER = (
    Field("id", INT, "the speaker's id in the store", True),
    Field("name", STR, "canonical name", True),
    Field("kind", STR, "person, state, organization, group or unknown", True),
    Field("country", STR, "their country, as first given"),
    Field("affiliation", STR, "who they work for, as first given"),
    Field("roles", ListOf(STR), "every role a document gave them", True),
    Field("aliases", ListOf(STR), "other names documents used", True),
    Field("statements", INT, "how many statements they made", True),
    Field("documents", INT, "in how many documents", True),
)

EVENT = (
    Field("id", INT, "the event's id in the store", True),
    *EVENT_FIELDS,
    Field("date_source", STR, "how the day was found: explicit, relative, calendar, published..."),
    Field("statements", INT, "how many statements were made there", True),
    Field("documents", INT, "how many documents report it", True),
    Field("speakers", INT, "how many speakers spoke", True),
)

FIGURE = (
    Field("statement_id", INT, "the statement that cites it", True),
    *FIGURE_FIELDS,
    Field("speaker", STR, "who cited it", True),
    Field("speaker_id", INT, "their id (see the speakers export)", True),
    Field("date_said", DATE, "the day it was cited"),
    Field("document_id", INT, "the document it comes from", True),
)

TABLES: dict[Table, tuple[Field, ...]] = {
    Table.DOCUMENTS: DOCUMENT,
    Table.STATEMENTS: STATEMENT,
    Table.SPEAKERS: SPEAKER,
    Table.EVENTS: EVENT,
    Table.FIGURES: FIGURE,
}

_JSON_TYPES = {STR: "string", INT: "integer", NUM: "number", BOOL: "boolean", DATE: "string"}


def _json_type(kind: Type, required: bool) -> dict[str, Any]:
    schema: dict[str, Any]
    if isinstance(kind, Struct):
        schema = {
            "type": "object",
            "properties": {f.name: _json_field(f) for f in kind.fields},
            "required": [f.name for f in kind.fields],  # every key is there; optional ones hold null
            "additionalProperties": False,
        }
    elif isinstance(kind, ListOf):
        schema = {"type": "array", "items": _json_type(kind.item, True)}
    else:
        schema = {"type": _JSON_TYPES[kind]}
        if kind is DATE:
            schema["format"] = "date"
    if not required:
        schema["type"] = [schema["type"], "null"]
    return schema


def _json_field(field: Field) -> dict[str, Any]:
    return {"description": field.help, **_json_type(field.type, field.required)}


def json_schema(table: Table | str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of ``table``'s JSONL export."""
    table = Table(table)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"/api/v1/schema/{table.value}",
        "title": f"onrecord {table.value} export (one JSONL line)",
        **_json_type(Struct(TABLES[table]), True),
    }


def _arrow_type(kind: Type) -> pa.DataType:
    import pyarrow as pa  # imported here: only Parquet needs it

    if isinstance(kind, Struct):
        return pa.struct([_arrow_field(f) for f in kind.fields])
    if isinstance(kind, ListOf):
        return pa.list_(pa.field("item", _arrow_type(kind.item), nullable=False))
    return {STR: pa.string(), INT: pa.int64(), NUM: pa.float64(), BOOL: pa.bool_(), DATE: pa.date32()}[kind]


def _arrow_field(field: Field) -> pa.Field:
    import pyarrow as pa

    return pa.field(field.name, _arrow_type(field.type), nullable=not field.required)


def arrow_schema(table: Table | str) -> pa.Schema:
    """The Parquet (Arrow) schema of ``table``'s export: the JSONL shape, typed."""
    import pyarrow as pa

    return pa.schema([_arrow_field(f) for f in TABLES[Table(table)]])


def _type_name(kind: Type) -> str:
    if isinstance(kind, Struct):
        return "object"
    if isinstance(kind, ListOf):
        return f"list of {_type_name(kind.item)}s"
    return kind.value


def markdown_table(table: Table | str) -> str:
    """The README's table of ``table``'s export: one row per key, nested keys named in their row."""
    lines = ["| key | type | what |", "| --- | --- | --- |"]
    for field in TABLES[Table(table)]:
        what = field.help
        inner = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(inner, Struct):
            what += ": " + ", ".join(f"`{f.name}` ({_type_name(f.type)})" for f in inner.fields)
        null = "" if field.required else " or null"
        lines.append(f"| `{field.name}` | {_type_name(field.type)}{null} | {what} |")
    return "\n".join(lines) + "\n"
