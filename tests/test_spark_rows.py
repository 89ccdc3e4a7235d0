"""The tables of a Spark run as plain Python, without Spark: the partial speakers and events fold, in any
order, to what the store holds after one process stores the same documents; every statement and
document comes back from its row as the record it was made from."""

from __future__ import annotations

import json
import random
from functools import reduce
from pathlib import Path
from typing import Any

import pytest

from onrecord.gate import Gate, GateMode
from onrecord.ingest import iter_inputs
from onrecord.models import RawDocument
from onrecord.pipeline import Pipeline
from onrecord.process import default_stages, ingest, pipeline_version
from onrecord.settings import Settings
from onrecord.spark.rows import (
    TABLES,
    analyse,
    document_from,
    event_row,
    merge_events,
    merge_speakers,
    raw_tuple,
    speaker_row,
    statement_from,
)
from onrecord.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def analysed() -> dict[str, list[Any]]:
    settings = Settings.load()
    received = [
        ((0, n), raw_tuple(item))
        for n, item in enumerate(iter_inputs([str(ROOT / "examples")], max_bytes=settings.max_document_bytes))
        if isinstance(item, RawDocument)
    ]
    pipeline = Pipeline(default_stages(settings))
    tagged: dict[str, list[Any]] = {}
    rows = analyse(
        received, pipeline, pipeline_version(pipeline), gate=Gate.load(), mode=GateMode.AUTO, batch_size=4
    )
    for table, row in rows:
        tagged.setdefault(table, []).append(row)
    return tagged


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("rows") / "ingest.db"
    with Store(db) as store:
        ingest([str(ROOT / "examples")], store, Settings.load(db=db))
    return db


def _fold(parts: list[tuple[str, dict[str, Any]]], merge: Any, seed: int) -> dict[str, dict[str, Any]]:
    shuffled = parts[:]
    random.Random(seed).shuffle(shuffled)
    keys: dict[str, list[dict[str, Any]]] = {}
    for key, part in shuffled:
        keys.setdefault(key, []).append(part)
    return {key: reduce(merge, found) for key, found in keys.items()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_speakers_fold_to_the_store_in_any_order(
    analysed: dict[str, list[Any]], stored: Path, seed: int
) -> None:
    merged = _fold(analysed["speaker_part"], merge_speakers, seed)
    columns = [c for c, _ in TABLES["speakers"]]
    rows = {key: dict(zip(columns, speaker_row(key, part), strict=True)) for key, part in merged.items()}
    with Store(stored) as store:
        for sp in store.conn.execute("SELECT * FROM speakers"):
            row = rows.pop(sp["key"])
            assert (row["name"], row["kind"], row["country"], row["affiliation"]) == (
                sp["name"],
                sp["kind"],
                sp["country"],
                sp["affiliation"],
            )
            assert json.loads(row["roles"]) == json.loads(sp["roles"])
            aliases = {
                a
                for (a,) in store.conn.execute(
                    "SELECT alias FROM speaker_aliases WHERE speaker_id = ?", (sp["id"],)
                )
            }
            assert set(json.loads(row["aliases"])) == aliases
    assert not rows


@pytest.mark.parametrize("seed", [0, 1])
def test_events_fold_to_the_store_in_any_order(
    analysed: dict[str, list[Any]], stored: Path, seed: int
) -> None:
    merged = _fold(analysed["event_part"], merge_events, seed)
    columns = [c for c, _ in TABLES["events"]]
    rows = {key: dict(zip(columns, event_row(key, part), strict=True)) for key, part in merged.items()}
    with Store(stored) as store:
        events = store.conn.execute("SELECT * FROM events").fetchall()
    assert events and {e["key"] for e in events} == set(rows)
    for e in events:
        row = rows[e["key"]]
        remote = None if e["remote"] is None else bool(e["remote"])
        assert (row["location"], row["remote"], row["date_source"]) == (
            e["location"],
            remote,
            e["date_source"],
        )


def test_rows_have_their_tables_columns(analysed: dict[str, list[Any]]) -> None:
    for table in ("documents", "statements", "figures"):
        assert analysed[table], table
        assert {len(row) for row in analysed[table]} == {len(TABLES[table])}, table


def test_records_come_back_from_their_rows(analysed: dict[str, list[Any]]) -> None:
    doc_columns = [c for c, _ in TABLES["documents"]]
    st_columns = [c for c, _ in TABLES["statements"]]
    for values in analysed["documents"]:
        row = dict(zip(doc_columns, values, strict=True))
        form = document_from(row)
        assert form.raw.source == row["source"] and form.article.text == row["text"]
        assert form.raw.data == row["raw"] and form.version == row["pipeline_version"]
    statements = [dict(zip(st_columns, row, strict=True)) for row in analysed["statements"]]
    for row in statements:
        statement = statement_from(row, [])
        assert statement.content.text == row["content"] and statement.speaker.name == row["speaker"]
        assert (statement.event is None) == (row["event_key"] is None)
