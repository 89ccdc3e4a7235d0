"""The readers: files, folders, standard input and tables in; bytes kept exactly; every bad input named.

All documents here are invented in the tests (Freedonia and Grand Fenwick are fictional).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
from collections.abc import Iterable
from pathlib import Path

import pytest

from onrecord.ingest import decode, iter_inputs
from onrecord.models import Failure, MediaType, RawDocument, Skipped

LIMIT = 10_000
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0  # root reads files whatever their permissions say


def read(*paths: str | Path, limit: int = LIMIT, **options: object) -> list[RawDocument | Failure | Skipped]:
    return list(iter_inputs([str(p) for p in paths], max_bytes=limit, **options))  # type: ignore[arg-type]


def only(items: Iterable[object], kind: type) -> list:  # type: ignore[type-arg]
    return [item for item in items if isinstance(item, kind)]


def the_failure(items: list[RawDocument | Failure | Skipped]) -> Failure:
    failures = only(items, Failure)
    assert len(failures) == 1, items
    assert failures[0].stage == "read"
    return failures[0]


# --- single documents, folders, standard input ---------------------------------------------------------


def test_text_and_html_files_are_read_as_they_are(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes(b"The envoy of Freedonia spoke.\r\n")
    (tmp_path / "page.HTML").write_bytes(b"<html><body><p>Grand Fenwick replied.</p></body></html>")
    (tmp_path / "old.htm").write_bytes(b"<p>An old page.</p>")
    items = read(tmp_path / "story.txt", tmp_path / "page.HTML", tmp_path / "old.htm")
    assert [(i.media_type, i.data) for i in only(items, RawDocument)] == [
        (MediaType.TEXT, b"The envoy of Freedonia spoke.\r\n"),
        (MediaType.HTML, b"<html><body><p>Grand Fenwick replied.</p></body></html>"),
        (MediaType.HTML, b"<p>An old page.</p>"),
    ]


def test_folders_are_walked_in_name_order_keeping_the_callers_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "b_more").mkdir(parents=True)
    (corpus / "b_more" / "inner.txt").write_text("Inner story.")
    (corpus / "c.txt").write_text("Third story.")
    (corpus / "a.html").write_text("<p>First story.</p>")
    (corpus / "NOTES.md").write_text("# notes")
    (corpus / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (corpus / ".hidden.txt").write_text("not read")
    monkeypatch.chdir(corpus / "b_more")
    items = read("../../corpus/")
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Skipped", "../../corpus/.hidden.txt"),
        ("Skipped", "../../corpus/NOTES.md"),
        ("RawDocument", "../../corpus/a.html"),
        ("RawDocument", "../../corpus/b_more/inner.txt"),
        ("RawDocument", "../../corpus/c.txt"),
        ("Skipped", "../../corpus/photo.png"),
    ]
    notes = items[1]
    assert isinstance(notes, Skipped)
    assert notes.reason == (
        "not a document kind onrecord reads (.md); "
        "it reads .txt .html .htm .csv .jsonl .jsonl.gz .warc .warc.gz .wet .wet.gz"
    )


def test_a_file_of_another_kind_named_explicitly_fails(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "dump.tar.gz").write_bytes(b"\x1f\x8b")
    items = read(tmp_path / "notes.md", tmp_path / "dump.tar.gz")
    assert [f.reason.split(";")[0] for f in only(items, Failure)] == [
        "not a document kind onrecord reads (.md)",
        "not a document kind onrecord reads (.tar.gz)",
    ]


def test_a_missing_path_fails_and_the_next_one_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "there.txt").write_text("A story.")
    items = read(tmp_path / "nowhere.txt", tmp_path / "there.txt")
    assert the_failure(items).reason == "no such file or folder"
    assert len(only(items, RawDocument)) == 1


def test_an_empty_file_fails(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert the_failure(read(tmp_path / "empty.txt")).reason == "empty file (0 bytes)"


def test_a_file_over_the_limit_fails_naming_size_limit_and_setting(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_bytes(b"x" * 12_345)
    reason = the_failure(read(tmp_path / "long.txt")).reason
    assert reason == "the file is 12,345 bytes, over the limit of 10,000 bytes (setting max_document_bytes)"


def test_a_huge_sparse_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:  # 8 GB of holes: reading it would take minutes and all the memory
        file.truncate(8 * 1024**3)
    assert "8,589,934,592 bytes" in the_failure(read(huge)).reason


def test_a_broken_symbolic_link_fails(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    assert the_failure(read(tmp_path)).reason.startswith("a broken symbolic link (to ")


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block for ever
    assert the_failure(read(tmp_path)).reason.startswith("not a regular file (a FIFO (named pipe))")


def test_an_unreadable_file_fails(tmp_path: Path) -> None:
    if ROOT:  # root reads a chmod 000 file: a FIFO stands for the unreadable file instead
        os.mkfifo(tmp_path / "locked.txt")
        expected = "not a regular file"
    else:
        (tmp_path / "locked.txt").write_text("secret")
        (tmp_path / "locked.txt").chmod(0)
        expected = "cannot read: permission denied"
    assert the_failure(read(tmp_path / "locked.txt")).reason.startswith(expected)


def test_an_unreadable_folder_entry_fails_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Readable story.")
    locked = tmp_path / "locked"
    if ROOT:  # root lists a chmod 000 folder: a dangling link stands for the unreachable entry instead
        (tmp_path / "link.txt").symlink_to(tmp_path / "missing" / "x.txt")
        expected = "a broken symbolic link"
    else:
        locked.mkdir()
        (locked / "inside.txt").write_text("hidden")
        locked.chmod(0)
        expected = "cannot list the folder: permission denied"
    (tmp_path / "z.txt").write_text("Another readable story.")
    try:
        items = read(tmp_path)
    finally:
        if locked.exists():
            locked.chmod(0o755)
    assert the_failure(items).reason.startswith(expected)
    assert [i.source for i in only(items, RawDocument)] == [str(tmp_path / "a.txt"), str(tmp_path / "z.txt")]


def test_a_symbolic_link_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("One story.")
    (tmp_path / "again").symlink_to(tmp_path)
    items = read(tmp_path)
    assert len(only(items, RawDocument)) == 1
    assert "already read" in only(items, Skipped)[0].reason


@pytest.mark.parametrize(
    ("data", "media"),
    [
        (b"<!DOCTYPE html><html><body>Freedonia</body></html>", MediaType.HTML),
        (b"\n  <html lang=en><p>Freedonia</p></html>", MediaType.HTML),
        ("<html><body>Fenwick</body></html>".encode("utf-16"), MediaType.HTML),
        (b"The envoy said <b> is a tag, in plain text.", MediaType.TEXT),
        (b"Plain words from Grand Fenwick.", MediaType.TEXT),
    ],
)
def test_standard_input_is_read_as_bytes_and_sniffed(data: bytes, media: MediaType) -> None:
    [item] = read("-", stdin=io.BytesIO(data))
    assert item == RawDocument("-", data, media)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "standard input is empty (0 bytes)"),
        (b"y" * (LIMIT + 1), "standard input is over the limit of 10,000 bytes (setting max_document_bytes)"),
    ],
)
def test_bad_standard_input_fails(data: bytes, reason: str) -> None:
    assert the_failure(read("-", stdin=io.BytesIO(data))).reason.startswith(reason)


# --- CSV -------------------------------------------------------------------------------------------------


def test_csv_rows_keep_their_exact_bytes_and_fields(tmp_path: Path) -> None:
    header = b"Link,Headline,Published,Body,extra\r\n"
    rows = [
        b'https://news.example/1,Freedonia votes,2024-03-01,"The envoy said, ""No.""",x\r\n',
        b'https://news.example/2,"A long, quoted title",2024-03-02,"First line.\r\n\r\nSecond line.",\r\n',
        b",,, Only text here.,\r\n",
    ]
    path = tmp_path / "news.csv"
    path.write_bytes(header + b"".join(rows))
    docs = only(read(path), RawDocument)
    assert [d.data for d in docs] == rows
    assert [d.source for d in docs] == [f"{path}#row={n}" for n in (1, 2, 3)]
    assert dict(docs[0].fields) == {
        "text": 'The envoy said, "No."',
        "url": "https://news.example/1",
        "title": "Freedonia votes",
        "date": "2024-03-01",
    }
    assert docs[1].fields["text"] == "First line.\r\n\r\nSecond line."
    assert dict(docs[2].fields) == {"text": " Only text here."}
    assert all(d.media_type is MediaType.RECORD and d.encoding_hint == "utf-8" for d in docs)
    assert decode(docs[1]).text == "First line.\n\nSecond line."


def test_csv_in_a_legacy_encoding_keeps_its_bytes_and_reads_its_text(tmp_path: Path) -> None:
    text = "La déléguée de la Freedonie a déclaré : « non » – et l’a répété à Genève."
    row = f'1,"{text}"\n'.encode("cp1252")
    (tmp_path / "fr.csv").write_bytes(b"id,article\n" + row * 3)
    docs = only(read(tmp_path / "fr.csv"), RawDocument)
    assert [d.data for d in docs] == [row] * 3
    assert docs[0].fields["text"] == text
    assert docs[0].encoding_hint == "cp1252"


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_csv_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    (tmp_path / "t.csv").write_bytes("text,title\n弗里多尼亚代表团表示关切。,标题\n".encode(codec))
    [doc] = only(read(tmp_path / "t.csv"), RawDocument)
    assert doc.fields["text"] == "弗里多尼亚代表团表示关切。"
    expected = "弗里多尼亚代表团表示关切。,标题\n".encode("utf-16-le" if codec == "utf-16" else "utf-8")
    assert doc.data == expected


def test_csv_with_semicolons(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("titre;contenu\nUn titre;Le texte, avec une virgule.\n")
    [doc] = only(read(tmp_path / "t.csv"), RawDocument)
    assert dict(doc.fields) == {"title": "Un titre", "text": "Le texte, avec une virgule."}


def test_text_column_names_the_text(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("Speech,Speaker\nWe call for restraint.,Envoy of Freedonia\n")
    [doc] = only(read(tmp_path / "t.csv", text_column="speech"), RawDocument)
    assert doc.fields["text"] == "We call for restraint."
    reason = the_failure(read(tmp_path / "t.csv", text_column="words")).reason
    assert reason == "no column named 'words' (given as text_column); columns: ['Speech', 'Speaker']"


def test_a_csv_without_a_text_column_fails_once_naming_its_columns_and_the_synonyms(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "Year,Country,Speaker\n2020,Freedonia,Ms. Envoy\n2021,Fenwick,Mr. Envoy\n"
    )
    reason = the_failure(read(tmp_path / "t.csv")).reason
    assert reason.startswith("no text column: the columns are ['Year', 'Country', 'Speaker']; ")
    assert "text, body, content, article" in reason and "text_column" in reason


def test_bad_csv_rows_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(
        b"title,text\n"
        b"ok 1,Good row one.\n"
        b'bad quote,"Broken "quote" row.\n'
        b"empty text,\n"
        b"too many,fields,here\n"
        b"\n"
        b"ok 2,Good row two.\n"
        b'unterminated,"This quote never ends.\n'
        b"lost,row\n"
    )
    items = read(path)
    assert [d.fields["title"] for d in only(items, RawDocument)] == ["ok 1", "ok 2"]
    assert [(f.source.rsplit("#", 1)[1], f.reason) for f in only(items, Failure)] == [
        ("row=2", "malformed row (line 3): ',' expected after '\"'"),
        ("row=3", "empty text: the 'text' column of this row (line 4) is empty"),
        (
            "row=4",
            "malformed row (line 5): 3 fields where the header has 2 (an unquoted delimiter or quote?)",
        ),
        ("row=6", "malformed row (lines 8-9): unexpected end of data"),
    ]


def test_a_csv_row_over_the_limit_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("title,text\nsmall,Short.\nbig," + "w" * 300 + "\nsmall again,Short too.\n")
    items = read(path, limit=200)
    assert len(only(items, RawDocument)) == 2
    failure = the_failure(items)
    assert failure.source == f"{path}#row=2"
    assert (
        failure.reason
        == "the row (line 3) is 305 bytes, over the limit of 200 bytes (setting max_document_bytes)"
    )


def test_a_csv_row_not_in_the_files_encoding_fails_alone(tmp_path: Path) -> None:
    good = "Good UTF-8: café.\n".encode() * 5000  # the encoding is told from the first 64 KiB
    (tmp_path / "t.csv").write_bytes(b"text\n" + good + b"Bad byte: caf\xe9.\nGood again.\n")
    items = read(tmp_path / "t.csv")
    assert len(only(items, RawDocument)) == 5001
    failure = the_failure(items)
    assert failure.source.endswith("#row=5001")
    assert failure.reason.startswith("line 5002 is not utf-8: byte 0xe9 at column 14")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"title,text\n", "the file has a header but no rows"),
        (b"\n\n", "no text column: the columns are []"),
    ],
)
def test_csv_without_rows_fails(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "t.csv").write_bytes(content)
    assert the_failure(read(tmp_path / "t.csv")).reason.startswith(reason)


def test_gzipped_csv_is_read(tmp_path: Path) -> None:
    (tmp_path / "t.csv.gz").write_bytes(gzip.compress(b"text\nOne.\nTwo.\n"))
    assert [d.data for d in only(read(tmp_path / "t.csv.gz"), RawDocument)] == [b"One.\n", b"Two.\n"]


def test_a_truncated_gzip_yields_the_rows_before_the_break_then_fails(tmp_path: Path) -> None:
    rows = "".join(
        f"Row number {n} of a long table about Freedonia {n * 7919 % 1000}.\n" for n in range(3000)
    )
    packed = gzip.compress(("text\n" + rows).encode())
    (tmp_path / "t.csv.gz").write_bytes(packed[: len(packed) // 2])
    items = read(tmp_path / "t.csv.gz")
    docs = only(items, RawDocument)
    assert 100 < len(docs) < 3000
    assert [d.data.decode() for d in docs] == rows.splitlines(keepends=True)[: len(docs)]
    failure = the_failure(items)
    assert items[-1] == failure
    assert failure.reason.startswith(f"the file breaks off after row {len(docs)} (line ")
    assert "the compressed file is truncated" in failure.reason


def test_a_large_csv_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    row = 'https://news.example/{n},Freedonia item {n},2024-01-01,"Text of item {n}, {pad}"\n'
    with path.open("w") as file:
        file.write("url,title,date,text\n")
        for n in range(100_000):
            file.write(row.format(n=n, pad="p" * 60))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_inputs([str(path)], max_bytes=LIMIT) if isinstance(item, RawDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    assert peak < size / 10, f"peak {peak:,} bytes while reading {size:,}: the rows were not streamed"


# --- JSONL -----------------------------------------------------------------------------------------------


def test_jsonl_rows(tmp_path: Path) -> None:
    lines = [
        json.dumps({"Content": "The envoy spoke.", "Headline": "Envoy speaks", "year": 2024}) + "\n",
        "\n",
        json.dumps({"content": "Fenwick replied.", "link": "https://news.example/2"}, ensure_ascii=False)
        + "\n",
        '{"content": "No final newline."}',
    ]
    (tmp_path / "t.jsonl").write_text("".join(lines))
    docs = only(read(tmp_path / "t.jsonl"), RawDocument)
    assert [d.data.decode() for d in docs] == [lines[0], lines[2], lines[3]]
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["row=1", "row=2", "row=3"]
    assert dict(docs[0].fields) == {"text": "The envoy spoke.", "title": "Envoy speaks"}
    assert dict(docs[1].fields) == {"text": "Fenwick replied.", "url": "https://news.example/2"}


def test_bad_jsonl_rows_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "t.jsonl").write_text(
        '{"text": "Good one."}\n'
        '{"text": "Broken\n'
        '["a", "list"]\n'
        '{"text": 42}\n'
        '{"body": "A synonym is fine."}\n'
        '{"title": "No text key"}\n'
        '{"text": "   "}\n'
        '{"text": "Good two."}\n'
    )
    items = read(tmp_path / "t.jsonl")
    assert [d.fields["text"] for d in only(items, RawDocument)] == [
        "Good one.",
        "A synonym is fine.",
        "Good two.",
    ]
    reasons = [f.reason for f in only(items, Failure)]
    assert reasons[0].startswith("malformed row (line 2): not JSON: Invalid control character")
    assert reasons[1] == "malformed row (line 3): a JSON list where an object was expected"
    assert reasons[2] == "the 'text' value is a JSON int, not a string"
    assert reasons[3].startswith("no text column: the keys are ['title']")
    assert reasons[4] == "empty text: the 'text' column of this row (line 7) is empty"


def test_a_jsonl_file_whose_first_row_has_no_text_fails_once(tmp_path: Path) -> None:
    (tmp_path / "t.jsonl").write_text('{"iso3": "FRD", "year": 2020}\n' * 500)
    reason = the_failure(read(tmp_path / "t.jsonl")).reason
    assert reason.startswith("no text column: the keys are ['iso3', 'year']")
    assert reason.endswith("(in its first row)")


def test_a_jsonl_gz_that_is_not_gzip_fails(tmp_path: Path) -> None:
    (tmp_path / "t.jsonl.gz").write_bytes(b'{"text": "plain, not compressed"}\n')
    assert "the compressed file is corrupt" in the_failure(read(tmp_path / "t.jsonl.gz")).reason


def test_a_truncated_jsonl_gz_keeps_the_rows_before(tmp_path: Path) -> None:
    body = "".join(
        json.dumps({"text": f"Statement {n} by the envoy of Freedonia, {n * 31 % 97}."}) + "\n"
        for n in range(2000)
    )
    packed = gzip.compress(body.encode())
    (tmp_path / "t.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    items = read(tmp_path / "t.jsonl.gz")
    assert len(only(items, RawDocument)) > 100
    assert items[-1] == the_failure(items)
    assert "the compressed file is truncated" in items[-1].reason  # type: ignore[union-attr]


# --- shared data -----------------------------------------------------------------------------------------


@pytest.mark.data
def test_the_wikinews_tables_yield_295_records_with_text(shared: Path) -> None:
    items = read(shared / "data" / "news", limit=20_000_000)
    docs = only(items, RawDocument)
    assert len(docs) == 295
    assert all(d.fields["text"].strip() and d.fields.keys() >= {"url", "title", "date"} for d in docs)
    assert not only(items, Failure)
    assert [s.source.rsplit("/", 1)[1] for s in only(items, Skipped)] == ["SOURCE.md"]
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):  # the rows' bytes are the file, less its header
        whole = (shared / "data" / "news" / name).read_bytes()
        rows = b"".join(d.data for d in docs if d.source.startswith(f"{shared}/data/news/{name}#"))
        assert whole.endswith(rows) and whole[: len(whole) - len(rows)].count(b"\n") == 1


@pytest.mark.data
def test_the_seeds_yield_two_texts_and_skip_the_expectations(shared: Path) -> None:
    items = read(shared / "seeds", limit=20_000_000)
    assert [(type(i).__name__, Path(i.source).suffix) for i in items] == [
        ("RawDocument", ".txt"),
        ("RawDocument", ".txt"),
        ("Skipped", ".json"),
    ]
    assert all(decode(d).text.strip() for d in only(items, RawDocument))
