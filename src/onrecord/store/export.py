"""Export records as JSONL, CSV or Parquet.

Exporters take an iterator of plain JSON-ready dicts (the export format is the public contract, so it
is spelled out where the rows are built) and stream them: a large store never sits in memory whole.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from onrecord.errors import ConfigError

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


def _flat(value: Any) -> Any:
    """CSV cells: nested values as JSON, missing ones empty."""
    if value is None:
        return ""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(rows: Iterable[Row], out: TextIO) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({key: _flat(value) for key, value in row.items()})
        count += 1
    return count


def write_parquet(rows: Iterable[Row], path: Path, chunk: int = 5000) -> int:
    """Parquet with nested values as JSON text columns, so every export has the same flat schema."""
    import pyarrow as pa  # imported here: only this format needs it
    import pyarrow.parquet as pq

    writer = None
    count = 0
    try:
        for batch in _chunks(rows, chunk):
            flat = [{k: _parquet_cell(v) for k, v in row.items()} for row in batch]
            table = pa.Table.from_pylist(flat)
            if writer is None:  # columns empty in the first rows are text, not null-typed
                schema = pa.schema(
                    [
                        pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type)
                        for f in table.schema
                    ]
                )
                table = table.cast(schema)
                writer = pq.ParquetWriter(str(path), schema)
            else:
                table = table.cast(writer.schema)
            writer.write_table(table)
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # nothing to write: an empty file with no columns is still a valid table
        pq.write_table(pa.table({}), str(path))
    return count


def _parquet_cell(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write(rows: Iterable[Row], fmt: Format | str, output: Path | None, stdout: TextIO) -> int:
    """Write ``rows`` in ``fmt`` to ``output`` (or ``stdout`` for the text formats)."""
    try:
        fmt = Format(fmt)
    except ValueError:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {[f.value for f in Format]}") from None
    if fmt is Format.PARQUET:
        if output is None:
            raise ConfigError("parquet is binary: give --output FILE.parquet")
        return write_parquet(rows, output)
    writer = write_jsonl if fmt is Format.JSONL else write_csv
    if output is None:
        return writer(rows, stdout)
    with output.open("w", encoding="utf-8", newline="") as handle:
        return writer(rows, handle)
