"""The analysis commands end to end on the project's own invented examples, with a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import run, runner, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("analysis") / "examples.db"
    run("ingest", str(ROOT / "examples"), "--db", str(db))
    return str(db)


def test_statements_and_their_filters(store: str) -> None:
    everything = run("statements", "--db", store, "--limit", "500")
    assert "Ilse Marrow" in everything and "Nadia Feroz" in everything
    marrow = run("statements", "--db", store, "--speaker", "Marrow")
    assert "Ilse Marrow" in marrow and "Nadia Feroz" not in marrow
    at_58 = run("statements", "--db", store, "--session", "58")
    assert "Ilse Marrow" in at_58 and "Joaquin Ferreira" not in at_58
    dialogue = run("statements", "--db", store, "--position", "dialogue-cooperation")
    assert "Mira Solberg" in dialogue and "Nadia Feroz" not in dialogue
    assert "0 statements shown" in run("statements", "--db", store, "--position", "no-such-position")


def test_speakers_events_and_figures(store: str) -> None:
    speakers = run("speakers", "--db", store, "--name", "Marrow")
    assert "Ilse Marrow" in speakers and "person" in speakers
    events = run("events", "--db", store, "--session", "58")
    assert "Human Rights Council" in events and "2025-03-03" in events  # "on Monday", published Tue 4 Mar
    figures = run("figures", "--db", store, "--counts", "displaced")
    assert "250,000" in figures and "Joaquin Ferreira" in figures


def test_statements_export_carries_every_part(store: str, tmp_path: Path) -> None:
    out = tmp_path / "statements.jsonl"
    run("export", "--what", "statements", "--output", str(out), "--db", store)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    keys = {"document", "speaker", "speaker_mention", "cue", "content", "kind", "continuation"}
    assert all(keys | {"event", "figures", "topics", "positions"} <= set(r) for r in rows)
    texts = {r["document"]["id"]: None for r in rows}
    assert texts and any(r["figures"] for r in rows) and any(r["positions"] for r in rows)


def test_reanalyse_redoes_documents_ingested_without_analysis(tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    run("ingest", str(ROOT / "examples"), "--db", db, "--no-analyse")
    assert "0 statements shown" in run("statements", "--db", db)
    assert "analysed 6, failed 0" in run("reanalyse", "--db", db)
    assert "analysed 0, failed 0" in run("reanalyse", "--db", db)  # nothing outdated any more
    assert "Ilse Marrow" in run("statements", "--db", db, "--limit", "500")


def test_positions_taxonomy_and_topic_predictions(tmp_path: Path) -> None:
    listed = run("positions")
    for position in ("non-selectivity", "non-interference", "accountability", "civil-society-space"):
        assert position in listed
    table = tmp_path / "in.csv"
    table.write_text(
        "Text\n"
        '"Ratify the Convention against Torture and its Optional Protocol."\n'
        '"Guarantee girls equal access to secondary schools in rural areas."\n',
        encoding="utf-8",
    )
    out = tmp_path / "topics.jsonl"
    run("topics", "predict", "--input", str(table), "--text-column", "Text", "--output", str(out))
    predicted = [json.loads(line)["topics"] for line in out.read_text().splitlines()]
    assert len(predicted) == 2
    assert "Torture and other CID treatment" in predicted[0]


def test_eval_commands_say_what_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "wg", "--reports", str(tmp_path / "none")])
    assert result.exit_code != 0
