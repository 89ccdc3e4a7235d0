"""How `onrecord ingest --workers N` scales: 1 worker against N on the same documents, in one run.

    .venv/bin/python benchmarks/ingest_workers.py [PATH ...] [--workers 2] [--limit 120]

Each side ingests the same inputs (default: the Wikinews articles in ../shared/data/news, the first
``--limit`` of them) into its own fresh store, with the whole pipeline; the models are loaded before the
clock starts. Printed: documents per second of each side, the ratio N/1 (the figure that is comparable
across machines), the peak resident memory of a worker process, and how long each worker spent on a
CPU and waiting for one (Linux: read from /proc): on a machine shared with other jobs the waiting
shows why a ratio falls short of N.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from onrecord.pipeline import Pipeline, Work
from onrecord.process import default_stages, ingest
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.workers import WARM_UP


def sample(paths: list[str], limit: int, folder: Path) -> list[str]:
    """The first ``limit`` rows of the CSV files among ``paths`` as a JSONL file (others passed as given)."""
    rows: list[dict[str, str]] = []
    rest = []
    csv.field_size_limit(sys.maxsize)
    for given in paths:
        path = Path(given)
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path] if path.suffix == ".csv" else []
        if not files:
            rest.append(given)
        for file in files:
            with file.open(encoding="utf-8", newline="") as handle:
                rows += list(csv.DictReader(handle))
    if not rows:
        return rest
    out = folder / "sample.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for row in rows[:limit]:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return [str(out), *rest]


class Watch(threading.Thread):
    """Samples this process's children (the workers) until stopped: the peak resident memory of any, and
    the seconds each spent on a CPU and waiting for one (Linux: /proc/PID/status and schedstat)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.sched: dict[int, tuple[float, float]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        me = str(os.getpid())
        while not self.done.wait(0.2):
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    text = status.read_text()
                    on_cpu, waiting, _ = (status.parent / "schedstat").read_text().split()
                except (OSError, ValueError):
                    continue
                fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
                if fields.get("PPid", "").strip() == me:
                    self.peak_kb = max(self.peak_kb, int(fields.get("VmRSS", "0 kB").split()[0]))
                    self.sched[int(status.parent.name)] = (int(on_cpu) / 1e9, int(waiting) / 1e9)


def timed(
    inputs: list[str], db: Path, settings: Settings, pipeline: Pipeline, workers: int
) -> tuple[int, float]:
    with Store(db) as store:
        start = time.perf_counter()
        summary = ingest(inputs, store, settings, pipeline=pipeline, workers=workers)
        seconds = time.perf_counter() - start
    return summary.ingested, seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=120, help="rows taken from CSV inputs")
    args = parser.parse_args()
    settings = Settings.load()
    paths = args.paths or [str(settings.shared / "data" / "news")]
    pipeline = Pipeline(default_stages(settings))
    pipeline.run(Work(raw=WARM_UP))  # models loaded once, before either clock starts
    with tempfile.TemporaryDirectory() as tmp:
        inputs = sample(paths, args.limit, Path(tmp))
        one, t_one = timed(inputs, Path(tmp) / "one.db", settings, pipeline, 1)
        watch = Watch()
        watch.start()
        many, t_many = timed(inputs, Path(tmp) / "many.db", settings, pipeline, args.workers)
        watch.done.set()
        watch.join()
    sampled = any(p.endswith(".jsonl") for p in inputs)
    taken = f"the first {args.limit} rows of the CSV files in " if sampled else ""
    print(f"inputs: {taken}{' '.join(paths)} ({one} documents)")
    print(f"1 worker:   {one / t_one:6.2f} documents/s ({t_one:.1f} s)")
    print(f"{args.workers} workers:  {many / t_many:6.2f} documents/s ({t_many:.1f} s)")
    print(f"ratio {args.workers} workers / 1 worker: {t_one / t_many:.2f}x")
    if watch.peak_kb:
        print(f"peak resident memory of a worker: {watch.peak_kb / 1024:.0f} MB")
    for on_cpu, waiting in watch.sched.values():  # since each worker started, warm-up included
        print(f"a worker: {on_cpu:.1f} s on a CPU, {waiting:.1f} s waiting for one (taken by other work)")


if __name__ == "__main__":
    main()
