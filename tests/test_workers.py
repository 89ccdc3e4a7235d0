"""The worker pool: real processes, a real store; a document over its time limit, or whose worker dies,
is recorded with its stage and reason, and the run goes on."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from onrecord.clean import CleanStage
from onrecord.errors import PipelineError
from onrecord.ingest import DecodeStage
from onrecord.models import MediaType, RawDocument
from onrecord.pipeline import Pipeline, Work
from onrecord.process import ingest, pending_reanalysis, reanalyse
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.workers import WorkerPool

TEXT = "The delegate of Veldoria told the Council on Monday that dialogue was needed, number {i}.\n"


@dataclass
class Trouble:
    """A stage that stalls on documents named ``slow`` and kills its own process on ``die``; on
    ``die-once`` only the first time (a marker file remembers it)."""

    marker: Path
    name: str = "trouble"
    requires: tuple[str, ...] = ("article",)
    assigns: tuple[str, ...] = ()

    def __call__(self, work: Work) -> Work:
        stem = Path(work.raw.source).stem
        if stem == "slow":
            time.sleep(120)
        if stem.endswith("slowish"):
            time.sleep(2)
        if stem == "die" or (stem == "die-once" and not self.marker.exists()):
            self.marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return work


def corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for i, name in enumerate(names):
        (folder / f"{name}.txt").write_text(TEXT.format(i=i), encoding="utf-8")
    return folder


def run(tmp_path: Path, names: list[str], *, time_limit: int = 60, workers: int = 2) -> tuple[object, Path]:
    folder = corpus(tmp_path / "in", names)
    settings = Settings.load(env={}, db=tmp_path / "w.db", document_time_limit=time_limit)
    pipeline = Pipeline([DecodeStage(), CleanStage(), Trouble(tmp_path / "marker")])
    with Store(settings.db) as store:
        summary = ingest([str(folder)], store, settings, pipeline=pipeline, workers=workers)
    return summary, settings.db


def stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(Path(row[0]).stem for row in conn.execute("SELECT source FROM documents"))


def failures(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        return [
            (Path(r[0]).stem, r[1], r[2]) for r in conn.execute("SELECT source, stage, reason FROM failures")
        ]


def test_a_document_over_its_time_limit_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    started = time.monotonic()
    summary, db = run(tmp_path, ["a", "slow", "b", "c", "d"], time_limit=3)
    assert time.monotonic() - started < 60  # the slow document was stopped, not waited for
    assert stored(db) == ["a", "b", "c", "d"]
    [(source, stage, reason)] = failures(db)
    assert (source, stage) == ("slow", "trouble")
    assert reason.startswith("timed out after 3 s")
    assert summary.failed == 1  # type: ignore[attr-defined]


def test_documents_are_stored_in_input_order_whatever_the_workers(tmp_path: Path) -> None:
    names = ["a-slowish", "b", "c", "d-slowish", "e", "f"]
    _summary, db = run(tmp_path, names, workers=2)
    with sqlite3.connect(db) as conn:
        in_id_order = [Path(row[0]).stem for row in conn.execute("SELECT source FROM documents ORDER BY id")]
    assert in_id_order == names  # the slow ones did not let later documents take their ids


def test_a_worker_killed_once_has_its_document_tried_again(tmp_path: Path) -> None:
    _summary, db = run(tmp_path, ["a", "die-once", "b", "c"])
    assert stored(db) == ["a", "b", "c", "die-once"]
    assert failures(db) == []


def test_a_document_that_kills_its_worker_twice_is_a_failure(tmp_path: Path) -> None:
    _summary, db = run(tmp_path, ["a", "die", "b"], workers=1)
    assert stored(db) == ["a", "b"]
    [(source, stage, reason)] = failures(db)
    assert (source, stage) == ("die", "trouble")
    assert "killed by signal 9 (SIGKILL), 2 times" in reason


def test_stop_finishes_the_documents_in_flight_and_hands_out_no_more(tmp_path: Path) -> None:
    stop = threading.Event()
    settings = Settings.load(env={}, db=tmp_path / "w.db")
    folder = corpus(tmp_path / "in", [f"d{i:02}" for i in range(20)])
    seen: list[str] = []

    def on_progress(source: str, status: object) -> None:
        seen.append(source)
        if len(seen) == 3:
            stop.set()

    with Store(settings.db) as store:
        summary = ingest(
            [str(folder)],
            store,
            settings,
            pipeline=Pipeline([DecodeStage(), CleanStage()]),
            workers=2,
            stop=stop,
            on_progress=on_progress,
        )
    assert summary.stopped
    assert 3 <= summary.ingested < 20
    assert len(stored(settings.db)) == summary.ingested  # everything handed out was stored


def test_a_pool_needs_a_worker() -> None:
    with pytest.raises(PipelineError, match="at least 1 worker"):
        WorkerPool(Pipeline([DecodeStage()]), 0, 10)


def test_outcomes_carry_read_only_fields_across_processes(tmp_path: Path) -> None:
    raw = RawDocument("row", b"The delegate said so.", MediaType.TEXT, {"url": "https://example.org/"})
    with WorkerPool(Pipeline([DecodeStage(), CleanStage()]), 1, 30) as pool:
        [outcome] = list(pool.run([Work(raw=raw)]))
    assert outcome.failure is None
    assert outcome.work.raw == raw  # the bytes stayed here, the rest came back whole
    assert outcome.work.article is not None


def test_workers_are_replaced_after_their_share_of_documents() -> None:
    raws = [RawDocument(f"d{i}", f"The delegate spoke, {i}.".encode(), MediaType.TEXT) for i in range(7)]
    pool = WorkerPool(Pipeline([DecodeStage(), CleanStage()]), 2, 30, recycle_after=2)
    with pool:
        first = {w.process.pid for w in pool._workers}
        outcomes = list(pool.run(Work(raw=raw) for raw in raws))
        last = {w.process.pid for w in pool._workers}
    assert sorted(o.work.raw.source for o in outcomes) == [f"d{i}" for i in range(7)]
    assert all(o.failure is None for o in outcomes)
    assert not first & last  # every worker was replaced on the way


def _reanalysed(
    tmp_path: Path, names: list[str], *, time_limit: int = 60, stop: threading.Event | None = None
):
    """Ingest ``names`` without the trouble stage, then reanalyse everything with it in two workers."""
    folder = corpus(tmp_path / "in", names)
    settings = Settings.load(env={}, db=tmp_path / "w.db", document_time_limit=time_limit)
    with Store(settings.db) as store:
        ingest([str(folder)], store, settings, pipeline=Pipeline([DecodeStage(), CleanStage()]), workers=None)
        pipeline = Pipeline([DecodeStage(), CleanStage(), Trouble(tmp_path / "marker")])
        summary = reanalyse(store, settings, everything=True, pipeline=pipeline, workers=2, stop=stop)
    return summary, settings.db


def test_reanalysis_in_workers_records_a_document_over_its_time_limit_and_keeps_its_text(
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    summary, db = _reanalysed(tmp_path, ["a", "slow", "b", "c"], time_limit=3)
    assert time.monotonic() - started < 60  # the slow document was stopped, not waited for
    assert summary.ingested == 3 and summary.failed == 1
    assert stored(db) == ["a", "b", "c", "slow"]  # nothing lost: the slow one keeps its earlier analysis
    [(source, stage, reason)] = failures(db)
    assert (source, stage) == ("slow", "trouble") and reason.startswith("timed out after 3 s")
    with sqlite3.connect(db) as conn:
        versions = dict(
            (Path(row[0]).stem, row[1])
            for row in conn.execute("SELECT source, pipeline_version FROM documents")
        )
    assert versions["slow"] != versions["a"] == versions["b"] == versions["c"]  # it is still outdated


def test_a_stopped_reanalysis_is_taken_up_again(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()  # asked to stop before anything was handed out
    summary, db = _reanalysed(tmp_path, [f"d{i}" for i in range(6)], stop=stop)
    assert summary.stopped and summary.ingested == 0
    settings = Settings.load(env={}, db=db)
    pipeline = Pipeline([DecodeStage(), CleanStage(), Trouble(tmp_path / "marker")])
    with Store(db) as store:
        assert pending_reanalysis(store, pipeline) == 6
        again = reanalyse(store, settings, pipeline=pipeline, workers=2)
        assert again.ingested == 6 and pending_reanalysis(store, pipeline) == 0
