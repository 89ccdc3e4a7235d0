"""Typed records that flow between the stages.

    RawDocument --decode--> Decoded text --clean--> Article --attribute--> Statement(s) ...

Every record is a frozen dataclass: stages never mutate, they build the next record (or use
``dataclasses.replace``). Dates are real ``datetime.date`` values; absent collections are empty tuples.
Every offset (``Span.start``/``Span.end``) indexes the article's clean text, so that
``article.text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


def _empty_mapping() -> Mapping[str, str]:
    return MappingProxyType({})


class Genre(StrEnum):
    """What kind of document an article is, decided once when it is cleaned (``clean/genre.py``)."""

    NEWS = "news"
    MEETING_COVERAGE = "meeting_coverage"  # UN meetings coverage (press codes such as GA/SHC/4401)
    MEETING_SUMMARY = "meeting_summary"  # Council meeting summaries and press releases
    PRESS_BRIEFING = "press_briefing"  # UN press briefings by spokespersons
    UN_REPORT = "un_report"  # UN documents with a cover page (UPR Working Group reports)
    SPEECH = "speech"  # a table row that names its speaker

    @property
    def is_un_record(self) -> bool:
        """The UN's own account of a meeting or briefing, where a speaker's turn runs on uncued."""
        return self in {Genre.MEETING_COVERAGE, Genre.MEETING_SUMMARY, Genre.PRESS_BRIEFING}


class MediaType(StrEnum):
    """How the bytes of a document are to be read."""

    TEXT = "text"  # page text as a scraper saved it, furniture included
    HTML = "html"  # a raw web page
    RECORD = "record"  # one row of a CSV/JSONL file: text plus optional url/title/date fields


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document exactly as received, before any decoding.

    ``source`` is the path or URL as given to ingest (for a row of a table, ``path#row=N``, N from 1,
    the row's URL going to ``fields["url"]``); ``data`` the bytes as received; ``fields`` the metadata a
    table row or a WARC header carried (``url``, ``title``, ``date``, ``text`` for records).
    """

    source: str
    data: bytes
    media_type: MediaType
    fields: Mapping[str, str] = field(default_factory=_empty_mapping)
    encoding_hint: str | None = None  # e.g. from an HTTP Content-Type header in a WARC record


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The document's characters: detected encoding, repaired mojibake."""

    text: str
    encoding: str
    repaired: bool = False  # True when mojibake was found and fixed


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's clean text: ``text == clean_text[start:end]``."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span offsets must satisfy 0 <= start <= end, got {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but offsets {self.start}..{self.end} "
                f"cover {self.end - self.start}"
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner dropped, and the rule that dropped it (for auditing the cleaner)."""

    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class Article:
    """Clean text and metadata: what every later stage reads. ``text`` is what offsets index."""

    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    genre: Genre = Genre.NEWS


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be processed, with the stage that failed and why."""

    source: str
    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file met while walking a folder that is not a document kind onrecord reads."""

    source: str
    reason: str


class SpeakerKind(StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    GROUP = "group"
    UNKNOWN = "unknown"


class StatementKind(StrEnum):
    DIRECT = "direct"  # inside quotation marks
    INDIRECT = "indirect"  # reported speech
    MIXED = "mixed"  # reported speech with quoted parts


@dataclass(frozen=True, slots=True)
class Speaker:
    """The one source a set of mentions refers to, resolved within an article."""

    name: str
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    country: str | None = None
    on_behalf_of: str | None = None
    members: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing a source said, with the evidence spans in the article's clean text."""

    content: Span
    speaker: Speaker
    kind: StatementKind
    cue: Span | None = None
    speaker_mention: Span | None = None
    continuation: bool = False
    event: Event | None = None  # where and when it was said (filled by the events stage)
    figures: tuple[Figure, ...] = ()  # numbers cited in the content
    topics: tuple[Topic, ...] = ()  # UPR Info issue labels, best first
    positions: tuple[Position, ...] = ()  # stances taken, strongest first, each with its evidence


@dataclass(frozen=True, slots=True)
class Event:
    """Where and when words were said: the body, its session and segment, the kind of meeting, the day.

    ``date`` is the day the words were said, ``date_published`` the day the document appeared;
    ``date_source`` says how ``date`` was found: "explicit" (a written date), "relative" ("on Monday",
    "yesterday"), "approximate" ("last week": the first day of the stretch named), "calendar" (from the
    session calendar) or "published" (no better evidence than the publication date). ``evidence`` holds
    the spans of the document's text the fields were read from.
    """

    body: str | None
    session: int | None = None
    segment: str | None = None
    kind: str | None = None
    state_under_review: str | None = None
    location: str | None = None
    remote: bool | None = None
    date: dt.date | None = None
    date_published: dt.date | None = None
    date_source: str | None = None
    evidence: tuple[Span, ...] = ()

    def key(self) -> tuple[str | None, int | None, str | None, str | None, str | None, dt.date | None]:
        """The identity shared by every statement made at this event (evidence and sources aside)."""
        return (self.body, self.session, self.segment, self.kind, self.state_under_review, self.date)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a speaker cites: "nearly 30,000 civilians" -> 30000.0, "nearly", "civilians killed".

    ``counts`` names what is counted: the counted noun, with what happened to them where the text says
    ("people displaced"); percentages count "percent of ..." .
    """

    span: Span
    value: float
    qualifier: str | None
    counts: str | None

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(frozen=True, slots=True)
class Topic:
    """One issue label and the model's confidence in it (a calibrated probability, 0 to 1)."""

    label: str
    score: float


RULE = "rule"
MODEL = "model"
POSITION_SOURCES = (RULE, MODEL)


@dataclass(frozen=True, slots=True)
class Position:
    """A stance a statement takes: the position's id, a confidence in (0, 1], and what triggered it."""

    id: str
    score: float
    evidence: Span
    source: str = "rule"  # RULE: a phrasing of the taxonomy matched; MODEL: the learned model
