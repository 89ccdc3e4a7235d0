"""How `onrecord ingest --workers N` scales: 1 worker against N on the same documents, in one run.

    .venv/bin/python benchmarks/ingest_workers.py [PATH ...] [--workers 2] [--limit 120]

Each side ingests the same inputs (default: the Wikinews articles in ../shared/data/news, the first
``--limit`` of them) into its own fresh store, with the whole pipeline; the models are loaded before the
clock starts. Printed: documents per second of each side, the ratio N/1 (the figure that is comparable
across machines), the peak resident memory of a worker process (Linux: read from /proc), and the
machine's ceiling: how many times the work of one process N processes burning CPU get done in the same
time (below N on a machine shared with other jobs, and so is any speed-up the workers can show).
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
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


class PeakMemory(threading.Thread):
    """Samples the resident memory of this process's children (the workers) until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        import os

        me = os.getpid()
        while not self.done.wait(0.2):
            for stat in Path("/proc").glob("[0-9]*/status"):
                try:
                    text = stat.read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
                if fields.get("PPid", "").strip() == str(me):
                    self.peak_kb = max(self.peak_kb, int(fields.get("VmRSS", "0 kB").split()[0]))


def burn(loops: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i
    return time.perf_counter() - start


def ceiling(processes: int, loops: int = 20_000_000) -> float:
    """How many times faster ``processes`` processes burn CPU than one, on this machine now: what the
    workers could reach at best (a machine shared with other jobs gives less than its cores)."""
    start = time.perf_counter()
    burn(loops)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pool.map(burn, [loops] * processes)
    return processes * one / (time.perf_counter() - start)


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
        memory = PeakMemory()
        memory.start()
        many, t_many = timed(inputs, Path(tmp) / "many.db", settings, pipeline, args.workers)
        memory.done.set()
        memory.join()
    sampled = any(p.endswith(".jsonl") for p in inputs)
    taken = f"the first {args.limit} rows of the CSV files in " if sampled else ""
    print(f"inputs: {taken}{' '.join(paths)} ({one} documents)")
    print(f"1 worker:   {one / t_one:6.2f} documents/s ({t_one:.1f} s)")
    print(f"{args.workers} workers:  {many / t_many:6.2f} documents/s ({t_many:.1f} s)")
    print(f"ratio {args.workers} workers / 1 worker: {t_one / t_many:.2f}x")
    print(
        f"the machine's ceiling now: {args.workers} processes burning CPU do {ceiling(args.workers):.2f}x one"
    )
    if memory.peak_kb:
        print(f"peak resident memory of a worker: {memory.peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
