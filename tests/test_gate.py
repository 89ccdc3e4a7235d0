"""The relevance gate: verdicts with reasons, when it applies, and its recall and rejection rate on real
data against the floors in tests/floors/gate.json."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

import pytest

from clirun import run, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.errors import ConfigError
from onrecord.evaluation.gate import GENERAL, RELEVANT, measure_gate
from onrecord.gate import Gate, GateMode, applies, cheap_text
from onrecord.models import MediaType, RawDocument
from onrecord.store import Store

FLOORS = json.loads((Path(__file__).parent / "floors" / "gate.json").read_text(encoding="utf-8"))

COUNCIL = (
    "The delegation of Veldoria told the Human Rights Council that the Special Rapporteur's report "
    "ignored the recommendations its Government had accepted at the Universal Periodic Review."
)
FOOTBALL = "The home side scored twice in the second half and the coach praised the young striker."


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        (COUNCIL, True),
        (FOOTBALL, False),
        ("The UN Security Council met on Monday.", True),
        ("He said un peu de chose about the council of the village.", False),  # 'un' is not UN
        ("WHO officials and the delegates of 30 member states met in Geneva.", True),
    ],
)
def test_verdicts(text: str, relevant: bool) -> None:
    verdict = Gate.load().judge(text)
    assert verdict.relevant is relevant
    assert (verdict.reason is None) is relevant


def test_a_rejection_says_why() -> None:
    verdict = Gate.load().judge("The summit of the mountain was covered in snow.")
    assert not verdict.relevant
    assert verdict.reason is not None and "'summit'" in verdict.reason and "threshold" in verdict.reason
    nothing = Gate.load().judge(FOOTBALL)
    assert nothing.reason is not None and "none of the gate's terms" in nothing.reason


def test_only_the_head_is_read() -> None:
    gate = Gate.load()
    late = " ".join(["filler"] * (gate.head_chars // 7 + 10)) + " " + COUNCIL
    assert gate.judge(COUNCIL).relevant
    assert not gate.judge(late).relevant


def test_pages_are_read_without_their_tags() -> None:
    page = b"<html><head><script>var un='Security Council';</script></head><body><p>" + FOOTBALL.encode()
    raw = RawDocument("https://example.org/a", page, MediaType.HTML)
    text = cheap_text(raw, 1000)
    assert "Security Council" not in text and "striker" in text
    assert not Gate.load().judge_raw(raw).relevant


def test_records_are_read_from_their_fields() -> None:
    fields = MappingProxyType({"title": "Human Rights Council", "text": COUNCIL})
    raw = RawDocument("news.csv#row=1", b"ignored,bytes", MediaType.RECORD, fields)
    assert Gate.load().judge_raw(raw).relevant


def test_when_the_gate_applies() -> None:
    row = RawDocument("news.csv#row=1", b"x", MediaType.RECORD, MappingProxyType({"text": "x"}))
    archived = RawDocument("https://example.org/a", b"x", MediaType.HTML)
    named = RawDocument("notes/a.txt", b"x", MediaType.TEXT)
    assert applies(GateMode.AUTO, archived)
    assert not applies(GateMode.AUTO, named) and not applies(GateMode.AUTO, row)
    assert applies(GateMode.ON, named) and not applies(GateMode.OFF, row)


def test_a_malformed_lexicon_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="threshold"):
        Gate.from_lexicon({"terms": {"un": 1}, "acronyms": {}})
    with pytest.raises(ConfigError, match="above 0"):
        Gate.from_lexicon({"terms": {}, "acronyms": {}, "threshold": 0, "repeat_cap": 1, "head_chars": 10})


@pytest.mark.data
def test_recall_and_rejection_floors(shared: Path) -> None:
    figures = measure_gate(Gate.load(), shared, RELEVANT + GENERAL)
    for name, floor in FLOORS["recall"].items():
        assert figures[name].documents > 0, name
        assert figures[name].pass_rate >= floor, (name, figures[name])
    wikinews = figures["wikinews"]
    assert wikinews.documents > 0
    assert wikinews.rejection_rate >= FLOORS["wikinews_rejection"], wikinews


@pytest.mark.data
def test_ingest_sets_aside_with_reasons_and_all_reads_them(shared: Path, tmp_path: Path) -> None:
    news = shared / "data" / "news"
    db = tmp_path / "gated.db"
    expected = measure_gate(Gate.load(), shared, GENERAL)["wikinews"]
    out = run("ingest", str(news), "--db", str(db), "--no-analyse", "--gate")
    aside = expected.documents - expected.passed
    assert (
        f"ingested {expected.passed}," in out
        and f"relevance gate (not about multilateral diplomacy): {aside}" in out
    )
    with Store(db) as store:
        rows = store.conn.execute(
            "SELECT source, reason, sha256 FROM failures WHERE stage = 'gate'"
        ).fetchall()
    assert len(rows) == aside and all(
        r["reason"].startswith("not about multilateral") and r["sha256"] for r in rows
    )
    # nothing is lost: --all reads what the gate set aside, and only that
    rest = run("ingest", str(news), "--db", str(db), "--no-analyse", "--all")
    assert f"ingested {aside}, unchanged {expected.passed}, failed 0" in rest
