"""How fast onrecord reads news, side by side in one run: documents and words per second per core of

    (a) the full pipeline (decode, clean, attribute, events, figures, topics, positions, store),
    (b) spaCy's parse alone, same model and batch size, on the clean texts of the same documents,
    (c) the least any ingest does: read, hash and insert the bytes into a bare SQLite table,
    (d) the relevance gate,
    (e) with --spark: `onrecord spark` in local mode against `onrecord ingest`, both from the command
        line on the same input (each from a cold start: Spark's start-up and each worker's model load
        are part of its time, as they are of a user's).

    .venv/bin/python benchmarks/scale.py [--limit N] [--spark] [FOLDER]   (default: ../shared/data/news)

Ratios printed at the end compare figures measured in this same run, so they carry across machines.
Models are loaded before (a) and (b) are timed, so both measure steady-state work.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from onrecord.attribution import nlp as nlp_loader
from onrecord.gate import Gate
from onrecord.ingest import iter_inputs
from onrecord.models import RawDocument
from onrecord.pipeline import Pipeline, Work
from onrecord.process import default_stages, ingest, reading_stages
from onrecord.settings import Settings
from onrecord.store import Store


def documents(folder: Path, limit: int, max_bytes: int) -> list[RawDocument]:
    found = []
    for item in iter_inputs([str(folder)], max_bytes=max_bytes):
        if isinstance(item, RawDocument):
            found.append(item)
            if len(found) >= limit:
                break
    return found


def as_jsonl(raws: list[RawDocument], path: Path) -> None:
    """The documents as one JSONL table, so that every contender reads the very same input."""
    with path.open("w", encoding="utf-8") as out:
        for raw in raws:
            row = dict(raw.fields) or {"text": raw.data.decode("utf-8", "replace")}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def timed(label: str, action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"  {label}: {seconds:,.2f} s", file=sys.stderr)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(Settings.load().shared / "data" / "news"))
    parser.add_argument("--limit", type=int, default=120, help="documents to run (default 120)")
    parser.add_argument("--spark", action="store_true", help="also time `onrecord spark` local[2] vs ingest")
    args = parser.parse_args()
    settings = Settings.load()
    raws = documents(Path(args.folder), args.limit, settings.max_document_bytes)
    if not raws:
        sys.exit(f"no documents in {args.folder}")
    n = len(raws)

    with tempfile.TemporaryDirectory(prefix="onrecord-bench-") as tmp:
        folder = Path(tmp)
        table = folder / "input" / "news.jsonl"
        table.parent.mkdir()
        as_jsonl(raws, table)
        inputs = documents(table.parent, n, settings.max_document_bytes)

        reading = Pipeline(reading_stages())
        texts = [o.work.article.text for o in reading.run_many(Work(raw=r) for r in inputs) if o.work.article]
        words = sum(len(t.split()) for t in texts)
        print(f"{n} documents, {words:,} words ({args.folder}, first {n})", file=sys.stderr)

        def baseline() -> None:
            conn = sqlite3.connect(folder / "base.db")
            conn.execute("CREATE TABLE d (sha TEXT PRIMARY KEY, raw BLOB)")
            for item in iter_inputs([str(table.parent)], max_bytes=settings.max_document_bytes):
                if isinstance(item, RawDocument):
                    sha = hashlib.sha256(item.data).hexdigest()
                    conn.execute("INSERT OR IGNORE INTO d VALUES (?, ?)", (sha, item.data))
            conn.commit()
            conn.close()

        gate = Gate.load()
        rounds = 20
        t_gate = (
            timed(f"gate x{rounds}", lambda: [gate.judge_raw(r) for _ in range(rounds) for r in inputs])
            / rounds
        )
        t_base = timed("read + hash + insert", baseline)

        nlp = nlp_loader.load(settings.spacy_model)
        pipeline = Pipeline(default_stages(settings))
        list(pipeline.run_many([Work(raw=inputs[0])]))  # every model loaded before the clock starts
        t_parse = timed(
            "spaCy parse alone", lambda: list(nlp.pipe(texts, batch_size=settings.nlp_batch_size))
        )
        db = folder / "full.db"
        with Store(db) as store:
            t_full = timed(
                "full pipeline (ingest)",
                lambda: ingest([str(table.parent)], store, Settings.load(db=db), pipeline=pipeline),
            )

        t_spark = t_cli = t_workers = None
        if args.spark:
            onrecord = str(Path(sys.executable).with_name("onrecord"))
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
            t_cli = timed(
                "onrecord ingest (1 process, cold start)",
                lambda: subprocess.run(
                    [onrecord, "ingest", str(table.parent), "--db", str(folder / "cli.db")],
                    check=True,
                    capture_output=True,
                    env=env,
                ),
            )
            helps = subprocess.run([onrecord, "ingest", "--help"], capture_output=True, text=True, env=env)
            if "--workers" in helps.stdout:  # multi-process ingest, where this onrecord has it
                t_workers = timed(
                    "onrecord ingest --workers 2 (cold start)",
                    lambda: subprocess.run(
                        [
                            onrecord,
                            "ingest",
                            str(table.parent),
                            "--workers",
                            "2",
                            "--db",
                            str(folder / "w.db"),
                        ],
                        check=True,
                        capture_output=True,
                        env=env,
                    ),
                )
            shutil.rmtree(folder / "tables", ignore_errors=True)
            t_spark = timed(
                "onrecord spark local[2] (cold start)",
                lambda: subprocess.run(
                    [onrecord, "spark", str(table.parent), str(folder / "tables"), "--master", "local[2]"],
                    check=True,
                    capture_output=True,
                    env=env,
                ),
            )

    def rate(seconds: float, cores: int = 1) -> str:
        return f"{n / seconds / cores:9,.1f} documents/s/core {words / seconds / cores:11,.0f} words/s/core"

    print(f"documents: {n}, words: {words:,} (one core each unless said)")
    print(f"(a) full pipeline:          {rate(t_full)}")
    print(f"(b) spaCy parse alone:      {rate(t_parse)}")
    print(f"(c) read + hash + insert:   {rate(t_base)}")
    print(f"(d) relevance gate:         {rate(t_gate)}")
    print(f"(a)/(b) full pipeline vs spaCy parse alone (throughput): {t_parse / t_full:.2f}x")
    print(f"(d)/(a) gate vs full pipeline (throughput):              {t_full / t_gate:,.0f}x")
    print(f"(c)/(a) read+hash+insert vs full pipeline (throughput):  {t_full / t_base:,.0f}x")
    if t_spark is not None and t_cli is not None:
        print(f"(e) onrecord ingest, 1 process:  {rate(t_cli)}")
        print(f"(e) onrecord spark, local[2]:    {rate(t_spark, 2)}")
        print(f"(e) spark local[2] vs ingest (wall-clock throughput): {t_cli / t_spark:.2f}x")
    if t_spark is not None and t_workers is not None:
        print(f"(e) onrecord ingest --workers 2: {rate(t_workers, 2)}")
        print(f"(e) spark local[2] vs ingest --workers 2 (wall-clock throughput): {t_workers / t_spark:.2f}x")


if __name__ == "__main__":
    main()
