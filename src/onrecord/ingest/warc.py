"""Web archives: one document per HTML or plain-text ``response`` record of a WARC file (gzipped or not),
and one per ``conversion`` record of a WET file (Common Crawl's text extracted from the pages).

warcio parses the records. It is lenient with damage: a record cut short comes out short, and a file
that breaks off inside a record's headers simply ends. So the reader checks for itself: gzip is
decompressed here (Python's gzip module notices a stream that breaks off or fails its checksum), each
record's block must be as long as its ``Content-Length`` says, and nothing but blank lines may follow
the last record. Records before the damage are kept; the damage is one ``Failure`` saying where.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from onrecord.ingest.files import BROKEN, looks_like_html, open_binary, os_reason
from onrecord.models import Failure, MediaType, RawDocument, Skipped

Item = RawDocument | Failure | Skipped

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)
_TAIL_BYTES = 65536


class _Broken(Exception):
    """The file's bytes broke off or were corrupt; raised through warcio, which swallows ``EOFError``."""


class _Tracked:
    """The (decompressed) bytes of a WARC file, counted, with the last stretch kept for the end check."""

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream
        self.total = 0
        self.tail = b""

    def read(self, size: int = -1) -> bytes:
        try:  # read1: a buffered read() would drop what it decompressed before meeting the damage
            data = self._stream.read1(size)
        except BROKEN as exc:
            raise _Broken(os_reason(exc)) from exc
        self.total += len(data)
        self.tail = (self.tail + data)[-_TAIL_BYTES:]
        return data

    def tell(self) -> int:
        return self.total

    def close(self) -> None:
        self._stream.close()


def read_warc(path: str, *, gzipped: bool, max_bytes: int) -> Iterator[Item]:
    """One item per ``response`` record with an HTML or text payload; other responses are ``Skipped``."""
    try:
        stream = _Tracked(open_binary(path, gzipped))  # type: ignore[arg-type]  # both are buffered; closed below
    except OSError as exc:
        yield Failure(path, "read", os_reason(exc))
        return
    where = "decompressed " if gzipped else ""
    done, end = 0, 0  # records read whole, and where the last of them ends
    try:
        records = ArchiveIterator(stream)
        for record in records:
            if record.format != "warc":
                yield Failure(
                    path, "read", f"not a WARC file: record {done + 1} is in {record.format} format"
                )
                return
            item = _item(record, max_bytes)
            records.read_to_end()
            if record.raw_stream.limit > 0:
                yield Failure(
                    path,
                    "read",
                    f"the WARC file breaks off inside record {done + 1} ({where}byte "
                    f"{records.get_record_offset():,}): its block declares {record.length:,} bytes, "
                    f"{record.raw_stream.limit:,} of them are missing; {done} records before it were read",
                )
                return
            done += 1
            end = records.get_record_offset() + records.get_record_length()
            if item is not None:
                yield item
    except _Broken as exc:
        yield Failure(path, "read", f"{exc}: it breaks off after record {done}; the records before were read")
        return
    except Exception as exc:  # warcio raises whatever its parser meets in damage (even AttributeError)
        reason = f"{type(exc).__name__}: {exc}"
        yield Failure(path, "read", f"the WARC file is damaged after record {done}: {reason}")
        return
    finally:
        stream.close()
    rest = stream.total - end
    if done == 0:
        yield Failure(path, "read", "not a WARC file: no WARC records found")
    elif rest > 0 and (rest > len(stream.tail) or stream.tail[-rest:].strip()):
        yield Failure(
            path,
            "read",
            f"the WARC file breaks off after record {done} ({where}byte {end:,}): the {rest:,} bytes "
            "after it are not a complete record",
        )


def _item(record: Any, max_bytes: int) -> Item | None:
    """What a record yields: a document, a Skipped with the reason, or ``None`` for records that are not
    responses or conversions (warcinfo, request, metadata, revisit ...), passed over silently."""
    if record.rec_type == "conversion":
        return _conversion(record, max_bytes)
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or "(no WARC-Target-URI)"
    http = record.http_headers
    if http is None:
        return Skipped(uri, "a WARC response without HTTP headers")
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return Skipped(uri, f"HTTP status {status or 'missing'}: not a page")
    content_type = http.get_header("Content-Type") or ""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and mime not in _HTML_TYPES | _TEXT_TYPES:
        return Skipped(uri, f"a WARC response of Content-Type {mime}, not HTML or text")
    body: bytes = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        limit = f"the limit of {max_bytes:,} bytes (setting max_document_bytes)"
        return Failure(uri, "read", f"the response body is over {limit}; it was not read further")
    if not body:
        return Failure(uri, "read", "the WARC response has an empty body")
    if mime:
        media = MediaType.HTML if mime in _HTML_TYPES else MediaType.TEXT
    else:
        media = MediaType.HTML if looks_like_html(body) else MediaType.TEXT
    charset = _CHARSET.search(content_type)
    hint = charset.group(1) if charset else None
    fields = MappingProxyType({"url": uri} if "://" in uri else {})
    return RawDocument(uri, body, media, fields, encoding_hint=hint)


def _conversion(record: Any, max_bytes: int) -> Item:
    """A WET record: the text a crawler extracted from the page at ``WARC-Target-URI``, in UTF-8."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or "(no WARC-Target-URI)"
    body: bytes = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        limit = f"the limit of {max_bytes:,} bytes (setting max_document_bytes)"
        return Failure(uri, "read", f"the conversion record is over {limit}; it was not read further")
    if not body.strip():
        return Failure(uri, "read", "the WET conversion record has an empty body")
    fields = MappingProxyType({"url": uri} if "://" in uri else {})
    return RawDocument(uri, body, MediaType.TEXT, fields, encoding_hint="utf-8")
