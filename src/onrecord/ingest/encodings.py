"""Telling which encoding some bytes are in: byte-order marks, declarations, then detection.

Each function answers one question and returns a Python codec name (``codecs.lookup(x).name``) or
``None``; ``decode.py`` chains them, and the table readers use :func:`sniff` on a file's first bytes.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from typing import Any

import charset_normalizer

from onrecord.ingest.kinds import declared_supersets, encoding_candidates

# UTF-32 first: its little-endian mark begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
_HEAD_BYTES = 4096  # where a <meta charset> must appear, as the HTML standard has browsers look (1024+)

_ASCII_AND_WINDOWS_PUNCTUATION = bytes(range(0x80)) + bytes([0x85, *range(0x91, 0x98), 0xA0])

# charset-normalizer's default limit on "mess" first; a second, looser pass for text whose odd mixes
# (Latin capitals run into Chinese, say) put it over, while random bytes stay far above both.
_CHAOS_THRESHOLDS = (0.2, 0.35)

# Two decodings that fit about as well: prefer the one listed first among the candidates.
_CHAOS_TIE = 0.02
_COHERENCE_TIE = 0.02


def codec_name(label: str) -> str | None:
    """The Python codec name for an encoding label (``"Windows-1252"`` -> ``"cp1252"``), or ``None``."""
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def bom(data: bytes) -> tuple[str, int] | None:
    """The codec a byte-order mark announces, and the mark's length; ``None`` without one."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes fall the way Latin-script UTF-16 puts them, else ``None``."""
    half = len(data) // 2
    if half < 2:
        return None
    even, odd = data[0 : 2 * half : 2].count(0), data[1 : 2 * half : 2].count(0)
    for nuls, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 * half and other <= 0.02 * half:
            try:
                data[: 2 * half].decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


def declared(data: bytes, hint: str | None = None) -> list[str]:
    """Codecs the document declares: the transport's ``hint`` first, then ``<meta charset>`` or ``<?xml
    encoding>`` in its first bytes; unknown labels are left out. A declaration of UTF-16/32 inside bytes
    that read as ASCII cannot be true, and is read as UTF-8 (as browsers do)."""
    head = data[:_HEAD_BYTES]
    labels = [hint] if hint else []
    found = (_XML_ENCODING.search(head), _META_CHARSET.search(head))
    labels += [m.group(1).decode("ascii") for m in found if m]
    names: list[str] = []
    for label in labels:
        name = codec_name(label)
        if name is not None and name.startswith(("utf-16", "utf-32")):
            name = "utf-8"
        if name is not None and name not in names:
            names.append(name)
    return names


def try_declared(data: bytes, names: Iterable[str]) -> tuple[str, str] | None:
    """The first declared codec (or the wider codec browsers use for it) that decodes ``data`` strictly."""
    for name in names:
        for codec in (name, declared_supersets().get(name)):
            if codec is None:
                continue
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                continue
    return None


def windows_punctuation_only(data: bytes) -> bool:
    """Whether every non-ASCII byte is typographic punctuation at the place all Windows code pages put it
    (0x91-0x97 quotes and dashes, 0x85 ellipsis, 0xA0 no-break space): English text saved as
    "ANSI", too sparse in clues for statistical detection, which then reads it as cp1252."""
    rest = data.translate(None, _ASCII_AND_WINDOWS_PUNCTUATION)
    return not rest and not data.isascii()


def detect(data: bytes) -> str | None:
    """The most plausible legacy encoding among the candidates (charset-normalizer), or ``None``.

    Where several fit about equally (cp1252 and cp1250 read most Western text alike), the one listed
    first among the candidates wins, so the choice does not depend on charset-normalizer's tie order.
    """
    candidates = encoding_candidates()
    results: list[Any] = []
    for threshold in _CHAOS_THRESHOLDS:
        results = list(
            charset_normalizer.from_bytes(
                data, cp_isolation=list(candidates), preemptive_behaviour=False, threshold=threshold
            )
        )
        if results:
            break
    if not results:
        return None
    best_chaos = min(r.chaos for r in results)
    near = [r for r in results if r.chaos <= best_chaos + _CHAOS_TIE]
    best_coherence = max(r.coherence for r in near)
    near = [r for r in near if r.coherence >= best_coherence - _COHERENCE_TIE]
    # A match stands for every encoding that decodes the bytes to the same text.
    names = [codec_name(str(name)) or str(name) for r in near for name in r.could_be_from_charset]
    return min(names, key=lambda n: candidates.index(n) if n in candidates else len(candidates))


def is_utf8(data: bytes, *, complete: bool = True) -> bool:
    """Whether ``data`` is strict UTF-8; with ``complete=False`` a sequence cut at the end is allowed."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return not complete and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


def sniff(sample: bytes, *, complete: bool) -> str | None:
    """The codec of a file from its first bytes (``complete`` when the sample is the whole file).

    Byte-order mark, BOM-less UTF-16, UTF-8, Windows punctuation, then detection. ``utf-8-sig`` (not
    ``utf-8``) is answered for a UTF-8 file with a mark, so that decoding line by line drops the mark.
    """
    marked = bom(sample)
    if marked is not None:
        return "utf-8-sig" if marked[0] == "utf-8" else marked[0]
    utf16 = utf16_without_bom(sample)
    if utf16 is not None:
        return utf16
    if is_utf8(sample, complete=complete):
        return "utf-8"
    if windows_punctuation_only(sample):
        return "cp1252"
    return detect(sample)
