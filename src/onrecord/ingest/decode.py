"""From bytes to characters: find the encoding, refuse binary content, mend mojibake.

The encoding is found in this order, the first answer winning:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. UTF-16 without a mark, told by where its NUL bytes fall;
3. strict UTF-8 (pure ASCII is UTF-8 too);
4. what the document declares: the transport's charset (``RawDocument.encoding_hint``, from a WARC
   record's Content-Type) or an HTML ``<meta charset>`` / XML declaration, read as browsers read it;
5. cp1252 when every non-ASCII byte is Windows punctuation (curly quotes, dashes), a case too sparse
   in clues for statistics;
6. charset-normalizer, choosing among a short list of plausible encodings (``data/ingest.json``).

Table rows (``MediaType.RECORD``) were decoded with their file; only their mojibake is mended here.
"""

from __future__ import annotations

import dataclasses
import re

from onrecord.errors import DecodeError, EmptyDocument
from onrecord.ingest.encodings import (
    bom,
    declared,
    detect,
    try_declared,
    utf16_without_bom,
    windows_punctuation_only,
)
from onrecord.ingest.repair import repair
from onrecord.models import DecodedText, MediaType, RawDocument
from onrecord.pipeline import Work

# Signatures of the binary formats most often met where text was expected.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document; extract its text first"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "gzip-compressed data; name the file .jsonl.gz or .warc.gz, or decompress it"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# C0 controls and DEL, but not tab, line breaks, form feeds, or ESC (terminal colour codes are mended, not
# refused). C1 controls are left out: they are cp1252 punctuation read as Latin-1, which ftfy mends.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_SHARE = 0.02  # more control characters than this share of the text: not text
_CONTROL_MIN = 4  # ... and at least this many (a stray one or two do not make a text binary)
_LINE_BREAKS = re.compile(r"\r\n?")


def decode(raw: RawDocument) -> DecodedText:
    """The text of ``raw``: decoded, mojibake mended, line endings as ``"\\n"``.

    Raises ``EmptyDocument`` when there are no bytes or only whitespace, ``DecodeError`` for binary
    content or bytes that no known encoding reads; each with the reason.
    """
    if raw.media_type is MediaType.RECORD:
        text = raw.fields.get("text")
        if text is None:
            raise EmptyDocument("the record has no text field")
        encoding = raw.encoding_hint or "utf-8"
    else:
        text, encoding = _decode_bytes(raw.data, raw.encoding_hint)
    _refuse_control_characters(text, encoding)
    repaired = repair(text)
    clean = _LINE_BREAKS.sub("\n", repaired)
    if not clean.strip():
        raise EmptyDocument(f"no text once decoded ({len(raw.data)} bytes of whitespace as {encoding})")
    return DecodedText(text=clean, encoding=encoding, repaired=repaired != text)


class DecodeStage:
    """The pipeline stage that fills ``Work.decoded`` from ``Work.raw``."""

    name = "decode"
    requires: tuple[str, ...] = ("raw",)
    assigns: tuple[str, ...] = ("decoded",)

    def __call__(self, work: Work) -> Work:
        return dataclasses.replace(work, decoded=decode(work.raw))


def _decode_bytes(data: bytes, hint: str | None) -> tuple[str, str]:
    if not data:
        raise EmptyDocument("empty document (0 bytes)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary content ({what})")
    marked = bom(data)
    if marked is not None:
        codec, length = marked
        try:
            return data[length:].decode(codec), codec
        except UnicodeDecodeError:
            data = data[length:]  # a false or damaged mark: read what follows without it
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16), utf16
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(f"binary content (a NUL byte at offset {nul}, and the bytes are not UTF-16)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        not_utf8 = f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    declarations = declared(data, hint)
    found = try_declared(data, declarations)
    if found is not None:
        return found
    guessed = "cp1252" if windows_punctuation_only(data) else detect(data)
    if guessed is not None:
        try:
            return data.decode(guessed), guessed
        except UnicodeDecodeError:  # charset-normalizer judged on a sample; the whole may not decode
            pass
    tried = f"; nor the declared {', '.join(declarations)}" if declarations else ""
    raise DecodeError(
        f"undecodable: the bytes are {not_utf8}{tried}, and no other encoding onrecord considers "
        "reads them as text"
    )


def _refuse_control_characters(text: str, encoding: str) -> None:
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    if controls >= _CONTROL_MIN and controls > _CONTROL_SHARE * len(text):
        raise DecodeError(
            f"binary content ({controls} control characters in {len(text)} characters read as {encoding})"
        )
