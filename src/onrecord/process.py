"""The main job: read inputs, run the pipeline, keep everything in the store.

Each document is written in its own transaction, after its content hash is checked: a document already
stored is counted ``unchanged`` and not processed again, so a run killed halfway is resumed by running
it again, with nothing lost and nothing duplicated. The hash is checked again under the write lock
before the insert, so two ingests into one store never store a document twice nor fail on it.

Parsing runs here or in worker processes (``onrecord.workers``); this process is the one writer.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from threading import Event
from typing import BinaryIO

from onrecord import __version__
from onrecord.attribution import AttributeStage, Attributor
from onrecord.clean import CleanStage
from onrecord.events.stage import EventStage, FigureStage
from onrecord.gate import GATE_STAGE, Gate, GateMode, applies
from onrecord.ingest import DecodeStage, iter_inputs
from onrecord.models import Failure, Skipped
from onrecord.pipeline import Outcome, Pipeline, Stage, Work
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.store.documents import (
    content_hash,
    document_ids,
    find_by_hash,
    insert_document,
    iter_raw,
    record_failure,
    update_document,
)
from onrecord.store.events import link_document_events
from onrecord.store.statements import delete_statements, insert_statements
from onrecord.themes.stage import PositionStage, TopicStage
from onrecord.versions import data_fingerprint
from onrecord.workers import WorkerPool

logger = logging.getLogger(__name__)


class Status(StrEnum):
    INGESTED = "ingested"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(slots=True)
class IngestSummary:
    """What a run did: counts, and the failures and skipped files by name."""

    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    set_aside: list[Failure] = field(default_factory=list)  # by the relevance gate, with its reason
    stopped: bool = False  # asked to stop (Ctrl-C) before every input was read

    @property
    def seen(self) -> int:
        return self.ingested + self.unchanged + self.failed


ProgressCallback = Callable[[str, Status], None]


def pipeline_version(pipeline: Pipeline) -> str:
    """The code, the stages and the data files they read (``versions.data_fingerprint``)."""
    return f"{__version__}:{'+'.join(pipeline.names)}:data-{data_fingerprint()}"


def reading_stages() -> list[Stage]:
    """Bytes to clean text and metadata."""
    return [DecodeStage(), CleanStage()]


def analysis_stages(settings: Settings) -> list[Stage]:
    """Clean text to statements placed in their events, with their figures."""
    return [AttributeStage(Attributor(settings)), EventStage(), FigureStage(), TopicStage(), PositionStage()]


def default_stages(settings: Settings, *, analyse: bool = True) -> list[Stage]:
    """The stages ``onrecord ingest`` runs, in order."""
    return reading_stages() + (analysis_stages(settings) if analyse else [])


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    pipeline: Pipeline | None = None,
    analyse: bool = True,
    text_column: str | None = None,
    stdin: BinaryIO | None = None,
    on_progress: ProgressCallback | None = None,
    gate: GateMode = GateMode.AUTO,
    workers: int | None = None,
    stop: Event | None = None,
) -> IngestSummary:
    """Read ``paths`` (files, folders, ``-``), process what is new, and store documents and failures.

    Where ``gate`` applies (see ``onrecord.gate``), a document the relevance gate sets aside is not
    parsed: it is recorded in the failures table under the stage ``gate`` with the gate's reason, and
    counted in ``summary.set_aside``.

    ``workers``: parse in that many processes, each document within the ``document_time_limit`` setting
    (``onrecord ingest`` uses one per core); ``None`` parses here, in this process, with no time limit.
    This process stays the one writer either way. ``stop`` (set by Ctrl-C in the CLI) ends the run once
    the documents in flight are stored.
    """
    pipeline = pipeline or Pipeline(default_stages(settings, analyse=analyse))
    relevance = Gate.load() if gate is not GateMode.OFF else None
    version = pipeline_version(pipeline)
    summary = IngestSummary()

    def note(source: str, status: Status) -> None:
        if on_progress is not None:
            on_progress(source, status)

    def fail(failure: Failure, sha256: str | None = None) -> None:
        with store.transaction() as conn:
            record_failure(conn, failure, sha256)
        summary.failed += 1
        summary.failures.append(failure)
        note(failure.source, Status.FAILED)

    def new_documents() -> Iterator[Work]:
        in_flight: set[str] = set()
        for item in iter_inputs(
            paths, max_bytes=settings.max_document_bytes, text_column=text_column, stdin=stdin
        ):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                note(item.source, Status.SKIPPED)
            elif isinstance(item, Failure):
                fail(item)
            else:
                sha256 = content_hash(item.data)
                if sha256 in in_flight or find_by_hash(store.conn, sha256) is not None:
                    summary.unchanged += 1
                    note(item.source, Status.UNCHANGED)
                    continue
                in_flight.add(sha256)
                verdict = relevance.judge_raw(item) if relevance and applies(gate, item) else None
                if verdict is not None and not verdict.relevant:
                    aside = Failure(item.source, GATE_STAGE, verdict.reason or "set aside by the gate")
                    with store.transaction() as conn:
                        record_failure(conn, aside, sha256)
                    summary.set_aside.append(aside)
                    note(item.source, Status.SKIPPED)
                    continue
                yield Work(raw=item)
            if stop is not None and stop.is_set():
                return

    for outcome in _outcomes(pipeline, new_documents(), settings, workers, stop):
        _keep(outcome, store, version, summary, fail, note)
    summary.stopped = stop is not None and stop.is_set()
    return summary


def _outcomes(
    pipeline: Pipeline, works: Iterator[Work], settings: Settings, workers: int | None, stop: Event | None
) -> Iterator[Outcome]:
    """The pipeline's outcomes for ``works``, in their order: here, or in ``workers`` processes, each
    document within the ``document_time_limit`` setting."""
    if workers is None:
        yield from pipeline.run_many(works, batch_size=settings.nlp_batch_size)
        return
    with WorkerPool(pipeline, workers, settings.document_time_limit) as pool:
        yield from pool.run(works, stop=stop)


def reanalyse(
    store: Store,
    settings: Settings,
    *,
    everything: bool = False,
    pipeline: Pipeline | None = None,
    on_progress: ProgressCallback | None = None,
    workers: int | None = None,
    stop: Event | None = None,
) -> IngestSummary:
    """Run the pipeline again on stored documents, from their bytes as received.

    By default only documents processed by another pipeline version (an older onrecord, or an ingest with
    ``analyse=False``) are redone; ``everything`` redoes all. Each document's derived data (clean text,
    metadata, statements, events) is replaced in one transaction, so a kill halfway loses nothing; a
    document that fails (or, with ``workers``, runs over the ``document_time_limit`` setting) keeps its
    earlier analysis, and its failure is recorded with the stage and reason. ``workers`` and ``stop`` work
    as in ``ingest``: a stopped run is taken up again by running it again.
    """
    pipeline = pipeline or Pipeline(default_stages(settings))
    version = pipeline_version(pipeline)
    summary = IngestSummary()
    by_hash: dict[str, int] = {}  # the documents handed out, by content hash

    def works() -> Iterator[Work]:
        for document_id, raw in iter_raw(store.conn, not_version=None if everything else version):
            if stop is not None and stop.is_set():
                return
            by_hash[content_hash(raw.data)] = document_id
            yield Work(raw=raw)

    for outcome in _outcomes(pipeline, works(), settings, workers, stop):
        work = outcome.work
        sha256 = content_hash(work.raw.data)
        document_id = by_hash.pop(sha256)
        with store.transaction() as conn:
            if work.article is not None and work.decoded is not None:
                delete_statements(conn, document_id)
                update_document(conn, document_id, work.decoded, work.article, version)
                _analysis(conn, document_id, work)
                summary.ingested += 1
            if outcome.failure is not None:
                record_failure(conn, outcome.failure, sha256)
                summary.failed += 1
                summary.failures.append(outcome.failure)
        if on_progress is not None:
            on_progress(work.raw.source, Status.FAILED if outcome.failure else Status.INGESTED)
    summary.stopped = stop is not None and stop.is_set()
    return summary


def pending_reanalysis(store: Store, pipeline: Pipeline, *, everything: bool = False) -> int:
    """How many stored documents ``reanalyse`` with ``pipeline`` would redo (a progress bar's total)."""
    version = pipeline_version(pipeline)
    return len(document_ids(store.conn, not_version=None if everything else version))


def _analysis(conn: sqlite3.Connection, document_id: int, work: Work) -> None:
    if work.statements:
        insert_statements(conn, document_id, work.statements)
    if work.events:
        link_document_events(conn, document_id, work.events)


def _keep(
    outcome: Outcome,
    store: Store,
    version: str,
    summary: IngestSummary,
    fail: Callable[[Failure, str | None], None],
    note: ProgressCallback,
) -> None:
    work = outcome.work
    sha256 = content_hash(work.raw.data)
    if work.article is None or work.decoded is None:
        fail(outcome.failure or Failure(work.raw.source, "clean", "no article was made"), sha256)
        return
    with store.transaction() as conn:
        if find_by_hash(conn, sha256) is not None:  # stored meanwhile by another process: seen under the lock
            summary.unchanged += 1
            note(work.raw.source, Status.UNCHANGED)
            return
        document_id = insert_document(conn, work.raw, work.decoded, work.article, version)
        _analysis(conn, document_id, work)
        if outcome.failure is not None:  # analysis failed after cleaning: keep the document and the reason
            record_failure(conn, outcome.failure, sha256)
    summary.ingested += 1
    note(work.raw.source, Status.INGESTED)
    if outcome.failure is not None:
        summary.failed += 1
        summary.failures.append(outcome.failure)
