"""``onrecord eval wg`` counts what the shared check ``checks/check_wg.py`` counts, the same way.

The rules are pinned on a made-up report and its exported statements, and the shared check is run on the
very same report and rows: the two must give the same paragraphs and the same found. The audit that
``onrecord eval wg`` adds (heading lines and speakers that are no State) is pinned on made-up rows.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from onrecord.evaluation.attribution import audit_wg, score_wg, wg_event_found, wg_heading

REPORT = """Report of the Working Group on the Universal Periodic Review: Freedonia
I. Summary of the proceedings of the review process
A. Presentation by the State under review
5. The delegation presented the national report on coastal villages.
B. Interactive dialogue and responses by the State under review
6. The United Kingdom welcomed the new fisheries law.
7. The United States asked about the harbour commission.
8. France asked about the river convention.
9. The Republic of Korea noted the progress made on housing.
10. As noted by the delegation, a harbour commission had been set up.
11. Brazil commended the census of fishing villages.
II. Conclusions and/or recommendations
12. Chile asked about the recommendations below.
"""

EVENT = {"body": "UPR Working Group", "kind": "UPR review", "state_under_review": "Freedonia"}


def _row(text: str, speaker: str, event: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "document": {"source": "/reports/freedonia2010.txt"},
        "speaker": {"name": speaker},
        "content": {"text": text},
        "event": event,
    }


ROWS = [
    _row("the new fisheries law.", "United Kingdom of Great Britain and Northern Ireland", EVENT),
    _row("about the harbour commission.", "United Kingdom"),  # not every word of "United States"
    _row("about the river convention.", "France"),
    _row("the progress made on housing.", "Democratic People's Republic of Korea"),  # shares "korea"
    _row("a harbour commission had been set up.", "Freedonia"),  # "As" is no State: never found
    _row("the new fisheries law.", "Brazil"),  # Brazil's name, another paragraph's content
    _row("about the recommendations below.", "Chile"),  # after the dialogue: not a paragraph counted
]


def test_the_checks_rules() -> None:
    # paragraphs 6-11 are counted (10 opens with "As", which the check takes for a name); found: the
    # United Kingdom by every word of its name, France, and the Republic of Korea by a word in common
    assert score_wg(REPORT, ROWS) == (6, 3)
    assert score_wg(REPORT, []) == (6, 0)
    assert score_wg(REPORT, [_row("about the river convention.", None)]) == (6, 0)  # type: ignore[arg-type]


def test_the_event_of_the_review() -> None:
    assert wg_event_found(Path("freedonia2010.txt"), ROWS)
    assert not wg_event_found(Path("sylvania2010.txt"), ROWS)
    assert not wg_event_found(Path("freedonia2010.txt"), [_row("x", "France", {"body": "Security Council"})])
    assert not wg_event_found(Path("freedonia2010.txt"), [])


@pytest.mark.data
def test_the_shared_check_counts_the_same(shared: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "freedonia2010.txt").write_text(REPORT, encoding="utf-8")
    export = tmp_path / "statements.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(shared / "checks" / "check_wg.py"), str(reports), str(export), "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    counted = re.search(r"found with the right State: (\d+)/(\d+)", result.stdout)
    assert counted is not None, result.stdout + result.stderr
    assert (int(counted[2]), int(counted[1])) == score_wg(REPORT, ROWS)
    assert "events with UPR review and State under review 1/1" in result.stdout


def test_the_audit_of_the_statements() -> None:
    rows = {
        "freedonia2010.txt": [
            _row("B. Interactive dialogue and responses by the State under review", "Freedonia"),
            _row("II. CONCLUSIONS AND/OR RECOMMENDATIONS", "Freedonia"),
            _row("the new fisheries law.", "United Kingdom of Great Britain and Northern Ireland"),
            _row("about the river convention.", "Saudia Arabia"),  # misspelt in the report: a State
            _row("the census.", "Freedonia"),
            _row("the census was complete.", "Government of Freedonia"),
            _row("the census was complete.", "European Union"),
            _row("its own set of challenges.", "While Croatia"),
            _row("the host of the meeting.", "Tashkent"),
            _row("celebrated in the capital.", "United Nations Day of Vesak"),
            _row("made during the dialogue.", "Recommendations"),
            _row("was committed to the census.", "Government"),
            _row("the census was complete.", "Head of Delegation"),
            _row("the census was complete.", "Ms. Tolvik"),
        ],
    }
    rows["freedonia2010.txt"].append(
        {
            "speaker": {"name": "Minister", "kind": "person", "on_behalf_of": "Freedonia"},
            "content": {"text": "it."},
        }
    )
    audit = audit_wg(rows, {"freedonia2010.txt": "Freedonia"})
    assert (audit.statements, audit.headings, audit.wrong_speakers) == (15, 2, 7)
    assert audit.wrong == {"word": 1, "place": 1, "other": 2, "government": 1, "title": 1, "person": 1}
    assert "heading lines taken as statements: 2" in str(audit)
    assert "statements whose speaker is not a State or a known office: 7" in str(audit)
    assert wg_heading("B.  Interactive dialogue and responses by the State under review")
    assert not wg_heading("Chile asked about the fisheries law.")
    assert not wg_heading("B. The delegation stated that the law was adopted.")
