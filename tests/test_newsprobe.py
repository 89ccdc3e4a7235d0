"""The news probes: eight invented articles about sessions, scored like the seeds (tests/data/newsprobe).

The pages are ingested with the real CLI and exported as JSONL; the shared seed checker
(``shared/checks/check_seeds.py``) scores them with its expectations swapped for the probes' own
``expected.json``, which was written before onrecord was run on the pages. The figures it prints are held
to the floors of ``tests/floors/newsprobe.json``: raise them when the figures improve, never lower them.
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
from typer.testing import CliRunner

from onrecord.cli import app

PROBES = Path(__file__).parent / "data" / "newsprobe"
FLOORS = json.loads((Path(__file__).parent / "floors" / "newsprobe.json").read_text(encoding="utf-8"))
runner = CliRunner()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _checker(shared: Path) -> ModuleType:
    """The shared seed checker, its expectations (and position checks) taken from the probes' file."""
    spec = importlib.util.spec_from_file_location("check_newsprobe", shared / "checks" / "check_seeds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.EXPECTED = json.loads((PROBES / "expected.json").read_text(encoding="utf-8"))
    module.SEEDS = {k: v for k, v in module.EXPECTED.items() if not k.startswith("_")}
    module.POSITIONS = {
        p["contains"]: set(p["positions"]) for v in module.SEEDS.values() for p in v["positions"]
    }
    return module


@pytest.fixture(scope="module")
def scored(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What the checker prints for each of its checks, over the probes ingested once."""
    folder = tmp_path_factory.mktemp("newsprobe")
    db = folder / "probes.db"
    assert "ingested 8" in _cli("ingest", str(PROBES / "pages"), "--db", str(db), "--workers", "1")
    docs, statements = folder / "documents.jsonl", folder / "statements.jsonl"
    _cli("export", "--what", "documents", "--format", "jsonl", "--output", str(docs), "--db", str(db))
    _cli("export", "--what", "statements", "--format", "jsonl", "--output", str(statements), "--db", str(db))
    check = _checker(shared)
    out: dict[str, str] = {}
    for what, args in {
        "documents": (docs,),
        "statements": (statements,),
        "events": (statements, docs),
        "positions": (statements,),
    }.items():
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            getattr(check, what)(*map(str, args))
        out[what] = buffer.getvalue()
    against = 0
    records = check.load(str(statements))
    for page in check.SEEDS.values():
        for p in page["positions"]:
            for r in records:
                if check.norm(p["contains"]) in check.norm((r.get("content") or {}).get("text")):
                    labels = {t["id"] if isinstance(t, dict) else t for t in r.get("positions") or []}
                    against += bool(labels & set(p.get("not", [])))
    out["against"] = str(against)
    out["expected"] = json.dumps(check.SEEDS)
    return out


@pytest.mark.data
def test_probe_statements_have_their_speakers(scored: dict[str, str]) -> None:
    last = scored["statements"].strip().splitlines()[-1]
    m = re.fullmatch(r"seed statements: (\d+)/(\d+) with the right speaker, (\d+) wrong", last)
    assert m is not None, last
    found, total, wrong = map(int, m.groups())
    assert found / total >= FLOORS["statements_found_share"], scored["statements"]
    assert wrong <= FLOORS["wrong_speakers_max"], scored["statements"]


@pytest.mark.data
def test_probe_events_and_figures(scored: dict[str, str]) -> None:
    pages = json.loads(scored["expected"]).values()
    fields = sum(5 + bool(p["event"]["segment"]) + bool(p["event"]["location"]) for p in pages)
    figures = sum(len(p["figures"]) for p in pages)
    lines = scored["events"].splitlines()
    field_misses = sum(bool(re.search(r": (?:no event|event \w+ wrong)", line)) for line in lines)
    figure_misses = sum(": figure missing " in line for line in lines)
    assert (fields - field_misses) / fields >= FLOORS["event_fields_share"], scored["events"]
    assert (figures - figure_misses) / figures >= FLOORS["figures_share"], scored["events"]


@pytest.mark.data
def test_probe_positions(scored: dict[str, str]) -> None:
    last = scored["positions"].strip().splitlines()[-1]
    m = re.fullmatch(r"seed positions: (\d+)/(\d+)", last)
    assert m is not None, last
    assert int(m.group(1)) / int(m.group(2)) >= FLOORS["positions_share"], scored["positions"]
    assert int(scored["against"]) <= FLOORS["positions_argued_against_but_given_max"]


@pytest.mark.data
def test_probe_documents(scored: dict[str, str]) -> None:
    last = scored["documents"].strip().splitlines()[-1]
    m = re.fullmatch(r"seed documents: (\d+) problems", last)
    assert m is not None, last
    assert int(m.group(1)) <= FLOORS["document_problems_max"], scored["documents"]
