"""The event of UN General Debate speeches (UNGDC): the body is the General Assembly, and where a
speech names its session the number is the corpus's. A fixed sample (every 50th speech) keeps it quick."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from onrecord.events import find_event
from onrecord.models import Article

FLOORS = json.loads((Path(__file__).parent / "floors" / "events.json").read_text(encoding="utf-8"))


@pytest.mark.data
def test_general_debate_speeches_name_the_assembly_and_its_session(shared: Path) -> None:
    path = shared / "data" / "ungdc" / "speeches_s01-s77.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle][::50]
    assembly = named = right = 0
    for row in rows:
        event = find_event(Article(text=row["text"]))
        if event is None:
            continue
        assembly += event.body == "UN General Assembly"
        if event.session is not None:
            named += 1
            right += event.session == int(row["session"])
    body_rate = assembly / len(rows)
    session_precision = right / named
    print(f"ungdc sample {len(rows)}: GA {body_rate:.3f}, sessions {named}, right {session_precision:.3f}")
    assert body_rate >= FLOORS["ungdc_sample_body_is_general_assembly"]
    assert session_precision >= FLOORS["ungdc_sample_session_precision"]
