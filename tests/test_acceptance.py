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


def checker(
    shared: Path, *args: str | Path, script: str = "check_seeds.py"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(shared / "checks" / script), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def seeds_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The two seed articles ingested once for this module; their documents and statements exported."""
    folder = tmp_path_factory.mktemp("seeds")
    db = folder / "seeds.db"
    out = cli("ingest", str(shared / "seeds"), "--db", str(db))
    assert "ingested 2" in out and "failed 0" in out
    docs, statements = folder / "documents.jsonl", folder / "statements.jsonl"
    cli("export", "--what", "documents", "--format", "jsonl", "--output", str(docs), "--db", str(db))
    cli("export", "--what", "statements", "--format", "jsonl", "--output", str(statements), "--db", str(db))
    return docs, statements


@pytest.mark.data
@pytest.mark.parametrize(
    ("what", "last_line"),
    [
        ("documents", "seed documents: 0 problems"),
        ("statements", "seed statements: 29/29 with the right speaker, 0 wrong"),
        ("events", "seed events and figures: 0 problems"),
        ("positions", "seed positions: 9/9"),
    ],
)
def test_seeds_pass_the_shared_checks(
    shared: Path, seeds_store: tuple[Path, Path], what: str, last_line: str
) -> None:
    docs, statements = seeds_store
    args = {"documents": [docs], "statements": [statements], "events": [statements, docs]}
    result = checker(shared, what, *args.get(what, [statements]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == last_line


@pytest.mark.data
def test_working_group_reports_pass_the_shared_check(shared: Path, tmp_path: Path) -> None:
    reports = shared / "data" / "upr" / "wg_reports"
    db, out = tmp_path / "wg.db", tmp_path / "wg.jsonl"
    assert "ingested 192, unchanged 0, failed 0" in cli("ingest", str(reports), "--db", str(db))
    cli("export", "--what", "statements", "--format", "jsonl", "--output", str(out), "--db", str(db))
    result = checker(shared, reports, out, script="check_wg.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "events with UPR review and State under review 192/192" in result.stdout


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
