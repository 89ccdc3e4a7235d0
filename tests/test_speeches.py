"""Speeches: rows that name their speaker are stored as that speaker's statements, one per paragraph,
at the event the row names; the UN General Debate corpus is converted into such rows."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from clirun import run, runner, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.attribution.speeches import speech_paragraphs
from onrecord.cli import app
from onrecord.convert.ungdc import ungdc_rows
from onrecord.events.sessions import find_session
from onrecord.ingest.speeches import speech_of
from onrecord.search import Query, search
from onrecord.store import Store
from onrecord.store.statements import StatementFilter, iter_statements

# invented speeches (the people and what they say are made up by the project)
SPEECHES = [
    {
        "speaker": "Mr. Aurel Vantis",
        "country": "Norway",
        "post": "Minister for Foreign Affairs",
        "organ": "Human Rights Council",
        "session": "55",
        "segment": "High-level Segment",
        "date": "",
        "text": "Mr. President,\nNon-interference in internal affairs must guide this Council.\n"
        "We call for dialogue and cooperation, not confrontation.",
    },
    {
        "speaker": "Veldoria",
        "country": "Veldoria",
        "post": "",
        "organ": "UN General Assembly",
        "session": "79",
        "segment": "General Debate",
        "date": "2024-09-25",
        "text": "The women's rights agenda is universal.\nNo country-specific mandate is needed here.",
    },
]


@pytest.fixture(scope="module")
def speeches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("speeches")
    table = folder / "speeches.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(SPEECHES[0]))
        writer.writeheader()
        writer.writerows(SPEECHES)
    db = folder / "speeches.db"
    run("ingest", str(table), "--db", str(db))
    return db


def test_every_line_is_a_statement_of_the_speaker(speeches: Path) -> None:
    with Store(speeches) as store:
        statements = [s.statement for s in iter_statements(store.conn)]
    first = [s for s in statements if s.speaker.name == "Mr. Aurel Vantis"]
    assert [s.content.text for s in first] == SPEECHES[0]["text"].split("\n")
    assert all(s.kind.value == "direct" and s.cue is None for s in first)
    assert [s.continuation for s in first] == [False, True, True]
    speaker = first[0].speaker
    assert speaker.kind.value == "person" and speaker.country == "Norway"
    assert speaker.roles == ("Minister for Foreign Affairs",)
    state = [s for s in statements if s.speaker.name == "Veldoria"]
    assert len(state) == 2 and state[0].speaker.kind.value == "state"


def test_the_event_is_the_rows_dated_by_the_row_or_the_calendar(speeches: Path) -> None:
    with Store(speeches) as store:
        events = {s.statement.speaker.name: s.statement.event for s in iter_statements(store.conn)}
    council = events["Mr. Aurel Vantis"]
    assert council is not None
    assert (council.body, council.session, council.segment) == (
        "UN Human Rights Council",
        55,
        "High-level Segment",
    )
    session = find_session("UN Human Rights Council", 55)
    assert session is not None and council.date == session.start and council.date_source == "calendar"
    assembly = events["Veldoria"]
    assert assembly is not None and assembly.body == "UN General Assembly"
    assert str(assembly.date) == "2024-09-25" and assembly.date_source == "published"


def test_speeches_take_positions_and_are_searchable(speeches: Path) -> None:
    with Store(speeches) as store:
        found = search(store.conn, Query("non-interference")).hits
        assert [h.stored.statement.speaker.name for h in found] == ["Mr. Aurel Vantis"]
        assert search(store.conn, Query("women's rights")).total == 1
        assert search(store.conn, Query("country-specific")).total == 1
        taking = search(store.conn, Query("", StatementFilter(position="non-interference"))).hits
        assert "Non-interference" in taking[0].stored.statement.content.text


def test_a_country_column_alone_does_not_make_a_speech(tmp_path: Path) -> None:
    assert speech_of({"text": "x", "country": "Norway"}) is None
    table = tmp_path / "news.csv"
    table.write_text(
        "country,title,text\n"
        'Norway,Talks resume,"The talks will resume, the envoy Ilse Marrow said on Monday."\n',
        encoding="utf-8",
    )
    run("ingest", str(table), "--db", str(tmp_path / "news.db"))
    with Store(tmp_path / "news.db") as store:
        names = {s.statement.speaker.name for s in iter_statements(store.conn)}
    assert names == {"Ilse Marrow"}


@pytest.mark.data
def test_general_debate_rows_join_the_speakers_table(shared: Path) -> None:
    folder = shared / "data" / "ungdc"
    rows = list(ungdc_rows(folder, since=2020, until=2020))
    with gzip.open(folder / "speeches_s01-s77.jsonl.gz", "rt", encoding="utf-8") as handle:
        speeches_2020 = [json.loads(line) for line in handle if '"year": 2020' in line]
    assert len(rows) == len(speeches_2020) > 150
    with (folder / "speakers_s01-s77.csv").open(encoding="utf-8") as handle:
        named = {
            (int(r["Session"]), r["ISO Code"].strip()): r["Name of Person Speaking"].strip()
            for r in csv.DictReader(handle)
            if r["Session"].strip().isdigit()
        }
    for row, speech in zip(rows, speeches_2020, strict=True):
        assert row["text"] == speech["text"] and row["session"] == speech["session"]
        given = named.get((speech["session"], speech["iso3"]))
        assert (given and str(row["speaker"]) in given) or row["speaker"] == row["speaker_country"]
        assert row["event_body"] == "UN General Assembly" and row["segment"] == "General Debate"
    assert len({row["speaker_country"] for row in rows}) == len({s["iso3"] for s in speeches_2020})


@pytest.mark.data
def test_general_debate_speeches_are_stored_by_country(shared: Path, tmp_path: Path) -> None:
    rows = tmp_path / "ungdc.jsonl"
    run(
        "convert",
        "ungdc",
        str(shared / "data" / "ungdc"),
        "--since",
        "2020",
        "--until",
        "2020",
        "--output",
        str(rows),
    )
    sample = tmp_path / "sample.jsonl"
    sample.write_text(
        "".join(rows.read_text(encoding="utf-8").splitlines(keepends=True)[:25]), encoding="utf-8"
    )
    db = tmp_path / "ungdc.db"
    run("ingest", str(sample), "--db", str(db))
    with Store(db) as store:
        statements = [s.statement for s in iter_statements(store.conn)]
        documents = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert documents == 25 and len(statements) > 25 * 10
    assert {s.event.body for s in statements if s.event} == {"UN General Assembly"}
    assert {s.event.session for s in statements if s.event} == {75}
    assert all(s.speaker.country for s in statements)
    assert any(s.positions for s in statements)


def test_convert_says_what_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", "ungdc", str(tmp_path), "--output", str(tmp_path / "o.jsonl")])
    assert result.exit_code != 0
    assert "speakers_*.csv" in str(result.exception) or "speakers_*.csv" in result.output


WRAPPED = """We gather once more in this hall, as the
nations of the world have done for decades,
to speak of peace and of the dignity of all
people everywhere.
Our delegation holds that dialogue, not
pressure, serves human rights best, and we
call on all States to respect the principle
of non-interference.
We thank you."""


def test_a_speech_wrapped_at_a_fixed_width_is_read_in_paragraphs() -> None:
    spans = speech_paragraphs(WRAPPED)
    texts = [WRAPPED[start:end] for start, end in spans]
    assert [t.split("\n")[0] for t in texts] == [
        "We gather once more in this hall, as the",
        "Our delegation holds that dialogue, not",
        "We thank you.",
    ]
    assert texts[0].endswith("people everywhere.") and texts[1].endswith("of non-interference.")
    unwrapped = "First paragraph, one line.\nSecond paragraph, one line as well.\nThird."
    assert len(speech_paragraphs(unwrapped)) == 3
