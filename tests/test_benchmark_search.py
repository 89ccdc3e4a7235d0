"""The search latency benchmark runs end to end on a small store and reports every query consistently.

Speed itself is never tested by timing: this checks that the script builds the store it claims, times
every query three ways, and that the API answers the same searches as the bare FTS5 query.
"""

from __future__ import annotations

import json
import runpy
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "search_latency.py"


@pytest.mark.data
def test_small_run_reports_every_query(shared: Path, tmp_path: Path) -> None:
    db, figures = tmp_path / "bench.db", tmp_path / "figures.json"
    args = ["--statements", "3000", "--repeat", "2", "--db", str(db), "--shared", str(shared)]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--json", str(figures)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 3000
        assert conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0] == 3000
        assert conn.execute("SELECT count(*) FROM statement_positions").fetchone()[0] > 0

    result = json.loads(figures.read_text(encoding="utf-8"))
    assert result["statements"] == 3000
    cases = runpy.run_path(str(SCRIPT), run_name="search_latency")["CASES"]
    assert [row["text"] for row in result["queries"]] == [case.text for case in cases]
    for row in result["queries"]:
        assert row["text"] in done.stdout
        assert row["api_total"] == row["model_total"] == row["matches"], row
        assert row["bare"]["median_ms"] > 0 and row["bare"]["p95_ms"] > 0
        for way in ("model", "api"):
            assert all(row[way][k] > 0 for k in ("median_ms", "p95_ms", "ratio_median", "ratio_p95"))
    assert any(row["matches"] > 0 for row in result["queries"] if row["filters"])
    assert "worst p95 ratio" in done.stdout


def test_a_store_it_did_not_build_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE precious (x)")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--statements", "10", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "not a store this benchmark built" in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("precious",)]
