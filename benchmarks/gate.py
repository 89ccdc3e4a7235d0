"""The relevance gate: recall on documents about multilateral diplomacy, rejection rate on general news,
and throughput, in one run.

    .venv/bin/python benchmarks/gate.py [SHARED]     (default: ../shared)

Recall: the seeds, the UN meeting pages, the UPR Working Group reports and every General Debate speech.
Rejection: the Wikinews articles. The gate's speed against the full pipeline is printed by
benchmarks/scale.py, beside the pipeline's own figures on the same documents.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from onrecord.evaluation.gate import GENERAL, RELEVANT, corpus_documents, corpus_paths, measure_gate
from onrecord.gate import Gate
from onrecord.settings import Settings


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Settings.load().shared
    gate = Gate.load()
    start = time.perf_counter()
    figures = measure_gate(gate, shared, RELEVANT + GENERAL)
    seconds = time.perf_counter() - start
    for name in RELEVANT:
        f = figures[name]
        print(f"recall    {name:15} {f.passed:6,}/{f.documents:<6,} {f.pass_rate:7.2%}")
    for name in GENERAL:
        f = figures[name]
        print(f"rejection {name:15} {f.documents - f.passed:6,}/{f.documents:<6,} {f.rejection_rate:7.2%}")
    documents = sum(f.documents for f in figures.values())
    print(f"reading and judging {documents:,} documents: {documents / seconds:,.0f} documents/s (one core)")
    raws = list(corpus_documents("wikinews", corpus_paths(shared)["wikinews"]))
    start = time.perf_counter()
    for raw in raws * 10:
        gate.judge_raw(raw)
    seconds = time.perf_counter() - start
    print(f"judging alone, Wikinews: {len(raws) * 10 / seconds:,.0f} documents/s (one core)")


if __name__ == "__main__":
    main()
