"""Inputs and faults that used to lose work: a file damaged early, two writers on one store, paragraphs
no parser should be given whole."""

from __future__ import annotations

import gzip
import itertools
import json
import sqlite3
import subprocess
import sys
import threading
import zlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.attribution import Attributor
from onrecord.attribution.pieces import pieces
from onrecord.attribution.quotes import paragraphs
from onrecord.ingest import count_items, iter_inputs
from onrecord.models import Article, Failure, RawDocument
from onrecord.settings import Settings
from onrecord.store import Store

SENTENCES = (
    'The delegate of Veldoria told the Council that "human rights must be respected everywhere," and '
    "called for dialogue.",
    "Ambassador Rena Tolvik said the resolution was unbalanced.",
    "Several states, including Norway, supported the text; others abstained.",
)


def test_a_jsonl_gz_damaged_within_its_first_block_keeps_every_complete_row(tmp_path: Path) -> None:
    body = "".join(json.dumps({"text": f"Row {n}: the envoy of Freedonia spoke."}) + "\n" for n in range(300))
    packed = gzip.compress(body.encode())
    damaged = packed[: len(packed) * 2 // 3]
    (tmp_path / "t.jsonl.gz").write_bytes(damaged)
    complete = zlib.decompressobj(31).decompress(damaged).count(b"\n")
    items = list(iter_inputs([str(tmp_path / "t.jsonl.gz")], max_bytes=10**6))
    rows = [i for i in items if isinstance(i, RawDocument)]
    assert 0 < len(rows) == complete == len(items) - 1
    assert [json.loads(r.data)["text"] for r in rows] == [
        f"Row {n}: the envoy of Freedonia spoke." for n in range(complete)
    ]
    assert isinstance(items[-1], Failure)
    assert items[-1].reason.startswith(f"the file breaks off after row {complete} ")


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab ,.\n\"'"), max_size=400),
    st.integers(min_value=20, max_value=60),
    st.integers(min_value=2, max_value=12),
)
def test_pieces_keep_every_letter_in_order_within_both_limits(text: str, limit: int, run: int) -> None:
    spans = list(paragraphs(text))
    cut = list(pieces(text, spans, limit=limit, run=run))
    assert all(e <= s2 for (_, e), (s2, _) in itertools.pairwise(cut))  # in order, apart
    for s, e in cut:
        piece = text[s:e]
        assert piece and piece == piece.strip()
        assert e - s <= limit
        assert all(len(word) <= run for word in piece.split())
        assert any(ps <= s and e <= pe for ps, pe in spans)  # within one paragraph
    covered = {i for s, e in cut for i in range(s, e)}
    assert all(i in covered for i, char in enumerate(text) if char in "ab")  # no word is left out


def test_ordinary_paragraphs_pass_through_whole() -> None:
    text = "One paragraph, short.\n\nAnother one."
    assert list(pieces(text, paragraphs(text))) == list(paragraphs(text))


def test_a_very_long_paragraph_is_parsed_in_pieces_with_exact_offsets() -> None:
    paragraph = " ".join(SENTENCES[i % 3] for i in range(220))  # ~ 22,000 characters, over one piece
    text = "Council debates a resolution\n\n" + paragraph + "\n\nThe vote is on Friday."
    statements = Attributor(Settings.load(env={})).attribute(Article(text=text))
    assert len(statements) > 70
    for statement in statements:
        for span in (statement.content, statement.cue, statement.speaker_mention):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_runs_without_white_space_do_not_stall_the_parse() -> None:
    text = "The envoy said talks would go on. " + "," * 20_000 + "x," * 2_000 + '" ' * 500 + " The end."
    statements = Attributor(Settings.load(env={})).attribute(Article(text=text))
    for statement in statements:
        assert text[statement.content.start : statement.content.end] == statement.content.text


def test_many_connections_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    # repeated: a lock SQLite does not wait for (the switch to WAL, an upgraded read lock) came up in
    # about one try in thirteen before opening was retried
    for attempt in range(15):
        db = tmp_path / f"new{attempt}.db"
        errors: list[BaseException] = []
        barrier = threading.Barrier(8)

        def open_it(
            db: Path = db, errors: list[BaseException] = errors, barrier: threading.Barrier = barrier
        ) -> None:
            barrier.wait()
            try:
                Store(db).close()
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with sqlite3.connect(db) as conn:
            versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
        assert versions == list(range(1, len(versions) + 1))


def test_two_ingests_into_one_new_store_both_finish_and_store_each_document_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(12):
        (inputs / f"d{i:02}.txt").write_text(f"{SENTENCES[i % 3]} Item {i}.\n", encoding="utf-8")
    db = tmp_path / "two.db"
    command = [
        str(Path(sys.executable).with_name("onrecord")),
        "ingest",
        str(inputs),
        "--db",
        str(db),
        "--no-analyse",
    ]
    both = [
        subprocess.Popen([*command, "--workers", "1"], stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in both]
    assert [p.returncode for p in both] == [0, 0], outputs
    counts = [_counts(out) for out in outputs]
    assert all(ingested + unchanged == 12 for ingested, unchanged in counts), outputs
    assert sum(ingested for ingested, _ in counts) == 12
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (12, 12)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM failures").fetchone()[0] == 0


def _counts(output: str) -> tuple[int, int]:
    words = output.replace(",", "").split()
    return int(words[words.index("ingested") + 1]), int(words[words.index("unchanged") + 1])


def test_the_total_is_counted_where_it_is_known(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "sub" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    items = list(iter_inputs([str(tmp_path)], max_bytes=10**6))
    assert count_items([str(tmp_path)]) == len(items) == 4
    (tmp_path / "t.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert count_items([str(tmp_path)]) is None  # rows are known only by reading them
    assert count_items(["-"]) is None


def test_a_text_over_the_models_max_length_gets_statements() -> None:
    attributor = Attributor(Settings.load(env={}))
    nlp = attributor.nlp
    before = nlp.max_length
    nlp.max_length = 6_000  # spaCy's own limit, lowered so that the test needs no megabytes of text
    try:
        text = " ".join(SENTENCES[i % 3] for i in range(120))  # one paragraph of ~12,000 characters
        statements = attributor.attribute(Article(text=text))
    finally:
        nlp.max_length = before
    assert len(statements) > 40
    assert all(text[s.content.start : s.content.end] == s.content.text for s in statements)
