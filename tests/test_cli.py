"""The CLI end to end on the project's own examples, with a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from clirun import run, runner, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_ingest_twice_stores_once_and_exports(tmp_path: Path, db_path: Path) -> None:
    first = run("ingest", str(EXAMPLES), "--db", str(db_path))
    assert "ingested 6, unchanged 0, failed 0, skipped 1" in first  # README.md is skipped
    second = run("ingest", str(EXAMPLES), "--db", str(db_path))
    assert "ingested 0, unchanged 6, failed 0" in second

    out = tmp_path / "docs.jsonl"
    run("export", "--what", "documents", "--format", "jsonl", "--output", str(out), "--db", str(db_path))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 6
    for key in ("id", "source", "title", "outlet", "byline", "published", "language", "text"):
        assert all(key in r for r in rows), key
    assert all(r["text"] and r["title"] for r in rows)

    csv_out = tmp_path / "docs.csv"
    run("export", "--format", "csv", "--output", str(csv_out), "--db", str(db_path))
    assert csv_out.read_text().startswith("id,source,title,")
    pq_out = tmp_path / "docs.parquet"
    run("export", "--format", "parquet", "--output", str(pq_out), "--db", str(db_path))
    assert pq.read_table(pq_out).num_rows == 6


def test_show_documents_and_failures(tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "fine.txt").write_text("A headline\n\nA body sentence that is long enough to keep.\n")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(db_path), "--strict"])
    assert result.exit_code == 1
    assert "ingested 1" in result.output and "failed 1" in result.output
    assert "empty.txt" in run("failures", "--db", str(db_path))
    assert "A headline" in run("documents", "--db", str(db_path))
    shown = run("show", "1", "--db", str(db_path))
    assert "A body sentence that is long enough to keep." in shown


def _onrecord(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, as a person runs it (errors reach its own error handling)."""
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "onrecord"), *args], capture_output=True, text=True, check=False
    )


def test_errors_are_one_clear_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    proc = _onrecord("documents", "--db", str(tmp_path / "none.db"))
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: no database at")
    assert "Traceback" not in proc.stderr


def test_error_text_is_printed_as_it_is(tmp_path: Path) -> None:
    """Square brackets in a message (a path, "pip install 'onrecord[web]'") are text, not Rich markup."""
    proc = _onrecord("serve", "--db", str(tmp_path / "[web]" / "none.db"))
    assert proc.returncode == 1
    assert "[web]" in proc.stderr.replace("\n", "")


def test_stdin_is_a_document(db_path: Path) -> None:
    text = "Invented headline\n\nA spokesperson for an invented ministry said the talks would go on.\n"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db_path)], input=text.encode())
    assert result.exit_code == 0, result.output
    assert "ingested 1" in result.output


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "onrecord").exists(), reason="needs the .venv of make")
def test_readme_run_command_works(tmp_path: Path) -> None:
    """`make run` as the README gives it, on a fresh database."""
    proc = subprocess.run(
        ["make", "run"],
        cwd=ROOT,
        env={**os.environ, "ONRECORD_DB": str(tmp_path / "run.db")},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ingested 6" in proc.stdout
    assert "documents" in proc.stdout
