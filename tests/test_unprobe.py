"""Generalisation probes: eight UN pages the project invented (tests/data/unprobe), scored as the shared are.

The pages imitate the genres of the shared ``data/unmeetings`` set without copying any real text, and
their gold was written before onrecord was run on them. The shared checker scores them with its ``GOLD``
pointed at the probes' gold: no found statement may have a wrong speaker, and recall, on-behalf-of and
the share of spurious statements hold the floors in tests/floors/attribution.json (``unprobe``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import run as cli

PROBES = Path(__file__).parent / "data" / "unprobe"
_TOTAL = re.compile(
    r"recall (?P<found>\d+)/(?P<gold>\d+) = [\d.]+; "
    r"speaker right (?P<right>\d+)/\d+ = [\d.]+ \((?P<wrong>\d+) wrong\); "
    r"on-behalf-of right (?P<obo>\d+)/\d+; spurious (?P<spurious>\d+) of (?P<exported>\d+) exported"
)
# the shared checker with its gold pointed at the probes' gold
_SCORE = (
    "import importlib.util, sys\n"
    "from pathlib import Path\n"
    "spec = importlib.util.spec_from_file_location('check_unmeetings', sys.argv.pop(1))\n"
    "checker = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(checker)\n"
    "checker.GOLD = Path(sys.argv.pop(1))\n"
    "checker.main()\n"
)


@pytest.mark.data
def test_probe_pages_have_no_wrong_speaker_and_hold_their_floors(shared: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "probe.db", tmp_path / "probe.jsonl"
    assert "failed 0" in cli("ingest", str(PROBES / "pages"), "--db", str(db), "--workers", "1")
    cli("export", "--what", "statements", "--format", "jsonl", "--output", str(out), "--db", str(db))
    script = shared / "checks" / "check_unmeetings.py"
    result = subprocess.run(
        [sys.executable, "-c", _SCORE, str(script), str(PROBES / "gold.jsonl"), str(out), "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    total = next((line for line in result.stdout.splitlines() if line.startswith("total:")), "")
    match = _TOTAL.search(total)
    assert match is not None, result.stdout + result.stderr
    got = {k: int(v) for k, v in match.groupdict().items()}
    floors = json.loads((Path(__file__).parent / "floors" / "attribution.json").read_text())["unprobe"]
    assert got["wrong"] == 0, result.stdout
    assert got["found"] / got["gold"] >= floors["recall"], total
    assert got["obo"] >= floors["on_behalf_of_right"], total
    assert got["spurious"] / got["exported"] <= floors["spurious_share_max"], total
