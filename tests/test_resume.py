"""A run killed halfway is resumed by running it again: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ONRECORD = ROOT / ".venv" / "bin" / "onrecord"


def count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.data
@pytest.mark.skipif(not ONRECORD.exists(), reason="needs the .venv that make creates")
def test_kill_midway_then_resume(shared: Path, tmp_path: Path) -> None:
    news = shared / "data" / "news"
    db = tmp_path / "resume.db"
    proc = subprocess.Popen([str(ONRECORD), "ingest", str(news), "--db", str(db)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while count(db, "documents") < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = count(db, "documents")
    assert 0 < stored < 295, f"the kill should land midway, {stored} stored"

    done = subprocess.run(
        [str(ONRECORD), "ingest", str(news), "--db", str(db)], capture_output=True, text=True, check=True
    )
    assert f"ingested {295 - stored}, unchanged {stored}, failed 0" in done.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (295, 295)
        duplicates = conn.execute(
            "SELECT count(*) FROM (SELECT document_id, seq FROM statements GROUP BY 1, 2 HAVING count(*) > 1)"
        ).fetchone()[0]
        assert duplicates == 0
        # every stored document was analysed whole: none has statements cut off by the kill
        assert conn.execute("SELECT count(DISTINCT pipeline_version) FROM documents").fetchone()[0] == 1


# Multi-worker runs, killed for real: a small corpus of generated documents, 2 workers.
SENTENCES = (
    'The delegate of Veldoria told the Council on {day} that "human rights must be respected," and '
    "called for dialogue on item {n}.",
    "Ambassador Rena Tolvik said the resolution on item {n} was unbalanced.",
    "Several states, including Norway, supported the text on {day}; others abstained.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
DOCUMENTS = 16


def onrecord() -> str:
    return str(Path(sys.executable).with_name("onrecord"))


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for n in range(DOCUMENTS):
        paragraphs = [
            " ".join(
                SENTENCES[(n + p + s) % 3].format(day=DAYS[(n + p) % 5], n=n * 100 + p) for s in range(3)
            )
            for p in range(15)
        ]
        (folder / f"d{n:02}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def start(folder: Path, db: Path) -> subprocess.Popen[str]:
    command = [onrecord(), "ingest", str(folder), "--db", str(db), "--workers", "2"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(db: Path, proc: subprocess.Popen[str], stored: int) -> None:
    deadline = time.monotonic() + 300
    while count(db, "documents") < stored and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be stopped"


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def resume_exactly_once(folder: Path, db: Path, stored: int) -> None:
    done = subprocess.run(
        [onrecord(), "ingest", str(folder), "--db", str(db), "--workers", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"ingested {DOCUMENTS - stored}, unchanged {stored}, failed 0" in done.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (
            DOCUMENTS,
            DOCUMENTS,
        )
        assert conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
        unanalysed = conn.execute(
            "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM statements)"
        ).fetchone()[0]
        assert unanalysed == 0  # every document stored whole, with its statements


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_kill_9_of_the_parent_of_two_workers_then_resume(tmp_path: Path) -> None:
    folder, db = corpus(tmp_path / "in"), tmp_path / "w.db"
    proc = start(folder, db)
    wait_for(db, proc, 3)
    workers = children(proc.pid)
    proc.kill()
    proc.communicate()
    stored = count(db, "documents")
    assert 0 < stored < DOCUMENTS
    deadline = time.monotonic() + 120
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "workers outlived their parent"
    resume_exactly_once(folder, db, stored)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_kill_9_of_a_worker_loses_nothing(tmp_path: Path) -> None:
    folder, db = corpus(tmp_path / "in"), tmp_path / "w.db"
    proc = start(folder, db)
    wait_for(db, proc, 2)
    workers = children(proc.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert f"ingested {DOCUMENTS}, unchanged 0, failed 0" in out  # its document was parsed again
    resume_exactly_once(folder, db, DOCUMENTS)


def test_ctrl_c_stores_the_documents_in_flight_and_stops(tmp_path: Path) -> None:
    folder, db = corpus(tmp_path / "in"), tmp_path / "w.db"
    proc = start(folder, db)
    wait_for(db, proc, 3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 130, err
    assert "stopped by Ctrl-C" in err
    stored = count(db, "documents")
    assert f"ingested {stored}, unchanged 0, failed 0" in out  # what it says it stored is what is there
    assert stored < DOCUMENTS
    resume_exactly_once(folder, db, stored)
