"""A run killed halfway is resumed by running it again: nothing lost, nothing twice."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
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
