"""Common Crawl's WET files: each ``conversion`` record (a page's extracted text) is one text document.

The archives are written here with warcio's own writer; the texts are invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from onrecord.ingest import iter_inputs
from onrecord.models import Failure, MediaType, RawDocument

COUNCIL = "Ambassador Rena Tolvik told the Security Council that the ceasefire must hold, the UN said."


def wet(gzipped: bool, texts: dict[str, str]) -> bytes:
    """A WET file: a warcinfo record, then one conversion record per URI."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("test.wet", {"software": "onrecord tests"}))
    for uri, text in texts.items():
        body = text.encode("utf-8")
        record = writer.create_warc_record(
            uri, "conversion", payload=io.BytesIO(body), length=len(body), warc_content_type="text/plain"
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize("gzipped", [False, True])
def test_conversion_records_become_text_documents(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.wet.gz" if gzipped else "crawl.wet")
    path.write_bytes(wet(gzipped, {"https://news.example/a": COUNCIL, "https://news.example/empty": "  "}))
    items = list(iter_inputs([str(path)], max_bytes=100_000))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("RawDocument", "https://news.example/a"),
        ("Failure", "https://news.example/empty"),
    ]
    doc, empty = items
    assert isinstance(doc, RawDocument) and isinstance(empty, Failure)
    assert doc.media_type is MediaType.TEXT and doc.data.decode() == COUNCIL
    assert doc.fields["url"] == "https://news.example/a" and doc.encoding_hint == "utf-8"
    assert "empty body" in empty.reason


def test_a_conversion_record_over_the_limit_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "crawl.wet"
    path.write_bytes(wet(False, {"https://news.example/long": COUNCIL * 10}))
    [item] = list(iter_inputs([str(path)], max_bytes=100))
    assert isinstance(item, Failure) and "over the limit of 100 bytes" in item.reason
