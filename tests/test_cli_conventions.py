"""Conventions every command shares: ``--db`` before the command as well as after it, ``--version``,
``python -m onrecord``, and help texts that point only at what exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from starlette.testclient import TestClient

from clirun import run, runner, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord import __version__
from onrecord.cli import app
from onrecord.web import create_app

ROOT = Path(__file__).resolve().parent.parent


def _store(tmp_path: Path, name: str = "x.db") -> Path:
    db = tmp_path / name
    run("ingest", str(ROOT / "examples"), "--no-analyse", "--db", str(db))
    return db


def test_db_before_the_command_as_well_as_after_it(tmp_path: Path) -> None:
    db = _store(tmp_path)
    after = run("documents", "--db", str(db))
    assert "Tidewater" in after or "briefs" in after
    assert run("--db", str(db), "documents") == after
    other = tmp_path / "missing.db"
    result = runner.invoke(app, ["--db", str(other), "documents"])
    assert result.exit_code != 0 and "missing.db" in str(result.exception or result.output)
    assert run("--db", str(other), "documents", "--db", str(db)) == after  # the command's own wins


def test_version() -> None:
    assert run("--version").strip() == f"onrecord {__version__}"


def test_python_m_onrecord() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "onrecord", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "search" in done.stdout and "ingest" in done.stdout


def test_serve_help_names_only_pages_that_exist(tmp_path: Path) -> None:
    help_text = run("serve", "--help")
    paths = set(re.findall(r"(?<![\w.])(/[\w/.-]*)", help_text))
    assert paths, help_text
    with TestClient(create_app(_store(tmp_path))) as http:
        for path in paths:
            assert http.get(path).status_code == 200, path
