"""Apache Spark in local mode against one process: the same documents, statements, speakers and events
after ``onrecord import`` as after ``onrecord ingest`` on the same inputs; the Parquet tables readable as
Hive-partitioned datasets; the import resumable; Spark's merged speakers and events equal to the store's.

Spark runs for real (local[2], Java 17), once for the module; ``onrecord ingest`` in a subprocess.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from clirun import run, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from test_ingest_wet import COUNCIL, wet

try:
    import pyspark  # noqa: F401  (the spark extra, which the test extra includes)
except ImportError:  # CI installs it: there a missing Spark fails rather than skips
    if os.environ.get("ONRECORD_REQUIRE_DATA") == "1":
        raise
    pytest.skip("needs the spark extra: pip install 'onrecord[spark]'", allow_module_level=True)
import pyarrow.dataset as pads

ROOT = Path(__file__).resolve().parent.parent
ONRECORD = Path(sys.executable).with_name("onrecord")


FOOTBALL = "The home side scored twice in the second half and the coach praised the young striker."


def archives(folder: Path) -> Path:
    """A WARC and a WET file of invented pages, each with one page about diplomacy and one not (the
    relevance gate applies to archived pages by default, in both runs)."""
    folder.mkdir()
    (folder / "crawl.wet").write_bytes(
        wet(False, {"https://news.example/council": COUNCIL, "https://news.example/match": FOOTBALL})
    )
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, text in {
        "https://news.example/w/council": COUNCIL,
        "https://news.example/w/match": FOOTBALL,
    }.items():
        body = f"<html><body><h1>News</h1><p>{text}</p><p>{text}</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
        )
        writer.write_record(record)
    (folder / "crawl.warc.gz").write_bytes(buffer.getvalue())
    return folder


@pytest.fixture(scope="module")
def inputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if shutil.which("java") is None:
        pytest.fail("Spark needs Java 17 (Debian: apt-get install openjdk-17-jre-headless)")
    crawl = archives(tmp_path_factory.mktemp("inputs") / "crawl")
    return [str(shared / "seeds"), str(ROOT / "examples"), str(shared / "data" / "news"), str(crawl)]


@pytest.fixture(scope="module")
def runs(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """One Spark run and one ingest of the same inputs, and the run imported into a fresh store."""
    folder = tmp_path_factory.mktemp("spark")
    tables, ingested, imported = folder / "tables", folder / "ingest.db", folder / "import.db"
    # in this process (so that the driver's side counts in coverage); the workers are Spark's own
    out = run("spark", *inputs, str(tables), "--master", "local[2]", "--partitions", "4")
    assert "documents" in out and (tables / "statements").is_dir()
    subprocess.run([str(ONRECORD), "ingest", *inputs, "--db", str(ingested)], check=True, capture_output=True)
    run("import", str(tables), "--db", str(imported))
    yield {"tables": tables, "ingest": ingested, "import": imported, "spark_out": folder}


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(sql).fetchall(), key=repr)


DOCUMENTS = "SELECT sha256, source, text, title, published, language, url, pipeline_version FROM documents"
STATEMENTS = """SELECT d.sha256, s.seq, s.kind, s.continuation, s.content_start, s.content_end, s.content,
       s.cue, s.mention, sp.key, s.date_published, e.key
  FROM statements s JOIN documents d ON d.id = s.document_id JOIN speakers sp ON sp.id = s.speaker_id
  LEFT JOIN events e ON e.id = s.event_id"""
SPEAKERS = """SELECT key, name, kind, country, affiliation, roles,
       (SELECT group_concat(alias, '|') FROM (SELECT alias FROM speaker_aliases a WHERE a.speaker_id = sp.id
        ORDER BY alias)) FROM speakers sp"""
EVENTS = """SELECT key, body, session, segment, kind, state_under_review, location, remote, date, date_source
  FROM events"""
LINKS = """SELECT d.sha256, sp.key, ds.roles, ds.affiliation, ds.country, ds.on_behalf_of, ds.members
  FROM document_speakers ds JOIN documents d ON d.id = ds.document_id
  JOIN speakers sp ON sp.id = ds.speaker_id"""
DOC_EVENTS = """SELECT d.sha256, e.key FROM document_events de JOIN documents d ON d.id = de.document_id
  JOIN events e ON e.id = de.event_id"""
THEMES = """SELECT d.sha256, s.seq, t.label, t.score FROM statement_topics t
  JOIN statements s ON s.id = t.statement_id JOIN documents d ON d.id = s.document_id"""
POSITIONS = """SELECT d.sha256, s.seq, p.position, p.score, p.start, p.end FROM statement_positions p
  JOIN statements s ON s.id = p.statement_id JOIN documents d ON d.id = s.document_id"""
FIGURES = """SELECT d.sha256, s.seq, f.start, f.end, f.text, f.value, f.qualifier, f.counts FROM figures f
  JOIN statements s ON s.id = f.statement_id JOIN documents d ON d.id = s.document_id"""
FAILURES = "SELECT source, stage, reason, sha256 FROM failures"


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize(
    "query",
    [DOCUMENTS, STATEMENTS, SPEAKERS, EVENTS, LINKS, DOC_EVENTS, THEMES, POSITIONS, FIGURES, FAILURES],
)
def test_spark_then_import_stores_what_ingest_stores(runs: dict[str, Path], query: str) -> None:
    expected = _rows(runs["ingest"], query)
    assert expected or query == POSITIONS, "the inputs should give rows to compare"
    assert _rows(runs["import"], query) == expected


@pytest.mark.data
@pytest.mark.slow
def test_statements_ids_follow_the_same_order(runs: dict[str, Path]) -> None:
    """Speakers and events get their ids in the same order too: the import follows the input order."""
    query = (
        "SELECT s.id, sp.id, sp.key, s.event_id FROM statements s JOIN speakers sp ON sp.id = s.speaker_id"
    )
    assert _rows(runs["import"], query) == _rows(runs["ingest"], query)


def _dataset(tables: Path, name: str) -> list[dict[str, Any]]:
    return pads.dataset(str(tables / name), format="parquet", partitioning="hive").to_table().to_pylist()


@pytest.mark.data
@pytest.mark.slow
def test_spark_merges_speakers_and_events_as_the_store_does(runs: dict[str, Path]) -> None:
    speakers = {
        (
            r["key"],
            r["name"],
            r["kind"],
            r["country"],
            r["affiliation"],
            r["roles"],
            "|".join(json.loads(r["aliases"])),
        )
        for r in _dataset(runs["tables"], "speakers")
    }
    stored = {
        tuple(json.dumps(json.loads(v), ensure_ascii=False) if i == 5 else v for i, v in enumerate(row))
        for row in _rows(runs["ingest"], SPEAKERS)
    }
    assert speakers == stored
    events = {
        (r["key"], r["location"], r["remote"], r["date"].isoformat() if r["date"] else None, r["date_source"])
        for r in _dataset(runs["tables"], "events")
    }
    stored_events = {
        (key, location, None if remote is None else bool(remote), date, source)
        for key, _, _, _, _, _, location, remote, date, source in _rows(runs["ingest"], EVENTS)
    }
    assert events == stored_events


@pytest.mark.data
@pytest.mark.slow
def test_archives_are_read_and_gated_alike(runs: dict[str, Path]) -> None:
    aside = _rows(runs["import"], "SELECT source FROM failures WHERE stage = 'gate'")
    assert aside == [("https://news.example/match",), ("https://news.example/w/match",)]
    sources = {s for (s,) in _rows(runs["import"], "SELECT source FROM documents")}
    assert {"https://news.example/council", "https://news.example/w/council"} <= sources


@pytest.mark.data
@pytest.mark.slow
def test_tables_are_partitioned_by_year(runs: dict[str, Path]) -> None:
    years = {p.name for p in (runs["tables"] / "statements").iterdir() if p.is_dir()}
    assert years and all(y.startswith("year=") for y in years)
    statements = _dataset(runs["tables"], "statements")
    assert len(statements) == _rows(runs["ingest"], "SELECT count(*) FROM statements")[0][0]
    assert {str(r["year"]) for r in statements} == {y.removeprefix("year=") for y in years}


@pytest.mark.data
@pytest.mark.slow
def test_import_again_stores_nothing_twice(runs: dict[str, Path]) -> None:
    out = run("import", str(runs["tables"]), "--db", str(runs["import"]))
    documents = _rows(runs["ingest"], "SELECT count(*) FROM documents")[0][0]
    assert f"imported 0 documents (0 statements), unchanged {documents}" in out
    assert _rows(runs["import"], STATEMENTS) == _rows(runs["ingest"], STATEMENTS)


def test_import_of_a_folder_that_is_not_a_run_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from onrecord.cli import app

    result = CliRunner().invoke(app, ["import", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "holds no documents table" in str(result.exception)


@pytest.mark.data
@pytest.mark.slow
def test_spark_says_what_is_wrong_with_its_paths(runs: dict[str, Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from onrecord.cli import app

    taken = CliRunner().invoke(
        app, ["spark", str(ROOT / "examples"), str(runs["tables"]), "--master", "local[1]"]
    )
    assert taken.exit_code != 0
    assert "already holds a documents table" in str(taken.exception) and "--overwrite" in str(taken.exception)
    missing = CliRunner().invoke(
        app, ["spark", str(tmp_path / "nowhere"), str(tmp_path / "out"), "--master", "local[1]"]
    )
    assert missing.exit_code != 0 and "Spark cannot read the input" in str(missing.exception)
