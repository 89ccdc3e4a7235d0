"""Acceptance on real data, judged by the shared checkers the way the project is judged.

Each test runs the real CLI on a real SQLite file, exports JSONL, and runs the checker from
``shared/checks`` on it: these tests read the data at run time and never copy it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app

runner = CliRunner()


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def checker(shared: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(shared / "checks" / "check_seeds.py"), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def seeds_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The two seed articles ingested and exported once for this module."""
    folder = tmp_path_factory.mktemp("seeds")
    db = folder / "seeds.db"
    out = cli("ingest", str(shared / "seeds"), "--db", str(db))
    assert "ingested 2" in out and "failed 0" in out
    docs = folder / "documents.jsonl"
    cli("export", "--what", "documents", "--format", "jsonl", "--output", str(docs), "--db", str(db))
    return db, docs


@pytest.mark.data
def test_seed_documents_pass_the_shared_check(shared: Path, seeds_store: tuple[Path, Path]) -> None:
    _, docs = seeds_store
    result = checker(shared, "documents", docs)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "seed documents: 0 problems"


@pytest.mark.data
def test_wikinews_is_stored_whole_and_once(shared: Path, db_path: Path) -> None:
    news = shared / "data" / "news"
    first = cli("ingest", str(news), "--db", str(db_path), "--no-analyse")  # storing is what is checked here
    assert "ingested 295, unchanged 0, failed 0" in first
    again = cli("ingest", str(news), "--db", str(db_path), "--no-analyse")
    assert "ingested 0, unchanged 295, failed 0" in again
    out = db_path.parent / "news.jsonl"
    cli("export", "--format", "jsonl", "--output", str(out), "--db", str(db_path))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 295
    assert all(r["title"] and r["published"] and r["text"] for r in rows)
    assert {r["language"] for r in rows} == {"en"}
