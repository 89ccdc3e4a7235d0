"""Which kinds of file onrecord reads, told by their names, and the lexicons the readers use.

The lexicons (column synonyms, encoding candidates) live in ``onrecord/data/ingest.json``; they are
loaded on first use, never at import.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

from onrecord.datafiles import read_json
from onrecord.models import MediaType


class Kind(StrEnum):
    """How a file is read: as one document, as a table of records, or as a web archive."""

    TEXT = "text"
    HTML = "html"
    CSV = "csv"
    JSONL = "jsonl"
    WARC = "warc"


# Longest suffixes first, so that ``x.jsonl.gz`` is not taken for a ``.gz``.
_SUFFIXES: tuple[tuple[str, Kind, bool], ...] = (
    (".warc.gz", Kind.WARC, True),
    (".wet.gz", Kind.WARC, True),  # Common Crawl's extracted text (WET), a WARC file of conversion records
    (".jsonl.gz", Kind.JSONL, True),
    (".csv.gz", Kind.CSV, True),
    (".txt", Kind.TEXT, False),
    (".html", Kind.HTML, False),
    (".htm", Kind.HTML, False),
    (".csv", Kind.CSV, False),
    (".jsonl", Kind.JSONL, False),
    (".warc", Kind.WARC, False),
    (".wet", Kind.WARC, False),
)

READABLE = ".txt .html .htm .csv .jsonl .jsonl.gz .warc .warc.gz .wet .wet.gz"

_COMPRESSED = frozenset({".gz", ".bz2", ".xz", ".zst", ".zip"})

MEDIA_TYPES = MappingProxyType({Kind.TEXT: MediaType.TEXT, Kind.HTML: MediaType.HTML})


@dataclass(frozen=True, slots=True)
class FileKind:
    kind: Kind
    gzipped: bool


def kind_of(name: str) -> FileKind | None:
    """The kind of a file by its name (case-insensitive), or ``None`` for a kind onrecord does not read."""
    lowered = name.lower()
    for suffix, kind, gzipped in _SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            return FileKind(kind, gzipped)
    return None


def not_readable_reason(name: str) -> str:
    """Why a file of this name is not read, naming its suffix and the suffixes that are read."""
    suffixes = PurePath(name).suffixes
    compressed = len(suffixes) >= 2 and suffixes[-1].lower() in _COMPRESSED
    shown = "".join(suffixes[-2:] if compressed else suffixes[-1:])
    return f"not a document kind onrecord reads ({shown.lower() or 'no extension'}); it reads {READABLE}"


@cache
def _lexicon() -> dict[str, Any]:
    return read_json("ingest.json")


@cache
def column_synonyms() -> MappingProxyType[str, tuple[str, ...]]:
    """Field name (text, url, title, date) -> the column names accepted for it, in order of preference."""
    columns: dict[str, list[str]] = _lexicon()["columns"]
    return MappingProxyType({name: tuple(s.casefold() for s in names) for name, names in columns.items()})


@cache
def encoding_candidates() -> tuple[str, ...]:
    """Python codec names charset detection may choose among, in order of preference."""
    return tuple(codecs.lookup(name).name for name in _lexicon()["encoding_candidates"])


@cache
def declared_supersets() -> MappingProxyType[str, str]:
    """Declared charset (codec name) -> the wider codec browsers read it as."""
    pairs: dict[str, str] = _lexicon()["declared_supersets"]
    return MappingProxyType({codecs.lookup(k).name: codecs.lookup(v).name for k, v in pairs.items()})
