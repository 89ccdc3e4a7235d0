"""Opening files, and saying in words why one could not be read."""

from __future__ import annotations

import errno
import gzip
import re
import stat
import zlib
from typing import BinaryIO

# What a file that breaks off or is corrupt raises while it is read (gzip.BadGzipFile is an OSError).
BROKEN = (OSError, EOFError, zlib.error, UnicodeDecodeError)

_HTML_START = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body|meta|title|!--)", re.I)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)[\s>]|<!doctype\s+html", re.I)
_SNIFF_BYTES = 2048


def open_binary(path: str, gzipped: bool) -> BinaryIO:
    """The file's bytes, decompressed on the fly when ``gzipped``."""
    if gzipped:
        return gzip.open(path, "rb")  # type: ignore[return-value]  # GzipFile is a binary stream
    return open(path, "rb")  # the caller closes it


def os_reason(exc: BaseException) -> str:
    """A reading error in words: permission denied, a truncated or corrupt file, ..."""
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, EOFError):
        return f"the compressed file is truncated ({exc})"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"the compressed file is corrupt ({exc})"
    if isinstance(exc, UnicodeDecodeError):
        return f"bytes that are not {exc.encoding} ({exc.reason} at byte {exc.start} of a line)"
    if isinstance(exc, OSError) and exc.errno == errno.EISDIR:
        return "is a folder where a file was expected"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror.lower()}"
    return f"cannot read: {type(exc).__name__}: {exc}"


def too_large(what: str, size: int, max_bytes: int) -> str:
    return f"{what} is {size:,} bytes, over the limit of {max_bytes:,} bytes (setting max_document_bytes)"


def not_regular(mode: int) -> str | None:
    """What a path is when it is not a regular file or folder (``None`` when it is one)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        what = "a FIFO (named pipe)"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "a special file"
    return f"not a regular file ({what}); onrecord reads files and folders, and - for standard input"


def looks_like_html(data: bytes) -> bool:
    """Whether a document's first bytes are HTML (UTF-16 NUL bytes ignored)."""
    head = data[:_SNIFF_BYTES].replace(b"\x00", b"").removeprefix(b"\xef\xbb\xbf")
    head = head.removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    return bool(_HTML_START.search(head) or _HTML_ANYWHERE.search(head))
