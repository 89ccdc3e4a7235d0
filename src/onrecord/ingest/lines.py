"""The lines of a table file as text, keeping each row's exact bytes.

A table reader pulls text lines (``csv.reader`` pulls as many as a row needs, quoted line breaks
included); :meth:`Lines.take` then hands over the bytes of exactly those lines, as they stand in the
file. In every ASCII-compatible encoding onrecord reads (UTF-8, the single-byte code pages, GB18030,
Big5, Shift JIS, EUC) the byte 0x0A is never part of a multi-byte character, so lines are split on it
and each line's own bytes are kept. UTF-16/32 files are decoded as a stream and each line re-encoded in
the file's own encoding, which gives back the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from onrecord.ingest.encodings import sniff
from onrecord.ingest.files import BROKEN, open_binary

SAMPLE_BYTES = 65536  # how much of a table file its encoding is told from
_SAMPLE_CHUNK = 4096


@dataclass(frozen=True, slots=True)
class Taken:
    """The lines of one row: their bytes (empty when over the size limit), size and line numbers."""

    data: bytes
    size: int
    first_line: int
    last_line: int
    undecodable: str | None  # why a line of the row is not in the file's encoding, if one is not

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


def sniff_file(path: str, gzipped: bool) -> tuple[str | None, bytes]:
    """The encoding of a table file told from its first bytes, and those bytes."""
    with open_binary(path, gzipped) as stream:
        sample, complete = _read_sample(stream)
    sample = sample[:SAMPLE_BYTES]
    return sniff(sample, complete=complete), sample


def _read_sample(stream: BinaryIO) -> tuple[bytes, bool]:
    """Up to ``SAMPLE_BYTES`` of the stream and whether that was all of it. A compressed file damaged
    within the sample gives what came before the damage (the reader then keeps the rows before it); one
    damaged from its start raises."""
    chunks: list[bytes] = []
    size = 0
    while size <= SAMPLE_BYTES:
        try:
            chunk = stream.read(min(_SAMPLE_CHUNK, SAMPLE_BYTES + 1 - size))
        except BROKEN:
            if not chunks:
                raise
            return b"".join(chunks), False
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:SAMPLE_BYTES], False


def public_name(codec: str) -> str:
    """The encoding as reported: ``utf-8-sig`` is UTF-8 with a mark, reported as ``utf-8``."""
    return "utf-8" if codec == "utf-8-sig" else codec


class Lines:
    """An iterator of text lines for ``csv.reader`` that remembers the bytes behind them."""

    def __init__(self, stream: BinaryIO, codec: str, max_bytes: int) -> None:
        self._source = (
            _wide_lines(stream, codec)
            if codec.startswith(("utf-16", "utf-32"))
            else (_narrow_lines(stream, codec))
        )
        self._max_bytes = max_bytes
        self._kept: list[bytes] = []
        self._size = 0
        self._undecodable: str | None = None
        self.line = 0  # the number of the last line read
        self._first = 1

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        raw, text, error = next(self._source)
        self.line += 1
        self._size += len(raw)
        if self._size <= self._max_bytes:
            self._kept.append(raw)
        else:
            self._kept.clear()  # over the limit: the row fails, and its bytes need not be held
        if error is not None and self._undecodable is None:
            self._undecodable = f"line {self.line} {error}"
        return text

    def take(self) -> Taken:
        """The lines read since the last ``take``, and start afresh."""
        taken = Taken(b"".join(self._kept), self._size, self._first, self.line, self._undecodable)
        self._kept, self._size, self._undecodable, self._first = [], 0, None, self.line + 1
        return taken


def _narrow_lines(stream: BinaryIO, codec: str) -> Iterator[tuple[bytes, str, str | None]]:
    for raw in stream:
        try:
            yield raw, raw.decode(codec), None
        except UnicodeDecodeError as exc:
            error = f"is not {public_name(codec)}: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}"
            yield raw, raw.decode(codec, "replace"), error


def _wide_lines(stream: BinaryIO, codec: str) -> Iterator[tuple[bytes, str, str | None]]:
    text = io.TextIOWrapper(stream, encoding=codec, newline="")
    try:
        for line in text:
            yield line.encode(codec), line, None
    finally:
        if not stream.closed:
            text.detach()  # the caller closes the stream it opened
