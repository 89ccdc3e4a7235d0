"""How fast `onrecord ingest` stores documents, as a ratio to a baseline run in the same process.

    .venv/bin/python benchmarks/ingest_speed.py [FOLDER]      (default: ../shared/data/news)

The baseline is the least any ingest must do: read every input and hash and insert its bytes into a
bare SQLite table. The figure reported is how many times longer the full ingest (decode, clean,
language, store) takes than that baseline, and documents per second for each; with `--analyse` later
stages are included as the pipeline grows. Ratios, not seconds, are comparable across machines.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from onrecord.ingest import iter_inputs
from onrecord.models import RawDocument
from onrecord.process import ingest
from onrecord.settings import Settings
from onrecord.store import Store


def baseline(folder: Path, db: Path, max_bytes: int) -> int:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE d (sha TEXT PRIMARY KEY, raw BLOB)")
    count = 0
    for item in iter_inputs([str(folder)], max_bytes=max_bytes):
        if isinstance(item, RawDocument):
            conn.execute(
                "INSERT OR IGNORE INTO d VALUES (?, ?)", (hashlib.sha256(item.data).hexdigest(), item.data)
            )
            count += 1
    conn.commit()
    conn.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(Settings.load().shared / "data" / "news"))
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.exists():
        sys.exit(f"{folder} does not exist: give a folder of documents")
    settings = Settings.load()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        n_base = baseline(folder, Path(tmp) / "base.db", settings.max_document_bytes)
        t_base = time.perf_counter() - start

        tracemalloc.start()
        start = time.perf_counter()
        with Store(Path(tmp) / "full.db") as store:
            summary = ingest([str(folder)], store, Settings.load(db=Path(tmp) / "full.db"))
        t_full = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"documents: {n_base} read; ingest stored {summary.ingested}, failed {summary.failed}")
    print(f"baseline (read + hash + insert): {n_base / t_base:,.0f} documents/s")
    print(f"onrecord ingest:                 {summary.seen / t_full:,.1f} documents/s")
    print(f"peak traced memory of ingest:    {peak / 2**20:,.1f} MiB")
    print(f"ingest / baseline time ratio:    {t_full / t_base:,.1f}x")


if __name__ == "__main__":
    main()
