"""Audit of the statements exported from the UPR Working Group reports: what no scorer counts.

    .venv/bin/python benchmarks/wg_audit.py STATEMENTS.jsonl [--reports DIR] [--sample 100] [--seed 17]

STATEMENTS.jsonl is `onrecord export --what statements --format jsonl` of an ingest of the reports
(`onrecord ingest ../shared/data/upr/wg_reports --db wg.db`). Counted, by the rules of
onrecord.evaluation.attribution.audit_wg (also printed by `onrecord eval wg`): heading lines taken as
statements ("B. Interactive dialogue and responses by the State under review"), and statements whose
speaker is not a State (onrecord.attribution.unreports.state_name: the country lexicon's names, the UN's
formal and former names), not the State under review's delegation, officials or Government, and not a
body, office or group of the lexicons, listed by kind with their names. Then a random sample of
statements (speaker and content) to read by eye.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from onrecord.evaluation.attribution import WG_KINDS, audit_wg, wg_heading, wg_speaker_error
from onrecord.text import state_under_review


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("export", type=Path)
    parser.add_argument("--reports", type=Path, default=Path("../shared/data/upr/wg_reports"))
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--names", type=int, default=12, help="names listed per kind")
    args = parser.parse_args()
    by_report: dict[str, list[dict[str, Any]]] = {}
    with args.export.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                source = Path(str((row.get("document") or {}).get("source") or "")).name
                by_report.setdefault(source, []).append(row)
    reviewed = {
        name: state_under_review((args.reports / name).read_text(encoding="utf-8"))
        for name in by_report
        if (args.reports / name).is_file()
    }
    audit = audit_wg(by_report, reviewed)
    print(f"reports {len(by_report)}")
    print(audit)
    names: dict[str, Counter[str]] = {}
    for report, rows in by_report.items():
        for row in rows:
            speaker = row.get("speaker") or {}
            content = str((row.get("content") or {}).get("text") or "")
            kind = "heading" if wg_heading(content) else wg_speaker_error(speaker, reviewed.get(report))
            if kind is not None:
                names.setdefault(kind, Counter())[str(speaker.get("name"))] += 1
    for kind, counted in sorted(names.items(), key=lambda item: -sum(item[1].values())):
        listed = ", ".join(f"{name} {n}" for name, n in counted.most_common(args.names))
        more = len(counted) - args.names
        print(
            f"\n{kind}: {WG_KINDS.get(kind, 'heading lines')}: {sum(counted.values())} statements, "
            f"{len(counted)} names\n  {listed}" + (f", and {more} more" if more > 0 else "")
        )
    rows = [(report, row) for report, mine in sorted(by_report.items()) for row in mine]
    if args.sample and rows:
        print(f"\na random sample of {min(args.sample, len(rows))} statements (seed {args.seed}):")
        for report, row in random.Random(args.seed).sample(rows, min(args.sample, len(rows))):
            content = " ".join(str((row.get("content") or {}).get("text") or "").split())
            print(f"{row.get('id', '')}\t{report}\t{(row.get('speaker') or {}).get('name')}\t{content[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
