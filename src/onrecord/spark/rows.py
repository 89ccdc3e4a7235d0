"""The six tables a Spark run writes, as data, and the conversions between them and the pipeline's records.

    documents   one row per document stored (its bytes, clean text and metadata, its events as JSON)
    statements  one row per statement: spans, the speaker as the document names them, the event in full,
                topics and positions as JSON
    figures     one row per number a statement cites
    speakers    one row per speaker key, merged across documents as the store merges them
    events      one row per event key, merged across documents as the store merges them
    failures    documents that could not be read or analysed, set aside by the gate, or skipped

Rows are plain tuples in the order of their table's ``columns`` (so Spark builds typed frames from them
without inferring anything); ``document_records`` turns them back into the records the store's own
functions take, which is how ``onrecord import`` stores exactly what ``onrecord ingest`` would have.

Order matters to a merge (the first name a speaker is stored under stays), so every row carries the
document's place in the input, ``(file_no, item_no)``: files in the order ``onrecord ingest`` walks them,
items in the order read from each file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from onrecord.gate import GATE_STAGE, Gate, GateMode, applies
from onrecord.models import (
    Article,
    DecodedText,
    Event,
    Failure,
    Figure,
    MediaType,
    Position,
    RawDocument,
    RemovedLine,
    Skipped,
    Span,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
    Topic,
)
from onrecord.pipeline import Outcome, Pipeline, Work
from onrecord.store.documents import content_hash
from onrecord.store.events import event_key
from onrecord.store.events import event_row as exported_event
from onrecord.store.statements import speaker_key

SKIPPED_STAGE = "skipped"  # failures rows of this stage are files ingest passes over; import ignores them
UNKNOWN_YEAR = "unknown"

Row = tuple[Any, ...]
Columns = tuple[tuple[str, str], ...]  # (name, type): string, long, double, boolean, binary, date

_ORDER: Columns = (("file_no", "long"), ("item_no", "long"))
_EVENT: Columns = (
    ("body", "string"),
    ("session", "long"),
    ("segment", "string"),
    ("kind", "string"),
    ("state_under_review", "string"),
    ("location", "string"),
    ("remote", "boolean"),
    ("date", "date"),
    ("date_source", "string"),
)

TABLES: Mapping[str, Columns] = MappingProxyType(
    {
        "documents": (
            ("sha256", "string"),
            *_ORDER,
            ("source", "string"),
            ("media_type", "string"),
            ("raw", "binary"),
            ("fields", "string"),
            ("encoding_hint", "string"),
            ("encoding", "string"),
            ("repaired", "boolean"),
            ("text", "string"),
            ("title", "string"),
            ("outlet", "string"),
            ("byline", "string"),
            ("published", "date"),
            ("language", "string"),
            ("url", "string"),
            ("removed", "string"),
            ("events", "string"),
            ("pipeline_version", "string"),
            ("year", "string"),
        ),
        "statements": (
            ("sha256", "string"),
            *_ORDER,
            ("seq", "long"),
            ("kind", "string"),
            ("continuation", "boolean"),
            ("content_start", "long"),
            ("content_end", "long"),
            ("content", "string"),
            ("cue_start", "long"),
            ("cue_end", "long"),
            ("cue", "string"),
            ("mention_start", "long"),
            ("mention_end", "long"),
            ("mention", "string"),
            ("speaker_key", "string"),
            ("speaker", "string"),
            ("speaker_kind", "string"),
            ("speaker_roles", "string"),
            ("speaker_affiliation", "string"),
            ("speaker_country", "string"),
            ("speaker_on_behalf_of", "string"),
            ("speaker_members", "string"),
            ("speaker_aliases", "string"),
            ("event_key", "string"),
            *(("event_" + name, kind) for name, kind in _EVENT),
            ("event_date_published", "date"),
            ("event_evidence", "string"),
            ("topics", "string"),
            ("positions", "string"),
            ("year", "string"),
        ),
        "figures": (
            ("sha256", "string"),
            ("seq", "long"),
            ("position", "long"),
            ("start", "long"),
            ("end", "long"),
            ("text", "string"),
            ("value", "double"),
            ("qualifier", "string"),
            ("counts", "string"),
            ("year", "string"),
        ),
        "speakers": (
            ("key", "string"),
            ("name", "string"),
            ("kind", "string"),
            ("country", "string"),
            ("affiliation", "string"),
            ("roles", "string"),
            ("aliases", "string"),
            ("statements", "long"),
        ),
        "events": (("key", "string"), *_EVENT, ("statements", "long"), ("year", "string")),
        "failures": (
            ("source", "string"),
            ("stage", "string"),
            ("reason", "string"),
            ("sha256", "string"),
            *_ORDER,
        ),
    }
)

# How each table is partitioned on disk (Hive style, read as such by DuckDB, Spark SQL and pyarrow).
PARTITIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {name: ("year",) if any(c == "year" for c, _ in columns) else () for name, columns in TABLES.items()}
)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _span(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


def _spans(spans: Iterable[Span]) -> list[list[object]]:
    return [[s.start, s.end, s.text] for s in spans]


def _year(day: dt.date | None) -> str:
    return str(day.year) if day is not None else UNKNOWN_YEAR


# -- the pipeline's records to rows ------------------------------------------------------------------


def raw_tuple(raw: RawDocument) -> tuple[str, bytes, str, dict[str, str], str | None]:
    """A document as received, in a form that pickles (a ``MappingProxyType`` does not)."""
    return (raw.source, raw.data, str(raw.media_type), dict(raw.fields), raw.encoding_hint)


def raw_from(received: Sequence[Any]) -> RawDocument:
    source, data, media_type, fields, hint = received
    return RawDocument(source, bytes(data), MediaType(media_type), MappingProxyType(dict(fields)), hint)


def failure_row(failure: Failure | Skipped, sha256: str | None, order: tuple[int, int]) -> Row:
    stage = failure.stage if isinstance(failure, Failure) else SKIPPED_STAGE
    return (failure.source, stage, failure.reason, sha256, *order)


def event_dict(event: Event) -> dict[str, object]:
    """An event as the export writes it, with its evidence spans (for rebuilding it on import)."""
    return {**(exported_event(event) or {}), "evidence": _spans(event.evidence)}


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The event ``event_dict`` wrote (its days as ISO dates or ``datetime.date``)."""

    def day(value: object) -> dt.date | None:
        return dt.date.fromisoformat(str(value)) if value else None

    return Event(
        body=data["body"],
        session=data["session"],
        segment=data["segment"],
        kind=data["kind"],
        state_under_review=data["state_under_review"],
        location=data["location"],
        remote=data["remote"],
        date=day(data["date"]),
        date_published=day(data["date_published"]),
        date_source=data["date_source"],
        evidence=tuple(Span(s, e, t) for s, e, t in data["evidence"]),
    )


def _event_columns(event: Event | None, document: str) -> tuple[object, ...]:
    if event is None:
        return (None,) * (len(_EVENT) + 3)
    return (
        event_key(event, document),
        event.body,
        event.session,
        event.segment,
        event.kind,
        event.state_under_review,
        event.location,
        event.remote,
        event.date,
        event.date_source,
        event.date_published,
        _json(_spans(event.evidence)),
    )


def outcome_rows(outcome: Outcome, order: tuple[int, int], version: str) -> Iterator[tuple[str, Row]]:
    """The rows one document's outcome adds to each table, tagged with the table's name; and the
    partial speaker and event records (tagged ``speaker_part``/``event_part``) the merges fold."""
    work = outcome.work
    sha256 = content_hash(work.raw.data)
    if work.article is None or work.decoded is None:
        failure = outcome.failure or Failure(work.raw.source, "clean", "no article was made")
        yield "failures", failure_row(failure, sha256, order)
        return
    article, decoded, raw = work.article, work.decoded, work.raw
    year = _year(article.published)
    yield (
        "documents",
        (
            sha256,
            *order,
            raw.source,
            str(raw.media_type),
            raw.data,
            _json(dict(raw.fields)),
            raw.encoding_hint,
            decoded.encoding,
            decoded.repaired,
            article.text,
            article.title,
            article.outlet,
            article.byline,
            article.published,
            article.language,
            article.url,
            _json([{"text": r.text, "rule": r.rule} for r in article.removed]),
            _json([event_dict(e) for e in work.events or ()]),
            version,
            year,
        ),
    )
    upserts = 0  # the order the store upserts events in: each statement's, then the document's
    described: set[str] = set()  # the store takes a document's account of a speaker from its first statement
    for seq, st in enumerate(work.statements or ()):
        sp = st.speaker
        yield (
            "statements",
            (
                sha256,
                *order,
                seq,
                st.kind.value,
                st.continuation,
                *_span(st.content),
                *_span(st.cue),
                *_span(st.speaker_mention),
                speaker_key(sp, sha256),
                sp.name,
                sp.kind.value,
                _json(list(sp.roles)),
                sp.affiliation,
                sp.country,
                sp.on_behalf_of,
                _json(list(sp.members)),
                _json(list(sp.aliases)),
                *_event_columns(st.event, sha256),
                _json([[t.label, t.score] for t in st.topics]),
                _json([[p.id, p.score, *_span(p.evidence)] for p in st.positions]),
                year,
            ),
        )
        for position, f in enumerate(st.figures):
            yield "figures", (sha256, seq, position, *_span(f.span), f.value, f.qualifier, f.counts, year)
        key = speaker_key(sp, sha256)
        yield "speaker_part", speaker_part(sp, key, (*order, seq), described=key not in described)
        described.add(key)
        if st.event is not None:
            yield "event_part", event_part(st.event, sha256, (*order, upserts), statements=1)
            upserts += 1
    for event in work.events or ():
        yield "event_part", event_part(event, sha256, (*order, upserts), statements=0)
        upserts += 1
    if outcome.failure is not None:  # analysis failed after cleaning: the document stays, with the reason
        yield "failures", failure_row(outcome.failure, sha256, order)


# -- merges: the store's rules, as associative folds ---------------------------------------------------
#
# The store keeps a speaker's first name and kind, its first country and affiliation that are not empty,
# every role in the order first given and every alias (onrecord.store.statements). An event keeps the
# fields of its first upsert and the first location and remote attendance that are said
# (onrecord.store.events). Keeping with each value the place where it was given makes those rules
# associative, so Spark can fold partitions in any order and get what one process gets.

Order = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Given:
    """A value and the place in the input where it was first given (``None`` where never given)."""

    order: Order
    value: Any

    @staticmethod
    def first(a: Given | None, b: Given | None) -> Given | None:
        if a is None:
            return b
        if b is None:
            return a
        return a if a.order <= b.order else b


def _given(order: Order, value: object) -> Given | None:
    return None if value is None else Given(order, value)


def speaker_part(speaker: Speaker, key: str, order: Order, *, described: bool) -> tuple[str, dict[str, Any]]:
    """A statement's speaker as a partial record; only a document's first statement by a speaker
    (``described``) gives their name, roles, country and aliases, as in the store."""
    if not described:
        return key, {
            "first": None,
            "country": None,
            "affiliation": None,
            "roles": {},
            "aliases": set(),
            "statements": 1,
        }
    return key, {
        "first": Given(order, (speaker.name, speaker.kind.value)),
        "country": _given(order, speaker.country),
        "affiliation": _given(order, speaker.affiliation),
        "roles": {role: (*order, i) for i, role in enumerate(speaker.roles)},
        "aliases": {speaker.name, *speaker.aliases},
        "statements": 1,
    }


def merge_speakers(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    roles = dict(a["roles"])
    for role, order in b["roles"].items():
        roles[role] = min(order, roles.get(role, order))
    return {
        "first": Given.first(a["first"], b["first"]),
        "country": Given.first(a["country"], b["country"]),
        "affiliation": Given.first(a["affiliation"], b["affiliation"]),
        "roles": roles,
        "aliases": a["aliases"] | b["aliases"],
        "statements": a["statements"] + b["statements"],
    }


def speaker_row(key: str, part: dict[str, Any]) -> Row:
    name, kind = part["first"].value
    country, affiliation = part["country"], part["affiliation"]
    return (
        key,
        name,
        kind,
        country.value if country else None,
        affiliation.value if affiliation else None,
        _json(sorted(part["roles"], key=lambda role: part["roles"][role])),
        _json(sorted(part["aliases"])),
        part["statements"],
    )


def event_part(event: Event, document: str, order: Order, *, statements: int) -> tuple[str, dict[str, Any]]:
    return event_key(event, document), {
        "first": Given(order, event),
        "location": _given(order, event.location),
        "remote": _given(order, event.remote),
        "statements": statements,
    }


def merge_events(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {
        "first": Given.first(a["first"], b["first"]),
        "location": Given.first(a["location"], b["location"]),
        "remote": Given.first(a["remote"], b["remote"]),
        "statements": a["statements"] + b["statements"],
    }


def event_row(key: str, part: dict[str, Any]) -> Row:
    first: Event = part["first"].value
    location, remote = part["location"], part["remote"]
    return (
        key,
        first.body,
        first.session,
        first.segment,
        first.kind,
        first.state_under_review,
        location.value if location else None,
        remote.value if remote else None,
        first.date,
        first.date_source,
        part["statements"],
        _year(first.date),
    )


# -- the pipeline in one partition --------------------------------------------------------------------


def analyse(
    received: Iterable[tuple[tuple[int, int], Sequence[Any]]],
    pipeline: Pipeline,
    version: str,
    *,
    gate: Gate | None,
    mode: GateMode,
    batch_size: int,
) -> Iterator[tuple[str, Row]]:
    """Run the pipeline over documents as received (``(order, raw_tuple)``), gate first, and yield the
    tagged rows of every table. This is what each Spark partition runs."""
    orders: deque[tuple[int, int]] = deque()  # of the documents in the pipeline, in order
    aside: list[tuple[str, Row]] = []

    def works() -> Iterator[Work]:
        for order, item in received:
            raw = raw_from(item)
            if gate is not None and applies(mode, raw):
                verdict = gate.judge_raw(raw)
                if not verdict.relevant:
                    failure = Failure(raw.source, GATE_STAGE, verdict.reason or "set aside by the gate")
                    aside.append(("failures", failure_row(failure, content_hash(raw.data), order)))
                    continue
            orders.append(order)
            yield Work(raw=raw)

    for outcome in pipeline.run_many(works(), batch_size=batch_size):
        yield from aside
        aside.clear()
        yield from outcome_rows(outcome, orders.popleft(), version)
    yield from aside


# -- rows back to records, for the store ------------------------------------------------------------


def _span_of(start: int | None, end: int | None, text: str | None) -> Span | None:
    return None if start is None or end is None or text is None else Span(start, end, text)


def statement_from(row: Mapping[str, Any], figures: Sequence[Mapping[str, Any]]) -> Statement:
    """A statement from its row (a mapping of column to value) and its figures' rows, in order."""
    event = None
    if row["event_key"] is not None:  # the row carries its event in the ``event_`` columns
        names = [*(name for name, _ in _EVENT), "date_published"]
        fields = {name: row["event_" + name] for name in names}
        event = event_from_dict({**fields, "evidence": json.loads(row["event_evidence"])})
    content = Span(row["content_start"], row["content_end"], row["content"])
    return Statement(
        content=content,
        speaker=Speaker(
            name=row["speaker"],
            kind=SpeakerKind(row["speaker_kind"]),
            roles=tuple(json.loads(row["speaker_roles"])),
            affiliation=row["speaker_affiliation"],
            country=row["speaker_country"],
            on_behalf_of=row["speaker_on_behalf_of"],
            members=tuple(json.loads(row["speaker_members"])),
            aliases=tuple(json.loads(row["speaker_aliases"])),
        ),
        kind=StatementKind(row["kind"]),
        cue=_span_of(row["cue_start"], row["cue_end"], row["cue"]),
        speaker_mention=_span_of(row["mention_start"], row["mention_end"], row["mention"]),
        continuation=bool(row["continuation"]),
        event=event,
        figures=tuple(
            Figure(Span(f["start"], f["end"], f["text"]), f["value"], f["qualifier"], f["counts"])
            for f in figures
        ),
        topics=tuple(Topic(label, score) for label, score in json.loads(row["topics"])),
        positions=tuple(
            Position(pid, score, Span(start, end, text))
            for pid, score, start, end, text in json.loads(row["positions"])
        ),
    )


@dataclass(frozen=True, slots=True)
class StoredForm:
    """What ``insert_document`` and the analysis writers take, rebuilt from a documents row."""

    raw: RawDocument
    decoded: DecodedText
    article: Article
    events: tuple[Event, ...]
    version: str


def document_from(row: Mapping[str, Any]) -> StoredForm:
    raw = RawDocument(
        row["source"],
        bytes(row["raw"]),
        MediaType(row["media_type"]),
        MappingProxyType(json.loads(row["fields"])),
        row["encoding_hint"],
    )
    article = Article(
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        byline=row["byline"],
        published=row["published"],
        language=row["language"],
        url=row["url"],
        removed=tuple(RemovedLine(r["text"], r["rule"]) for r in json.loads(row["removed"])),
    )
    # the store keeps the decoded text's encoding and whether it was repaired; its characters are the
    # raw bytes', kept beside, and the clean text the article's
    decoded = DecodedText("", row["encoding"], bool(row["repaired"]))
    events = tuple(event_from_dict(e) for e in json.loads(row["events"]))
    return StoredForm(raw, decoded, article, events, row["pipeline_version"])
