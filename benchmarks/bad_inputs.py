"""Inputs that used to stall a run, each ingested by `onrecord ingest --workers 1` on its own: the outcome,
the time and the peak memory of every process of the run (Linux: sampled from /proc).

    .venv/bin/python benchmarks/bad_inputs.py [--only NAME ...] [--time-limit 120]

The inputs are made here, in a temporary folder: 100,000 commas; 20,000 quotation marks; 50,000
"itemN, " entries (539 KB); a 200,000-character paragraph of ordinary English; a 5 MB one. Before the
paragraph pieces and the per-document time limit, the first four took from 52 s to over 5 minutes and
up to 1.9 GB, and the last had no statements. Every offset of every statement stored is checked against
the clean text.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SENTENCES = (
    'The delegate of Veldoria told the Council that "human rights must be respected everywhere," and '
    "called for dialogue.",
    "Ambassador Rena Tolvik said the resolution was unbalanced.",
    "Several states, including Norway, supported the text; others abstained.",
)


def prose(characters: int) -> str:
    pick = random.Random(1).choice
    words: list[str] = []
    size = 0
    while size < characters:
        words.append(pick(SENTENCES))
        size += len(words[-1]) + 1
    return " ".join(words)


INPUTS: dict[str, Callable[[], str]] = {
    "commas": lambda: "," * 100_000,
    "quotes": lambda: '"' * 20_000,
    "items": lambda: "".join(f"item{i}, " for i in range(50_000)),
    "paragraph_200k": lambda: prose(200_000),
    "paragraph_5mb": lambda: prose(5_000_000),
}


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def resident_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def run(command: list[str]) -> tuple[int, float, list[int]]:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in descendants(proc.pid):
            peaks[pid] = max(peaks.get(pid, 0), resident_mb(pid))
        time.sleep(0.2)
    return proc.returncode, time.perf_counter() - start, sorted(peaks.values(), reverse=True)


def outcome(db: Path, source: str) -> str:
    with sqlite3.connect(db) as conn:
        failure = conn.execute("SELECT stage, reason FROM failures WHERE source = ?", (source,)).fetchone()
        row = conn.execute("SELECT id, text FROM documents WHERE source = ?", (source,)).fetchone()
        if row is None:
            return f"failure: {failure[0]}: {failure[1]}" if failure else "nothing stored"
        spans = conn.execute(
            "SELECT content_start, content_end, content FROM statements WHERE document_id = ?", (row[0],)
        ).fetchall()
    wrong = sum(row[1][start:end] != text for start, end, text in spans)
    stored = f"stored, {len(spans)} statements, {wrong} with wrong offsets"
    return stored + (f"; failure: {failure[0]}: {failure[1]}" if failure else "")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS), default=sorted(INPUTS))
    parser.add_argument("--time-limit", type=int, default=120)
    args = parser.parse_args()
    onrecord = str(Path(sys.executable).with_name("onrecord"))
    print("| input | size | outcome | wall time | peak memory (MB) of the run's processes |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(INPUTS[name](), encoding="utf-8")
            db = Path(tmp) / f"{name}.db"
            limit = str(args.time_limit)
            command = [onrecord, "ingest", str(path), "--db", str(db), "--workers", "1"]
            code, seconds, peaks = run([*command, "--document-time-limit", limit])
            result = outcome(db, str(path)) if code == 0 else f"exit status {code}"
            size = f"{path.stat().st_size:,} bytes"
            print(f"| {name} | {size} | {result} | {seconds:.0f} s | {', '.join(map(str, peaks[:3]))} |")


if __name__ == "__main__":
    main()
