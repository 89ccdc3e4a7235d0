"""Acceptance on real data, judged by the shared checkers the way the project is judged.

Each test runs the real CLI on a real SQLite file, exports JSONL, and runs the checker from
``shared/checks`` on it: these tests read the data at run time and never copy it.
"""

from __future__ import annotations

import json
import re
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


_UNMEETINGS_TOTAL = re.compile(
    r"recall (?P<found>\d+)/(?P<gold>\d+) = [\d.]+; speaker right (?P<right>\d+)/\d+ = [\d.]+ \(\d+ wrong\); "
    r"on-behalf-of right (?P<obo>\d+)/\d+; spurious (?P<spurious>\d+) of (?P<exported>\d+) exported; "
    r"events: body (?P<body>\d+)/\d+, session (?P<session>\d+)/\d+"
)


@pytest.mark.data
def test_un_meeting_records_hold_their_floors(shared: Path, tmp_path: Path) -> None:
    """Meeting coverage, Council summaries and briefings, scored by the shared checker (issue 10)."""
    pages = shared / "data" / "unmeetings" / "pages"
    db, out = tmp_path / "um.db", tmp_path / "um.jsonl"
    assert "failed 0" in cli("ingest", str(pages), "--db", str(db))
    cli("export", "--what", "statements", "--format", "jsonl", "--output", str(out), "--db", str(db))
    result = checker(shared, out, "0", script="check_unmeetings.py")
    total = next(line for line in result.stdout.splitlines() if line.startswith("total:"))
    match = _UNMEETINGS_TOTAL.search(total)
    assert match is not None, total
    got = {k: int(v) for k, v in match.groupdict().items()}
    floors = json.loads((Path(__file__).parent / "floors" / "attribution.json").read_text())["unmeetings"]
    assert got["found"] / got["gold"] >= floors["recall"], total
    assert got["right"] / got["found"] >= floors["speaker"], total
    assert got["obo"] >= floors["on_behalf_of_right"], total
    assert got["body"] >= floors["event_body"] and got["session"] >= floors["event_session"], total
    assert got["spurious"] / got["exported"] <= floors["spurious_share_max"], total


@pytest.mark.data
def test_no_speaker_is_a_lower_case_common_noun(shared: Path, tmp_path: Path) -> None:
    """Generic nouns never stand as speakers' names: in the seeds and the UN meeting records."""
    db, out = tmp_path / "names.db", tmp_path / "names.jsonl"
    cli("ingest", str(shared / "seeds"), str(shared / "data" / "unmeetings" / "pages"), "--db", str(db))
    cli("export", "--what", "statements", "--format", "jsonl", "--output", str(out), "--db", str(db))
    names = {json.loads(line)["speaker"]["name"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert names, "no statements exported"
    assert not [n for n in names if n[:1].islower()]
