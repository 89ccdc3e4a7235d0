"""Documents in: files, folders and standard input, read lazily into ``RawDocument``s.

Every input yields something: a document, a ``Skipped`` (a file met in a folder that is not a kind
onrecord reads), or a ``Failure`` with the reason (stage ``"read"``). Nothing raises out of the iterator
for one bad input, so one unreadable file never stops a corpus.

Sources keep the caller's spelling: a file found in the folder ``../shared/seeds`` is
``../shared/seeds/000_x.txt``, never made absolute; a table row is ``path#row=N`` (counted from 1); a
WARC response is its ``WARC-Target-URI``; standard input is ``-``.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from onrecord.ingest.files import looks_like_html, not_regular, os_reason, too_large
from onrecord.ingest.kinds import MEDIA_TYPES, Kind, kind_of, not_readable_reason
from onrecord.ingest.tables import read_csv, read_jsonl
from onrecord.ingest.warc import read_warc
from onrecord.models import Failure, MediaType, RawDocument, Skipped

Item = RawDocument | Failure | Skipped

_MANY = frozenset({Kind.CSV, Kind.JSONL, Kind.WARC})  # kinds of file that hold many documents

STDIN = "-"


def iter_inputs(
    paths: Sequence[str],
    *,
    max_bytes: int,
    text_column: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """The documents in ``paths``, in order: files, folders (walked recursively in name order) and ``-``.

    ``max_bytes`` bounds each document (a file, a table row, a WARC record; the ``max_document_bytes``
    setting); ``text_column`` names the column or key holding a table's text when it is not one of
    the usual names; ``stdin`` is read for ``-`` (standard input's bytes by default).
    """
    for given in paths:
        if given == STDIN:
            yield _read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
            continue
        try:
            info = os.stat(given)
        except OSError as exc:
            yield Failure(given, "read", _stat_reason(given, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(given, max_bytes, text_column, {(info.st_dev, info.st_ino)})
        else:
            yield from _read_file(given, info, max_bytes, text_column, named=True)


def count_items(paths: Sequence[str]) -> int | None:
    """How many items ``iter_inputs(paths)`` will yield, where that is known without reading the files
    (files and folders of single documents, hidden and unread files included); ``None`` where a table,
    web archive or standard input is among them, whose records are only known by reading them all."""
    total = 0
    for given in paths:
        if given == STDIN:
            return None
        found = _count_folder(given, set()) if os.path.isdir(given) else _count_file(given)
        if found is None:
            return None
        total += found
    return total


def _count_file(path: str) -> int | None:
    kind = kind_of(os.path.basename(path))
    return None if kind is not None and kind.kind in _MANY else 1


def _count_folder(folder: str, seen: set[tuple[int, int]]) -> int | None:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return 1
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError:
        return 1
    total = 0
    for entry in entries:
        path = os.path.join(folder, entry.name)
        if entry.name.startswith("."):  # skipped, not read
            total += 1
            continue
        try:
            walk = entry.is_dir()
        except OSError:
            walk = False
        found = _count_folder(path, seen) if walk else _count_file(path)
        if found is None:
            return None
        total += found
    return total


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Item:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        return Failure(STDIN, "read", f"standard input: {os_reason(exc)}")
    if len(data) > max_bytes:
        limit = f"the limit of {max_bytes:,} bytes (setting max_document_bytes)"
        return Failure(STDIN, "read", f"standard input is over {limit}; it was not read further")
    if not data:
        return Failure(STDIN, "read", "standard input is empty (0 bytes)")
    return RawDocument(STDIN, data, MediaType.HTML if looks_like_html(data) else MediaType.TEXT)


def _walk(folder: str, max_bytes: int, text_column: str | None, seen: set[tuple[int, int]]) -> Iterator[Item]:
    """The items of a folder's files, depth first, in name order; folders already walked are not re-walked
    (a symbolic link back up the tree would otherwise loop)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(folder, "read", f"cannot list the folder: {_folder_reason(exc)}")
        return
    for entry in entries:
        path = os.path.join(folder, entry.name)
        if entry.name.startswith("."):
            yield Skipped(path, "a hidden file or folder (its name starts with a dot): not read")
            continue
        try:
            info = entry.stat()  # follows symbolic links
        except OSError as exc:
            yield Failure(path, "read", _stat_reason(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in seen:
                yield Skipped(path, "a folder already read (a symbolic link leads back to it)")
                continue
            seen.add(key)
            yield from _walk(path, max_bytes, text_column, seen)
        else:
            yield from _read_file(path, info, max_bytes, text_column, named=False)


def _read_file(
    path: str, info: os.stat_result, max_bytes: int, text_column: str | None, *, named: bool
) -> Iterator[Item]:
    """The items of one file. A file of a kind onrecord does not read is a ``Failure`` when the caller
    named it, and ``Skipped`` when it was met in a folder."""
    odd = not_regular(info.st_mode)
    if odd is not None:
        yield Failure(path, "read", odd)
        return
    kind = kind_of(os.path.basename(path))
    if kind is None:
        reason = not_readable_reason(path)
        yield Failure(path, "read", reason) if named else Skipped(path, reason)
        return
    if info.st_size == 0:
        yield Failure(path, "read", "empty file (0 bytes)")
        return
    if kind.kind is Kind.CSV:
        yield from read_csv(path, gzipped=kind.gzipped, max_bytes=max_bytes, text_column=text_column)
    elif kind.kind is Kind.JSONL:
        yield from read_jsonl(path, gzipped=kind.gzipped, max_bytes=max_bytes, text_column=text_column)
    elif kind.kind is Kind.WARC:
        yield from read_warc(path, gzipped=kind.gzipped, max_bytes=max_bytes)
    else:
        yield _read_document(path, info.st_size, MEDIA_TYPES[kind.kind], max_bytes)


def _read_document(path: str, size: int, media_type: MediaType, max_bytes: int) -> Item:
    if size > max_bytes:  # told before reading a byte
        return Failure(path, "read", too_large("the file", size, max_bytes))
    try:
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as exc:
        return Failure(path, "read", os_reason(exc))
    if len(data) > max_bytes:  # it grew since it was measured
        return Failure(path, "read", too_large("the file", len(data), max_bytes))
    if not data:
        return Failure(path, "read", "empty file (0 bytes)")
    return RawDocument(path, data, media_type)


def _stat_reason(path: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return f"a broken symbolic link (to {os.readlink(path)!r}, which does not exist)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "cannot reach it: permission denied (on a folder on its way)"
    return os_reason(exc)


def _folder_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return os_reason(exc)
