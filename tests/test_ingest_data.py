"""Ingest on the shared data sets, held to the floors in ``tests/floors/ingest.json`` (never lowered)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from onrecord.errors import IngestError
from onrecord.ingest import decode, iter_inputs
from onrecord.models import Failure, RawDocument

FLOORS = json.loads((Path(__file__).parent / "floors" / "ingest.json").read_text())
LIMIT = 20_000_000


@pytest.mark.data
@pytest.mark.parametrize(
    ("relative", "floor"),
    [
        ("data/ungdc/speeches_s01-s77.jsonl.gz", "ungdc_speeches_records"),
        ("data/upr/recommendations_s01-s15.csv", "upr_recommendations_records"),
    ],
)
def test_every_row_of_the_shared_tables_is_read(shared: Path, relative: str, floor: str) -> None:
    records = failures = 0
    for item in iter_inputs([str(shared / relative)], max_bytes=LIMIT):
        if isinstance(item, RawDocument):
            records += bool(item.fields["text"].strip())
        elif isinstance(item, Failure):
            failures += 1
    assert records >= FLOORS[floor]
    assert failures == 0


@pytest.mark.data
def test_the_working_group_reports_decode(shared: Path) -> None:
    docs = [i for i in iter_inputs([str(shared / "data" / "upr" / "wg_reports")], max_bytes=LIMIT)]
    assert docs and all(isinstance(d, RawDocument) for d in docs)
    decoded = 0
    for doc in docs:
        assert isinstance(doc, RawDocument)
        with contextlib.suppress(IngestError):  # a failure counts against the share
            decoded += bool(decode(doc).text.strip())
    assert decoded / len(docs) >= FLOORS["upr_wg_reports_decoded_share"]
