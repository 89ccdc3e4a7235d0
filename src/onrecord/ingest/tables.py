"""Tables of articles: one document per row of a CSV or JSONL file (gzipped or not).

Each row becomes a ``RawDocument`` of ``MediaType.RECORD`` whose ``data`` is the row's bytes as they
stand in the file and whose ``fields`` hold the text and, where present, the url, title and date, found
by column name (``data/ingest.json`` lists the names accepted). A bad row fails alone; a file that
breaks off fails after the rows before the damage.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Generator, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import BinaryIO

from onrecord.errors import UnsupportedInput
from onrecord.ingest.files import BROKEN, open_binary, os_reason, too_large
from onrecord.ingest.kinds import column_synonyms
from onrecord.ingest.lines import SAMPLE_BYTES, Lines, Taken, public_name, sniff_file
from onrecord.models import Failure, MediaType, RawDocument, Skipped

Item = RawDocument | Failure | Skipped

_DELIMITERS = (",", ";", "\t", "|")
_QUOTED = re.compile(r'"[^"]*"')
_FIELD_LIMIT_ERROR = "field larger than field limit"


def find_columns(
    names: Sequence[str], text_column: str | None = None, what: str = "columns"
) -> dict[str, int]:
    """Field (text, url, title, date) -> index of the column that holds it; ``text`` is always there.

    Raises ``UnsupportedInput`` naming the columns present and the names accepted when no column
    holds the text.
    """
    folded = [name.lstrip("\ufeff").strip().casefold() for name in names]
    found: dict[str, int] = {}
    for field, accepted in column_synonyms().items():
        if field == "text" and text_column is not None:
            accepted = (text_column.strip().casefold(),)
        for name in accepted:
            if name in folded:
                found[field] = folded.index(name)
                break
    if "text" in found:
        return found
    present = [name.lstrip("\ufeff") for name in names]
    if text_column is not None:
        raise UnsupportedInput(
            f"no {what[:-1]} named {text_column!r} (given as text_column); {what}: {present}"
        )
    accepted_names = ", ".join(column_synonyms()["text"])
    raise UnsupportedInput(
        f"no text column: the {what} are {present}; the text is taken from one named {accepted_names} "
        "(any case), or from the one given as text_column"
    )


def read_csv(path: str, *, gzipped: bool, max_bytes: int, text_column: str | None) -> Iterator[Item]:
    """One item per row of a CSV file (the first row names the columns)."""
    opened = yield from _open(path, gzipped)
    if opened is None:
        return
    stream, codec, first_line = opened
    _allow_fields_up_to(max_bytes)
    with stream:
        lines = Lines(stream, codec, max_bytes)
        reader = csv.reader(lines, delimiter=_delimiter(first_line), strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, *BROKEN) as exc:
            reason = str(exc) if isinstance(exc, csv.Error) else os_reason(exc)
            yield Failure(path, "read", f"the header row cannot be read: {reason}")
            return
        if header is None:
            yield Failure(path, "read", "the file holds no rows, not even a header")
            return
        lines.take()
        try:
            columns = find_columns(header, text_column)
        except UnsupportedInput as exc:
            yield Failure(path, "read", str(exc))
            return
        row = 0
        while True:
            try:
                values = next(reader, None)
            except csv.Error as exc:
                row += 1
                taken = lines.take()
                yield Failure(f"{path}#row={row}", "read", f"malformed row ({taken.lines}): {exc}")
                if _FIELD_LIMIT_ERROR in str(exc):
                    yield Failure(
                        path,
                        "read",
                        f"{too_large(f'a field of row {row}', taken.size, max_bytes)}; "
                        "the rows after it were not read, as the file cannot be followed past it",
                    )
                    return
                continue
            except BROKEN as exc:
                yield Failure(
                    path, "read", f"the file breaks off after row {row} (line {lines.line}): {os_reason(exc)}"
                )
                return
            if values is None:
                break
            taken = lines.take()
            if not values:  # a blank line between rows
                continue
            row += 1
            yield _csv_row(f"{path}#row={row}", taken, values, header, columns, codec, max_bytes)
        if row == 0:
            yield Failure(path, "read", "the file has a header but no rows")


def read_jsonl(path: str, *, gzipped: bool, max_bytes: int, text_column: str | None) -> Iterator[Item]:
    """One item per line of a JSON Lines file, each line a JSON object."""
    opened = yield from _open(path, gzipped)
    if opened is None:
        return
    stream, codec, _ = opened
    with stream:
        lines = Lines(stream, codec, max_bytes)
        row = 0
        while True:
            try:
                line = next(lines, None)
            except BROKEN as exc:
                yield Failure(
                    path,
                    "read",
                    f"the file breaks off after row {row} (line {lines.line + 1}): {os_reason(exc)}",
                )
                return
            if line is None:
                break
            taken = lines.take()
            if not line.strip():
                continue
            row += 1
            try:
                yield _json_row(f"{path}#row={row}", taken, line, codec, max_bytes, text_column)
            except UnsupportedInput as exc:  # no text key in the first row: the file is not a table of texts
                if row > 1:
                    yield Failure(f"{path}#row={row}", "read", str(exc))
                    continue
                yield Failure(path, "read", f"{exc} (in its first row)")
                return
        if row == 0:
            yield Failure(path, "read", "the file holds no rows (only blank lines)")


def _open(path: str, gzipped: bool) -> Generator[Failure, None, tuple[BinaryIO, str, str] | None]:
    """The file opened for reading, its codec and its first line; on failure, yields the Failure and
    returns ``None``."""
    try:
        codec, sample = sniff_file(path, gzipped)
    except BROKEN as exc:
        yield Failure(path, "read", os_reason(exc))
        return None
    if codec is None:
        yield Failure(
            path,
            "read",
            f"cannot tell the file's encoding from its first {SAMPLE_BYTES:,} bytes: "
            "they are not UTF-8 and read as no other encoding onrecord considers",
        )
        return None
    try:
        stream = open_binary(path, gzipped)
    except OSError as exc:
        yield Failure(path, "read", os_reason(exc))
        return None
    return stream, codec, sample.decode(codec, "replace").lstrip("\ufeff").split("\n", 1)[0]


def _allow_fields_up_to(max_bytes: int) -> None:
    # csv's field limit (128 KiB by default) is process-wide; raised, never lowered, to the document limit.
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)


def _delimiter(first_line: str) -> str:
    """The delimiter the first line uses most outside quotes, among , ; tab and |; a comma by default."""
    bare = _QUOTED.sub("", first_line)
    counts = [(bare.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] > 0 else ","


def _row_failure(source: str, taken: Taken, max_bytes: int) -> Failure | None:
    if taken.undecodable is not None:
        return Failure(source, "read", f"{taken.undecodable} (the encoding was told from the file's start)")
    if taken.size > max_bytes:
        return Failure(source, "read", too_large(f"the row ({taken.lines})", taken.size, max_bytes))
    return None


def _csv_row(
    source: str,
    taken: Taken,
    values: Sequence[str],
    header: Sequence[str],
    columns: Mapping[str, int],
    codec: str,
    max_bytes: int,
) -> Item:
    failure = _row_failure(source, taken, max_bytes)
    if failure is not None:
        return failure
    extra = [v for v in values[len(header) :] if v.strip()]
    if extra:
        return Failure(
            source,
            "read",
            f"malformed row ({taken.lines}): {len(values)} fields where the header "
            f"has {len(header)} (an unquoted delimiter or quote?)",
        )
    fields = {name: values[index] for name, index in columns.items() if index < len(values)}
    return _record(source, taken, fields, header[columns["text"]].lstrip("\ufeff"), codec)


def _json_row(
    source: str, taken: Taken, line: str, codec: str, max_bytes: int, text_column: str | None
) -> Item:
    failure = _row_failure(source, taken, max_bytes)
    if failure is not None:
        return failure
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(
            source, "read", f"malformed row ({taken.lines}): not JSON: {exc.msg} (column {exc.colno})"
        )
    if not isinstance(value, dict):
        return Failure(
            source,
            "read",
            f"malformed row ({taken.lines}): a JSON {type(value).__name__} where an object was expected",
        )
    keys = list(value)
    columns = find_columns(keys, text_column, what="keys")
    text = value[keys[columns["text"]]]
    if not isinstance(text, str):
        return Failure(
            source,
            "read",
            f"the {keys[columns['text']]!r} value is a JSON {type(text).__name__}, not a string",
        )
    fields = {name: _scalar(value[keys[index]]) for name, index in columns.items()}
    return _record(
        source, taken, {k: v for k, v in fields.items() if v is not None}, keys[columns["text"]], codec
    )


def _scalar(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _record(source: str, taken: Taken, fields: Mapping[str, str], text_name: str, codec: str) -> Item:
    if not fields.get("text", "").strip():
        return Failure(
            source, "read", f"empty text: the {text_name!r} column of this row ({taken.lines}) is empty"
        )
    kept = {name: value.strip() if name != "text" else value for name, value in fields.items()}
    kept = {name: value for name, value in kept.items() if value}
    return RawDocument(
        source, taken.data, MediaType.RECORD, MappingProxyType(kept), encoding_hint=public_name(codec)
    )
