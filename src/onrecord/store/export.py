"""Export records as JSONL, CSV or Parquet.

Rows are the plain JSON-ready dicts of ``export_rows`` in the shape ``export_schema`` declares, streamed:
a large store never sits in memory whole.

- JSONL writes them as they are.
- CSV is flat: one column per scalar, lists joined with "; ", never JSON in a cell. Statements have the
  columns of ``FLAT_STATEMENT_COLUMNS`` (``flat_statement``), the other tables their own keys. The
  spreadsheet flavour (``excel=True``) starts with a UTF-8 byte order mark and puts an apostrophe before
  every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, so a scraped
  document cannot inject a formula; the plain CSV keeps every text as it is.
- Parquet is typed by ``export_schema.arrow_schema``: structs and lists as in JSONL, dates as dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from onrecord.errors import ConfigError
from onrecord.store.export_schema import TABLES, ListOf, Scalar, Struct, Table, Type

Row = Mapping[str, Any]


class Format(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


def write_jsonl(rows: Iterable[Row], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


# one row per statement, one column per scalar (the README shows the header and a row)
FLAT_STATEMENT_COLUMNS = (
    "statement_id",
    "date_said",
    "date_published",
    "speaker",
    "speaker_kind",
    "speaker_country",
    "speaker_roles",
    "on_behalf_of",
    "kind",
    "continuation",
    "content",
    "cue",
    "body",
    "session",
    "segment",
    "event_kind",
    "state_under_review",
    "location",
    "positions",
    "topics",
    "figures",
    "outlet",
    "genre",
    "title",
    "url",
    "source",
    "document_id",
    "content_start",
    "content_end",
)

LIST_SEPARATOR = "; "


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def flat_statement(row: Row) -> dict[str, object]:
    """A statement of the export (or a search hit) as one flat CSV row of ``FLAT_STATEMENT_COLUMNS``."""
    event = row["event"] or {}
    document, speaker, content = row["document"], row["speaker"], row["content"]
    published = event.get("date_published") or document.get("published")
    return {
        "statement_id": row["id"],
        "date_said": event.get("date") or published,
        "date_published": published,
        "speaker": speaker["name"],
        "speaker_kind": speaker["kind"],
        "speaker_country": speaker["country"],
        "speaker_roles": _joined(speaker["roles"]),
        "on_behalf_of": speaker["on_behalf_of"],
        "kind": row["kind"],
        "continuation": row["continuation"],
        "content": content["text"],
        "cue": (row["cue"] or {}).get("text"),
        "body": event.get("body"),
        "session": event.get("session"),
        "segment": event.get("segment"),
        "event_kind": event.get("kind"),
        "state_under_review": event.get("state_under_review"),
        "location": event.get("location"),
        "positions": _joined(p["id"] for p in row["positions"]),
        "topics": _joined(t["label"] for t in row["topics"]),
        "figures": _joined(f["text"] for f in row["figures"]),
        "outlet": document.get("outlet"),
        "genre": document.get("genre"),
        "title": document.get("title"),
        "url": document.get("url"),
        "source": document.get("source"),
        "document_id": document["id"],
        "content_start": content["start"],
        "content_end": content["end"],
    }


def flat_row(row: Row) -> dict[str, object]:
    """A row of the other tables (and of timelines) flat: lists joined; they hold no nested objects."""
    return {key: _joined(v) if isinstance(v, list | tuple) else v for key, v in row.items()}


def _cell(value: object, excel: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if excel and isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_lines(rows: Iterable[Row], table: Table | str | None = None, *, excel: bool = False) -> Iterator[str]:
    """The flat CSV of ``rows`` (of ``table``: its columns even when there are no rows), a line at a
    time: for a file, standard output or a streamed download alike."""
    table = None if table is None else Table(table)
    flatten = flat_statement if table is Table.STATEMENTS else flat_row
    columns: list[str] | None = None
    if table is Table.STATEMENTS:
        columns = list(FLAT_STATEMENT_COLUMNS)
    elif table is not None:
        columns = [f.name for f in TABLES[table]]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if excel:
        buffer.write("\ufeff")
    if columns is not None:
        writer.writerow(columns)
    for row in rows:
        flat = flatten(row)
        if columns is None:
            columns = list(flat)
            writer.writerow(columns)
        writer.writerow([_cell(flat.get(column), excel) for column in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def write_csv(
    rows: Iterable[Row], out: TextIO, table: Table | str | None = None, *, excel: bool = False
) -> int:
    counted = _Counted(rows)
    for line in csv_lines(counted, table, excel=excel):
        out.write(line)
    return counted.count


class _Counted:
    """An iterable that counts what passed through it."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[Row]:
        for row in self.rows:
            self.count += 1
            yield row


def _typed(kind: Type, value: Any) -> Any:
    """A JSON-ready value as Arrow wants it for ``kind``: ISO dates as dates, keys not declared left out."""
    if value is None:
        return None
    if isinstance(kind, Struct):
        return {f.name: _typed(f.type, value.get(f.name)) for f in kind.fields}
    if isinstance(kind, ListOf):
        return [_typed(kind.item, v) for v in value]
    if kind is Scalar.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if kind is Scalar.NUMBER:
        return float(value)
    return value


def write_parquet(rows: Iterable[Row], path: Path, table: Table | str, chunk: int = 5000) -> int:
    """Parquet typed by ``table``'s schema, written a chunk of rows at a time."""
    import pyarrow as pa  # imported here: only this format needs it
    import pyarrow.parquet as pq

    from onrecord.store.export_schema import arrow_schema

    schema = arrow_schema(table)
    row_type = Struct(TABLES[Table(table)])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:  # no rows: a table with the columns and no rows
        for batch in _chunks(rows, chunk):
            writer.write_table(pa.Table.from_pylist([_typed(row_type, row) for row in batch], schema=schema))
            count += len(batch)
    return count


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write(
    rows: Iterable[Row],
    fmt: Format | str,
    output: Path | None,
    stdout: TextIO,
    table: Table | str | None = None,
    *,
    excel: bool = False,
) -> int:
    """Write ``rows`` (of ``table``, when they are one of the exports) in ``fmt`` to ``output`` (or
    ``stdout`` for the text formats); ``excel`` asks for the spreadsheet flavour of CSV."""
    try:
        fmt = Format(fmt)
    except ValueError:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {[f.value for f in Format]}") from None
    if excel and fmt is not Format.CSV:
        raise ConfigError("--excel is a flavour of CSV: use it with --format csv")
    if fmt is Format.PARQUET:
        if output is None:
            raise ConfigError("parquet is binary: give --output FILE.parquet")
        if table is None:
            raise ConfigError(f"parquet is written for the export tables only: {[t.value for t in Table]}")
        return write_parquet(rows, output, table)
    if output is None:
        return _write_text(rows, fmt, stdout, table, excel)
    with output.open("w", encoding="utf-8", newline="") as handle:
        return _write_text(rows, fmt, handle, table, excel)


def _write_text(rows: Iterable[Row], fmt: Format, out: TextIO, table: Table | str | None, excel: bool) -> int:
    if fmt is Format.JSONL:
        return write_jsonl(rows, out)
    return write_csv(rows, out, table, excel=excel)
