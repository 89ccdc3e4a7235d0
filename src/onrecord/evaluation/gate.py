"""The relevance gate measured: its recall on documents about multilateral diplomacy, and the share of
general news it sets aside.

    measure_gate(Gate.load(), shared)   -> {corpus name: GateFigures}

Relevant corpora (recall): the seeds, the UN meeting pages, the UPR Working Group reports and the
General Debate speeches (every speech in ``data/ungdc``). General news (rejection rate): the Wikinews
articles in ``data/news``, most of them not about diplomacy at all. The documents are read as
``onrecord ingest`` reads them (speeches as the text of their rows), so the gate sees what it sees in a run.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from onrecord.gate import Gate, Verdict
from onrecord.ingest import iter_inputs
from onrecord.models import MediaType, RawDocument

RELEVANT = ("seeds", "un_meetings", "wg_reports", "general_debate")
GENERAL = ("wikinews",)


@dataclass(frozen=True, slots=True)
class GateFigures:
    """How many documents of one corpus the gate read and how many it let through."""

    corpus: str
    documents: int
    passed: int

    @property
    def pass_rate(self) -> float:
        return self.passed / self.documents if self.documents else 0.0

    @property
    def rejection_rate(self) -> float:
        return 1.0 - self.pass_rate if self.documents else 0.0


def corpus_paths(shared: Path) -> dict[str, Path]:
    data = shared / "data"
    return {
        "seeds": shared / "seeds",
        "un_meetings": data / "unmeetings" / "pages",
        "wg_reports": data / "upr" / "wg_reports",
        "general_debate": data / "ungdc",
        "wikinews": data / "news",
    }


def corpus_documents(name: str, path: Path, max_bytes: int = 20_000_000) -> Iterator[RawDocument]:
    """The documents of one corpus as ingest reads them (General Debate speeches as records)."""
    if name == "general_debate":
        for file in sorted(path.glob("speeches_*.jsonl.gz")):
            with gzip.open(file, "rt", encoding="utf-8") as lines:
                for n, line in enumerate(lines, 1):
                    row = json.loads(line)
                    fields = MappingProxyType({"text": str(row.get("text", ""))})
                    yield RawDocument(f"{file}#row={n}", line.encode(), MediaType.RECORD, fields)
        return
    for item in iter_inputs([str(path)], max_bytes=max_bytes):
        if isinstance(item, RawDocument):
            yield item


def measure_gate(
    gate: Gate, shared: Path, corpora: tuple[str, ...] = RELEVANT + GENERAL
) -> dict[str, GateFigures]:
    """The gate's figures on each named corpus."""
    paths = corpus_paths(shared)
    figures = {}
    for name in corpora:
        verdicts: list[Verdict] = [gate.judge_raw(raw) for raw in corpus_documents(name, paths[name])]
        figures[name] = GateFigures(name, len(verdicts), sum(v.relevant for v in verdicts))
    return figures
