"""The blind probes (tests/data/blind): invented pages of a third probe round, scored by the shared checkers.

Five UN meeting-coverage pages (``un/``, gold in the format of the shared ``data/unmeetings/gold.jsonl``) and
three news articles about sessions (``news/``, expected in the format of the shared seeds' ``expected.json``).
Their gold was committed before onrecord was first run on them, and nothing was tuned on them when the figures
of ``tests/floors/blind.json`` were measured: those figures are floors for the shares found and ceilings for
wrong speakers and document problems.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from clirun import run as cli

BLIND = Path(__file__).parent / "data" / "blind"
FLOORS = json.loads((Path(__file__).parent / "floors" / "blind.json").read_text(encoding="utf-8"))
_TOTAL = re.compile(
    r"recall (?P<found>\d+)/(?P<gold>\d+) = [\d.]+; "
    r"speaker right (?P<right>\d+)/\d+ = [\d.]+ \((?P<wrong>\d+) wrong\); "
    r"on-behalf-of right (?P<obo>\d+)/\d+; spurious (?P<spurious>\d+) of (?P<exported>\d+) exported; "
    r"events: body (?P<body>\d+)/\d+, session (?P<session>\d+)/\d+, date (?P<date>\d+)/\d+"
)


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ingest(folder: Path, db: Path, count: int) -> None:
    assert f"ingested {count}," in cli("ingest", str(folder), "--db", str(db), "--workers", "1")


def _export(db: Path, what: str, out: Path) -> Path:
    cli("export", "--what", what, "--format", "jsonl", "--output", str(out), "--db", str(db))
    return out


@pytest.mark.data
def test_blind_un_pages(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "un.db"
    _ingest(BLIND / "un" / "pages", db, 5)
    statements = _export(db, "statements", tmp_path / "statements.jsonl")
    checker = _module(shared / "checks" / "check_unmeetings.py", "check_blind_un")
    checker.GOLD = BLIND / "un" / "gold.jsonl"
    buffer = io.StringIO()
    with (
        contextlib.redirect_stdout(buffer),
        pytest.raises(SystemExit),
        pytest.MonkeyPatch.context() as mp,
    ):
        mp.setattr("sys.argv", ["check_unmeetings.py", str(statements), "0"])
        checker.main()
    printed = buffer.getvalue()
    total = next((line for line in printed.splitlines() if line.startswith("total:")), "")
    match = _TOTAL.search(total)
    assert match is not None, printed
    got = {k: int(v) for k, v in match.groupdict().items()}
    floors = FLOORS["un"]
    assert got["found"] / got["gold"] >= floors["recall"], printed
    assert got["right"] / got["found"] >= floors["speaker_right_share"], printed
    assert got["wrong"] <= floors["wrong_speakers_max"], printed
    assert got["obo"] >= floors["on_behalf_of_right"], printed
    assert got["spurious"] <= floors["spurious_max"], printed
    assert got["body"] >= floors["event_body"], printed
    assert got["session"] >= floors["event_session"], printed
    assert got["date"] >= floors["event_date"], printed


@pytest.fixture(scope="module")
def news(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What the seed checker prints for each of its checks, over the blind news articles ingested once."""
    folder = tmp_path_factory.mktemp("blindnews")
    db = folder / "news.db"
    _ingest(BLIND / "news" / "pages", db, 3)
    statements = _export(db, "statements", folder / "statements.jsonl")
    docs = _export(db, "documents", folder / "documents.jsonl")
    checker = _module(shared / "checks" / "check_seeds.py", "check_blind_news")
    checker.EXPECTED = json.loads((BLIND / "news" / "expected.json").read_text(encoding="utf-8"))
    checker.SEEDS = {k: v for k, v in checker.EXPECTED.items() if not k.startswith("_")}
    out: dict[str, str] = {"expected": json.dumps(checker.SEEDS)}
    checks = {"statements": (statements,), "events": (statements, docs), "documents": (docs,)}
    for what, args in checks.items():
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            getattr(checker, what)(*map(str, args))
        out[what] = buffer.getvalue()
    return out


@pytest.mark.data
def test_blind_news_statements(news: dict[str, str]) -> None:
    last = news["statements"].strip().splitlines()[-1]
    m = re.fullmatch(r"seed statements: (\d+)/(\d+) with the right speaker, (\d+) wrong", last)
    assert m is not None, last
    found, total, wrong = map(int, m.groups())
    assert found / total >= FLOORS["news"]["statements_found_share"], news["statements"]
    assert wrong <= FLOORS["news"]["wrong_speakers_max"], news["statements"]


@pytest.mark.data
def test_blind_news_events_and_figures(news: dict[str, str]) -> None:
    pages = json.loads(news["expected"]).values()
    fields = sum(5 + bool(p["event"]["segment"]) + bool(p["event"]["location"]) for p in pages)
    figures = sum(len(p["figures"]) for p in pages)
    lines = news["events"].splitlines()
    field_misses = sum(bool(re.search(r": (?:no event|event \w+ wrong)", line)) for line in lines)
    figure_misses = sum(": figure missing " in line for line in lines)
    assert (fields - field_misses) / fields >= FLOORS["news"]["event_fields_share"], news["events"]
    assert (figures - figure_misses) / figures >= FLOORS["news"]["figures_share"], news["events"]


@pytest.mark.data
def test_blind_news_documents(news: dict[str, str]) -> None:
    last = news["documents"].strip().splitlines()[-1]
    m = re.fullmatch(r"seed documents: (\d+) problems", last)
    assert m is not None, last
    assert int(m.group(1)) <= FLOORS["news"]["document_problems_max"], news["documents"]
