"""Parsing in worker processes: every core used, and no document can stall a run.

    with WorkerPool(pipeline, size=4, time_limit=120) as pool:
        for outcome in pool.run(works, stop=event):
            ...  # the caller, the one writer, stores each outcome

Each worker is a process that runs the whole pipeline on one document at a time, its models loaded once
(before it takes work, so a document's time never includes them). The parent hands a worker its next
document the moment it answers, so at most one document per worker is in flight. Outcomes come out in
input order, so the store is the same whatever the number of workers; at most ``WINDOW_PER_WORKER``
per worker wait for an earlier one, so memory stays bounded whatever the corpus size. A worker is
replaced by a fresh one after ``RECYCLE_AFTER`` documents (``recycle_after``), so what spaCy
accumulates over a long run (its string store) is given back.

A document still running after ``time_limit`` seconds has its worker killed and comes out as a
``Failure`` naming the stage it was in ("timed out after 120 s"); a fresh worker takes its place and the
run goes on. A worker that dies (killed from outside, out of memory) has its document tried once more on
a fresh worker; a second death is recorded as a failure. Setting ``stop`` (Ctrl-C in the CLI) hands out
no more documents: the ones in flight are finished and come out, then ``run`` returns. Workers ignore
SIGINT for that reason, and die with their parent (on Linux the kernel kills them; elsewhere they look
every half second between documents).
"""

from __future__ import annotations

import copyreg
import ctypes
import io
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from threading import Event
from types import MappingProxyType, TracebackType
from typing import Any

from onrecord.errors import PipelineError
from onrecord.models import Failure, MediaType, RawDocument
from onrecord.pipeline import Outcome, Pipeline, Work

logger = logging.getLogger(__name__)

WARM_UP = RawDocument(
    "<warm-up>",
    b"The Special Rapporteur told the Human Rights Council in Geneva on Monday that the report was ready.",
    MediaType.TEXT,
)
_READY = "ready"
_STAGE_BYTES = 48
_PARENT_CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1
_RETRIES = 1  # a document whose worker died is tried once more on a fresh worker
WINDOW_PER_WORKER = 8  # documents in flight or waiting for an earlier one to come back, per worker
RECYCLE_AFTER = 1000  # documents a worker parses before a fresh one takes its place (memory stays flat)


def default_size() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(slots=True)
class _Job:
    seq: int
    work: Work
    attempts: int = 0


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    stage: Any  # a shared character array: the stage the worker is running
    ready: bool = False
    job: _Job | None = None
    since: float = 0.0  # when the job (or, before ready, the start) began, in time.monotonic()
    served: int = 0  # documents done


class WorkerPool:
    """``size`` worker processes running ``pipeline``, each document within ``time_limit`` seconds."""

    def __init__(
        self, pipeline: Pipeline, size: int, time_limit: float, *, recycle_after: int = RECYCLE_AFTER
    ) -> None:
        if size < 1:
            raise PipelineError(f"a worker pool needs at least 1 worker, got {size}")
        self.pipeline = pipeline
        self.size = size
        self.time_limit = time_limit
        self.recycle_after = recycle_after
        self._context = _context()
        self._workers: list[_Worker] = []
        self._seq = 0

    def __enter__(self) -> WorkerPool:
        if self._context.get_start_method() == "fork":
            self.pipeline.run(Work(raw=WARM_UP))  # load the models once here; the workers inherit them
        self._workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(graceful=exc_type is None)

    def close(self, *, graceful: bool = True) -> None:
        """Stop the workers: idle ones leave when told, any still busy are killed."""
        for worker in self._workers:
            if graceful and worker.job is None:
                with suppress(OSError):  # already gone
                    worker.conn.send_bytes(b"")
            else:
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def run(self, works: Iterable[Work], *, stop: Event | None = None) -> Iterator[Outcome]:
        """The outcome of every document of ``works`` that was handed out, in the order of ``works``.

        Outcomes are put back in input order (so a store written from them does not depend on the
        number of workers); at most ``window`` documents are in flight or waiting for an earlier one.
        """
        source = iter(works)
        retry: deque[_Job] = deque()
        done: dict[int, Outcome] = {}
        exhausted = False
        first = next_out = self._seq + 1
        window = WINDOW_PER_WORKER * self.size

        def next_job() -> _Job | None:
            nonlocal exhausted
            if retry:
                return retry.popleft()
            if exhausted or (stop is not None and stop.is_set()) or self._seq + 1 - next_out >= window:
                return None
            work = next(source, None)
            if work is None:
                exhausted = True
                return None
            self._seq += 1
            return _Job(self._seq, work)

        def hand_out(worker: _Worker) -> None:
            job = next_job()
            if job is None:
                return
            worker.job, worker.since = job, time.monotonic()
            with suppress(OSError):  # the worker died meanwhile: its sentinel tells; the job is retried
                worker.conn.send_bytes(_dumps((job.seq, job.work)))

        while True:
            for worker in self._workers:
                if worker.ready and worker.job is None:
                    hand_out(worker)
            busy = any(w.job is not None for w in self._workers)
            more = bool(retry) or not (exhausted or (stop is not None and stop.is_set()))
            if not busy and not more:
                break
            ready = wait(self._waitables(), timeout=self._time_left())
            now = time.monotonic()
            finished: list[tuple[int, Outcome]] = []
            for index, worker in enumerate(self._workers):
                if worker.conn in ready:
                    message = _receive(worker.conn)
                    if message is not None:
                        finished += self._answered(worker, message, hand_out)
                        continue
                if worker.conn in ready or worker.process.sentinel in ready:
                    finished += self._died(index, retry)
                elif _busy(worker) and now - worker.since > self.time_limit:
                    finished += self._timed_out(index)
            done.update(finished)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        if done:  # cannot be: every document handed out comes back once
            raise PipelineError(f"documents {sorted(done)} came back before an earlier one (from {first})")

    def _answered(
        self, worker: _Worker, message: Any, hand_out: Callable[[_Worker], None]
    ) -> Iterator[tuple[int, Outcome]]:
        if message == _READY:
            worker.ready = True
            hand_out(worker)
            return
        seq, outcome = message
        job = worker.job
        if job is None or job.seq != seq:
            raise PipelineError(f"worker {worker.process.pid} answered document {seq}, not the one given it")
        worker.job = None
        worker.served += 1
        if worker.served >= self.recycle_after:  # what a long-lived parser accumulates is given back
            self._retire(worker)  # the fresh worker takes work once it is ready
        else:
            hand_out(worker)  # keep the worker busy while this outcome is stored
        yield seq, _with_raw(outcome, job.work.raw)

    def _retire(self, worker: _Worker) -> None:
        """A fresh worker in place of ``worker``, which is told to leave."""
        with suppress(OSError):
            worker.conn.send_bytes(b"")
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._replace(self._workers.index(worker))

    def _died(self, index: int, retry: deque[_Job]) -> Iterator[tuple[int, Outcome]]:
        worker = self._workers[index]
        worker.process.join(timeout=5)
        how = _how_it_ended(worker.process)
        job = worker.job
        if not worker.ready:
            self._stop_all()
            raise PipelineError(f"a worker process could not start: it {how}")
        self._replace(index)
        if job is None:
            return
        if job.attempts < _RETRIES:
            logger.warning("worker for %s %s; trying it again", job.work.raw.source, how)
            retry.appendleft(replace(job, attempts=job.attempts + 1))
            return
        stage = _stage_of(worker)
        reason = f"the worker process parsing it {how}, {job.attempts + 1} times"
        yield job.seq, Outcome(job.work, Failure(job.work.raw.source, stage, reason))

    def _timed_out(self, index: int) -> Iterator[tuple[int, Outcome]]:
        worker = self._workers[index]
        if not worker.ready:
            self._stop_all()
            raise PipelineError(
                f"a worker process did not load its models within {self.time_limit:g} s "
                "(setting document_time_limit)"
            )
        stage = _stage_of(worker)
        worker.process.kill()
        worker.process.join()
        job = worker.job
        self._replace(index)
        if job is not None:
            reason = f"timed out after {self.time_limit:g} s (setting document_time_limit); the run went on"
            yield job.seq, Outcome(job.work, Failure(job.work.raw.source, stage, reason))

    def _waitables(self) -> list[Any]:
        busy = [w for w in self._workers if _busy(w)]
        return [w.conn for w in busy] + [w.process.sentinel for w in busy]

    def _time_left(self) -> float:
        busy = [w.since for w in self._workers if _busy(w)]
        if not busy:
            return 0.0
        return max(0.0, min(busy) + self.time_limit - time.monotonic()) + 0.05

    def _replace(self, index: int) -> None:
        old = self._workers[index]
        old.conn.close()
        self._workers[index] = self._start()

    def _stop_all(self) -> None:
        for worker in self._workers:
            worker.job = None
        self.close(graceful=False)

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        stage = self._context.Array("c", _STAGE_BYTES, lock=False)
        process = self._context.Process(
            target=_serve, args=(child_end, self.pipeline, stage), name="onrecord-worker", daemon=True
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end, stage, since=time.monotonic())


def _serve(conn: Connection, pipeline: Pipeline, stage: Any) -> None:
    """A worker's life: warm up, then run documents until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it lets documents in flight end
    _die_with_parent()

    def on_stage(name: str) -> None:
        stage.value = name.encode("utf-8")[: _STAGE_BYTES - 1]

    parent = os.getppid()
    pipeline.run(Work(raw=WARM_UP))
    try:
        conn.send_bytes(_dumps(_READY))
        while True:
            # The pipe alone cannot tell that the parent is gone: a sibling forked later holds its end too.
            while not conn.poll(_PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
            data = conn.recv_bytes()
            if not data or os.getppid() != parent:
                return
            seq, work = pickle.loads(data)
            outcome = pipeline.run(work, on_stage=on_stage)
            conn.send_bytes(_dumps((seq, _without_raw(outcome))))
    except (EOFError, OSError):  # the parent is gone: nothing to answer to
        pass
    finally:
        sys.stdout.flush()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent dies, even in the middle of a parse
    (elsewhere, and as a fallback, the worker looks between documents)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        logger.debug("prctl(PR_SET_PDEATHSIG) unavailable", exc_info=True)


def _context() -> ForkContext | SpawnContext:
    """Fork where the platform has it safely (Linux): workers inherit the loaded models."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _receive(conn: Connection) -> Any | None:
    try:
        return pickle.loads(conn.recv_bytes())
    except (EOFError, OSError):
        return None


def _busy(worker: _Worker) -> bool:
    """Whether the worker is on a document or still starting (either has a time limit)."""
    return worker.job is not None or not worker.ready


def _stage_of(worker: _Worker) -> str:
    return bytes(worker.stage.value).decode("utf-8", "replace") or "parse"


def _how_it_ended(process: BaseProcess) -> str:
    code = process.exitcode
    if code is None:
        return "stopped answering"
    if code < 0:
        try:
            return f"was killed by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


def _without_raw(outcome: Outcome) -> Outcome:
    """The outcome without the document's bytes, which the parent holds already."""
    raw = replace(outcome.work.raw, data=b"")
    return replace(outcome, work=replace(outcome.work, raw=raw))


def _with_raw(outcome: Outcome, raw: RawDocument) -> Outcome:
    return replace(outcome, work=replace(outcome.work, raw=raw))


def _reduce_mapping(mapping: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _mapping, (dict(mapping),)


def _mapping(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


_DISPATCH = {**copyreg.dispatch_table, MappingProxyType: _reduce_mapping}


def _dumps(value: object) -> bytes:
    """Pickled, read-only mappings (documents' fields) included."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return buffer.getvalue()
