"""Web archives: responses with pages become documents; damaged archives keep what came before the damage.

The archives are written here with warcio's own writer; the pages are invented.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.ingest import decode, iter_inputs
from onrecord.models import Failure, MediaType, RawDocument, Skipped

PAGE = "<html><head><title>Freedonia</title></head><body><p>The envoy’s “reply”: café.</p></body></html>"


def response(
    writer: WARCWriter, uri: str, body: bytes, content_type: str | None, status: str = "200 OK"
) -> None:
    headers = [("Content-Type", content_type)] if content_type else []
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    # ``length`` given, so that warcio does not buffer the payload in a temporary file it never closes
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
    )
    writer.write_record(record)


def archive(gzipped: bool, pages: int = 0) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "onrecord tests"}))
    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a", "request", payload=io.BytesIO(b""), length=0, http_headers=request
        )
    )
    response(writer, "https://news.example/a", PAGE.encode("cp1252"), "text/html; charset=windows-1252")
    response(writer, "https://news.example/b.txt", b"Plain words from Grand Fenwick.", "text/plain")
    response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(40), "image/png")
    response(writer, "https://news.example/gone", b"<p>Not found</p>", "text/html", status="404 Not Found")
    response(writer, "https://news.example/bare", b"<!doctype html><p>No type given.</p>", None)
    for n in range(pages):
        body = f"<html><body><p>Story {n} about Freedonia and its neighbours.</p></body></html>".encode()
        response(writer, f"https://news.example/story/{n}", body, "text/html; charset=utf-8")
    return buffer.getvalue()


def write(tmp_path: Path, gzipped: bool, data: bytes) -> Path:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data)
    return path


def read(path: Path, limit: int = 100_000) -> list[RawDocument | Failure | Skipped]:
    return list(iter_inputs([str(path)], max_bytes=limit))


@pytest.mark.parametrize("gzipped", [False, True])
def test_responses_with_pages_become_documents(tmp_path: Path, gzipped: bool) -> None:
    items = read(write(tmp_path, gzipped, archive(gzipped)))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("RawDocument", "https://news.example/a"),
        ("RawDocument", "https://news.example/b.txt"),
        ("Skipped", "https://news.example/logo.png"),
        ("Skipped", "https://news.example/gone"),
        ("RawDocument", "https://news.example/bare"),
    ]
    page, text, logo, gone, bare = items
    assert isinstance(page, RawDocument) and isinstance(text, RawDocument) and isinstance(bare, RawDocument)
    assert page.data == PAGE.encode("cp1252")
    assert (page.media_type, page.encoding_hint, dict(page.fields)) == (
        MediaType.HTML,
        "windows-1252",
        {"url": "https://news.example/a"},
    )
    assert decode(page).text == PAGE
    assert (text.media_type, text.data) == (MediaType.TEXT, b"Plain words from Grand Fenwick.")
    assert bare.media_type is MediaType.HTML
    assert (
        isinstance(logo, Skipped)
        and logo.reason == "a WARC response of Content-Type image/png, not HTML or text"
    )
    assert isinstance(gone, Skipped) and gone.reason == "HTTP status 404: not a page"


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_response_over_the_limit_fails_alone(tmp_path: Path, gzipped: bool) -> None:
    limit = len(PAGE.encode("cp1252")) - 1  # the stories' bodies are shorter
    items = read(write(tmp_path, gzipped, archive(gzipped, pages=2)), limit=limit)
    failure = next(i for i in items if isinstance(i, Failure))
    assert failure.source == "https://news.example/a"
    assert failure.reason == (
        f"the response body is over the limit of {limit:,} bytes (setting max_document_bytes); "
        "it was not read further"
    )
    assert [i.source for i in items if isinstance(i, RawDocument)][-2:] == [
        "https://news.example/story/0",
        "https://news.example/story/1",
    ]


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("keep", [0.97, 0.8, 0.6])
def test_a_truncated_archive_yields_the_records_before_the_break_then_one_failure(
    tmp_path: Path, gzipped: bool, keep: float
) -> None:
    whole = archive(gzipped, pages=30)
    complete = [i.source for i in read(write(tmp_path, gzipped, whole)) if isinstance(i, RawDocument)]
    items = read(write(tmp_path, gzipped, whole[: int(len(whole) * keep)]))
    docs = [i.source for i in items if isinstance(i, RawDocument)]
    assert 3 <= len(docs) < len(complete)
    assert docs == complete[: len(docs)]  # the records before the damage, intact and in order
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1 and items[-1] == failures[0]
    assert failures[0].stage == "read" and failures[0].source.endswith(("crawl.warc", "crawl.warc.gz"))
    assert "breaks off" in failures[0].reason


def test_a_gzip_cut_in_its_last_bytes_is_still_damage(tmp_path: Path) -> None:
    whole = archive(True, pages=1)
    items = read(write(tmp_path, True, whole[:-3]))  # the last member loses part of its checksum trailer
    assert isinstance(items[-1], Failure)
    assert "the compressed file is truncated" in items[-1].reason


def test_a_file_that_is_not_a_warc_fails(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"These are notes about Freedonia, saved with the wrong name.\n")
    [failure] = read(path)
    assert isinstance(failure, Failure) and failure.stage == "read"
    assert "WARC" in failure.reason
