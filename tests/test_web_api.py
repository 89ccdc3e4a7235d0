"""The JSON API and the pages, in process (Starlette's TestClient over the app itself, no server and no
``../shared``: the store is built from the project's examples and a few hostile documents written
here), plus one end-to-end check against a real ``onrecord serve``."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from onrecord.process import ingest
from onrecord.search import MAX_PAGE_SIZE
from onrecord.settings import Settings
from onrecord.store import Store
from onrecord.store.filters import FILTERS
from onrecord.web import create_app
from onrecord.web.app import SECURITY_HEADERS
from onrecord.web.routes import RESOURCES

ROOT = Path(__file__).resolve().parent.parent

# markup in a quotation: every page must show it as text
HOSTILE = """Delegates clash over <b>markup</b> at the Council

The delegate of Veldoria, Ambassador Rena Tolvik, told the Human Rights Council on Monday 3 March 2025
that "<script>alert('onrecord')</script> human rights must never be used as a pretext to interfere in
the internal affairs of states," and called for dialogue.
"""

# a document whose address is a script: never a link on a page
SCRIPTED_URL = """url,date,title,text
javascript:alert(document.cookie),2025-03-05,Envoy warns of shrinking civic space,"The envoy of \
Veldoria, Rena Tolvik, said on Wednesday that ""civil society must be free to speak without \
reprisal,"" and urged states to protect defenders."
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store: the examples, a document holding markup, one with a javascript: address."""
    folder = tmp_path_factory.mktemp("web")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (inputs / "scripted.csv").write_text(SCRIPTED_URL, encoding="utf-8")
    path = folder / "web.db"
    with Store(path) as store:
        summary = ingest([str(ROOT / "examples"), str(inputs)], store, Settings.load({}, db=path))
    assert summary.failed == 0 and summary.ingested >= 6
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as http:
        yield http


def _tolvik(client: TestClient) -> dict[str, Any]:
    found = client.get("/api/v1/statements", params={"q": "pretext to interfere"}).json()
    tolvik = [item for item in found["items"] if item["speaker"]["name"] == "Rena Tolvik"]
    assert tolvik, [item["speaker"]["name"] for item in found["items"]]
    return dict(tolvik[0])


def test_search_finds_a_statement_as_json(client: TestClient) -> None:
    response = client.get("/api/v1/statements", params={"q": "pretext to interfere"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["total"] == len(body["items"]) >= 1
    tolvik = _tolvik(client)
    assert "«pretext»" in tolvik["highlighted"]
    assert tolvik["document"]["source"].endswith("hostile.txt")


def test_filters_paging_and_facets(client: TestClient) -> None:
    everything = client.get("/api/v1/statements", params={"limit": MAX_PAGE_SIZE, "facet": ""}).json()
    assert everything["total"] == len(everything["items"]) > 10 and everything["facets"] == {}
    by_tolvik = client.get(
        "/api/v1/statements", params={"speaker": "tolvik", "facet": ["speaker", "position"]}
    ).json()
    assert 0 < by_tolvik["total"] < everything["total"]
    assert {i["speaker"]["name"] for i in by_tolvik["items"]} == {"Rena Tolvik"}
    assert sum(f["count"] for f in by_tolvik["facets"]["speaker"]) == by_tolvik["total"]
    assert by_tolvik["filters"] == {"speaker": "tolvik"}
    in_2024 = client.get("/api/v1/statements", params={"from": "2024-01-01", "to": "2024-12-31"}).json()
    assert 0 < in_2024["total"] < everything["total"]
    assert in_2024["filters"] == {"from": "2024-01-01", "to": "2024-12-31"}
    first = client.get("/api/v1/statements", params={"limit": 3}).json()["items"]
    second = client.get("/api/v1/statements", params={"limit": 3, "offset": 3}).json()["items"]
    assert len(first) == len(second) == 3 and not {i["id"] for i in first} & {i["id"] for i in second}


def test_downloads_hold_every_match(client: TestClient) -> None:
    total = client.get("/api/v1/statements", params={"q": "rights"}).json()["total"]
    jsonl = client.get("/api/v1/statements", params={"q": "rights", "format": "jsonl"})
    assert "attachment" in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(rows) == total > 0 and all(r["content"]["text"] for r in rows)
    table = list(csv.DictReader(io.StringIO(client.get("/api/v1/statements?q=rights&format=csv").text)))
    assert len(table) == total and {r["statement_id"] for r in table} == {str(r["id"]) for r in rows}


@pytest.mark.parametrize("download", ["csv", "jsonl"])
def test_a_bad_query_in_a_download_is_a_clear_error(client: TestClient, download: str) -> None:
    response = client.get("/api/v1/statements", params={"q": "NEAR(", "format": download})
    assert response.status_code == 400 and "cannot read the query" in response.json()["error"]


def test_every_record_route_answers(client: TestClient) -> None:
    tolvik = _tolvik(client)
    speaker = client.get(f"/api/v1/speakers/{tolvik['speaker']['id']}").json()
    assert speaker["name"] == "Rena Tolvik" and speaker["statements"]["total"] >= 2
    statement = client.get(f"/api/v1/statements/{tolvik['id']}").json()
    content = statement["content"]
    assert statement["document"]["text"][content["start"] : content["end"]] == content["text"]
    assert client.get("/api/v1/speakers", params={"name": "tolv"}).json()["items"][0]["name"] == "Rena Tolvik"
    events = client.get("/api/v1/events").json()["items"]
    assert events
    assert client.get(f"/api/v1/events/{events[0]['id']}").json()["event"]["body"] == events[0]["body"]
    positions = client.get("/api/v1/positions").json()["items"]
    taken = [p for p in positions if p["statements"]]
    assert taken
    one = client.get(f"/api/v1/positions/{taken[0]['id']}").json()
    assert (
        sum(sum(s["counts"]) for s in one["timeline"]["series"]) + one["timeline"]["undated"]
        == (taken[0]["statements"])
    )
    assert client.get("/api/v1/topics").json()["items"]
    documents = client.get("/api/v1/documents").json()
    assert documents["total"] == len(documents["items"]) >= 6
    assert client.get(f"/api/v1/documents/{documents['items'][0]['id']}").json()["text"]
    timeline = client.get("/api/v1/timeline", params={"speaker": "tolvik", "by": "speaker"}).json()
    assert timeline["by"] == "speaker" and timeline["series"][0]["label"] == "Rena Tolvik"
    compared = client.get("/api/v1/compare", params={"a": "Tolvik", "b": "Marrow", "by": "kind"}).json()
    assert compared["left"]["total"] >= 2 and compared["right"]["total"] >= 1 and compared["rows"]
    within = client.get("/api/v1/compare", params={"a": "Tolvik", "b": "Marrow", "kind": "direct"}).json()
    assert within["left"]["total"] < compared["left"]["total"]  # the filters narrow both sides


# a value the page and the JSON twin both show, by resource: the twin's data must appear on the page
def _shown(data: Any) -> set[str]:
    """The names, titles and totals in a resource's data (what any of its pages shows of it)."""
    shown: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"name", "title"} and isinstance(value, str) and value:
                shown.add(html.escape(value, quote=False))
            elif key == "total" and isinstance(value, int):
                shown.add(str(value))
            elif key not in {"document", "accounts", "counter", "timeline", "facets"}:
                shown |= _shown(value)
    elif isinstance(data, list):
        for value in data:
            shown |= _shown(value)
    return shown


def _page_paths(client: TestClient) -> list[str]:
    """A real address for every page route (ids taken from the store)."""
    tolvik = _tolvik(client)
    positions = client.get("/api/v1/positions").json()["items"]
    ids = {
        "statement_id": tolvik["id"],
        "speaker_id": tolvik["speaker"]["id"],
        "event_id": client.get("/api/v1/events").json()["items"][0]["id"],
        "position_id": next(p["id"] for p in positions if p["statements"]),
    }
    paths = [
        re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), r.page_path) for r in RESOURCES if r.template
    ]
    return [*paths, "/?q=rights&speaker=tolvik", "/compare?a=Tolvik&b=Marrow", "/speakers?limit=3"]


def test_every_page_shows_the_data_of_its_json_twin(client: TestClient) -> None:
    for path in _page_paths(client):
        page = client.get(path)
        assert page.status_code == 200, path
        twin = html.unescape(page.text.split('class="twin" href="')[1].split('"')[0])
        response = client.get(twin)
        assert response.headers["content-type"] == "application/json", twin
        missing = {value for value in _shown(response.json()) if value not in page.text}
        assert not missing, f"{path}: its twin {twin} has {sorted(missing)[:5]} that the page does not show"


def test_pages_show_what_a_reader_uses(client: TestClient) -> None:
    """What the browser test clicks through, checked here without a browser."""
    tolvik = _tolvik(client)
    search = client.get("/", params={"q": "rights", "limit": 2}).text
    assert (
        'data-facet="speaker"' in search and 'rel="next" href="?q=rights&amp;limit=2&amp;offset=2"' in search
    )
    facet_link = re.search(r'data-facet="speaker">.*?<a href="([^"]+)"', search, re.S)
    assert facet_link and "speaker=" in facet_link.group(1)
    statement = client.get(f"/statements/{tolvik['id']}").text
    said = re.search(r'<mark class="content[^"]*" id="said">([^<]*)</mark>', statement)
    assert said and html.unescape(said.group(1)) in tolvik["content"]["text"]
    speaker = client.get(f"/speakers/{tolvik['speaker']['id']}").text
    assert speaker.count("<svg") >= 2
    compared = client.get("/compare", params={"a": "Tolvik", "b": "Marrow", "by": "kind"}).text
    assert "<meter" in compared and "Tolvik and Marrow" in compared


def test_a_page_and_its_twin_take_the_same_parameters(client: TestClient) -> None:
    assert client.get("/speakers?limit=501").status_code == 400
    assert client.get("/api/v1/speakers?limit=501").status_code == 422
    two = client.get("/api/v1/speakers?limit=2&offset=1").json()
    page = client.get("/speakers?limit=2&offset=1").text
    assert len(two["items"]) == 2 and all(html.escape(s["name"], quote=False) in page for s in two["items"])
    assert client.get("/compare?a=&b=China").status_code == 200
    assert client.get("/api/v1/compare?a=&b=China").json()["left"] is None


def test_openapi_describes_the_routes_and_every_filter(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert client.get("/api/v1/openapi.json").json() == spec
    listed = client.get("/api")
    assert listed.status_code == 200 and all(f"GET {path}" in listed.text for path in spec["paths"])
    schema = {"/api/v1/schema/{table}"}  # the export schemas: JSON only
    assert {"/api/v1" + r.path for r in RESOURCES} | schema == set(spec["paths"])  # pages are not in the API
    assert {m for route in spec["paths"].values() for m in route} == {"get"}  # read-only
    parameters = {p["name"] for p in spec["paths"]["/api/v1/statements"]["get"]["parameters"]}
    assert {f.public_name for f in FILTERS if f.public} <= parameters
    assert not {f.name for f in FILTERS if not f.public} & parameters


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/api/v1/statements?q=%22unclosed", 400, "cannot read the query"),
        (f"/api/v1/statements?limit={MAX_PAGE_SIZE + 1}", 422, "limit"),
        ("/api/v1/statements?q=" + "a" * 501, 422, "q"),
        ("/api/v1/statements?facet=colour", 400, "unknown facet"),
        ("/api/v1/statements/999999", 404, "no statement"),
        ("/api/v1/speakers/999999", 404, "no speaker"),
        ("/api/v1/events/999999", 404, "no event"),
        ("/api/v1/documents/999999", 404, "no document"),
        ("/api/v1/positions/no-such-position", 404, "no position"),
        ("/api/v1/compare?a=Nobody+Atall&b=China", 400, "no statements"),
        ("/api/v1/timeline?by=colour", 400, "choose one of"),
        ("/api/v1/statements?session=x", 422, "session"),
        # numbers SQLite cannot hold: a clean 422, never a 500
        (f"/api/v1/statements?offset={2**63}", 422, "offset"),
        (f"/api/v1/statements?session={2**63}", 422, "session"),
        (f"/api/v1/statements?speaker_id={2**63}", 422, "speaker_id"),
        (f"/api/v1/statements?event_id={-(2**63) - 1}", 422, "event_id"),
        (f"/api/v1/events?session={2**64}", 422, "session"),
        *(
            (f"/api/v1/{kind}/{2**63}", 422, "_id")
            for kind in ("statements", "speakers", "events", "documents")
        ),
    ],
)
def test_api_errors_are_clear_json(client: TestClient, path: str, status: int, says: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert says in response.json()["error"]
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/statements/999999", 404),
        ("/?q=%22unclosed", 400),
        ("/?limit=100000", 400),
        ("/nowhere", 404),
        (f"/statements/{2**63}", 400),
        (f"/?offset={2**63}", 400),
    ],
)
def test_page_errors_are_pages(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and 'role="alert"' in response.text
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())


def test_an_unexpected_failure_is_a_500_with_the_security_headers(db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(db.read_bytes())
    app = create_app(broken)
    with sqlite3.connect(broken) as conn:  # a fault the code does not expect: a table gone
        conn.execute("ALTER TABLE speakers RENAME TO speakers_gone")
    with TestClient(app, raise_server_exceptions=False) as http:
        for path, kind in (("/api/v1/speakers", "application/json"), ("/speakers", "text/html")):
            response = http.get(path)
            assert response.status_code == 500 and response.headers["content-type"].startswith(kind)
            assert "speakers_gone" not in response.text  # no internals in the answer
            assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())


def test_writes_are_refused(client: TestClient) -> None:
    assert client.post("/api/v1/statements", json={}).status_code == 405
    assert client.delete("/api/v1/statements/1").status_code == 405


def test_pages_escape_document_text(client: TestClient) -> None:
    found = client.get("/api/v1/statements", params={"q": "alert"}).json()["items"]
    assert found, "the document holding markup gave no statement"
    page = client.get(f"/statements/{found[0]['id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    assert "<b>markup" not in page.text
    search_page = client.get("/", params={"q": "alert"})
    assert "<script>alert" not in search_page.text and "&lt;script&gt;" in search_page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_only_web_addresses_become_links(client: TestClient) -> None:
    found = client.get("/api/v1/statements", params={"q": "reprisal"}).json()["items"]
    assert found and found[0]["document"]["url"].startswith("javascript:")
    page = client.get(f"/statements/{found[0]['id']}").text
    assert 'href="javascript:' not in page.replace(" ", "").lower()
    assert "javascript:alert(document.cookie)" in page  # shown as text
    briefs = client.get("/api/v1/statements", params={"q": "rapporteur"}).json()["items"]
    linked = client.get(f"/statements/{briefs[0]['id']}").text
    assert f'href="{briefs[0]["document"]["url"]}"' in linked


_ROUTES = ["/api/v1" + r.path for r in RESOURCES] + [r.page_path for r in RESOURCES if r.template]
_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
    st.sampled_from(["", "NEAR(", '"', "*", "2025-01-01", "javascript:x", "%", "\x00", "rank", "csv"]),
)
_NAMES = st.sampled_from(
    ["q", "limit", "offset", "sort", "facet", "format", "by", "period", "a", "b", "name"]
    + [f.public_name for f in FILTERS if f.public]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(_ROUTES), ident=_VALUES, params=st.dictionaries(_NAMES, _VALUES, max_size=4))
def test_no_parameters_make_a_500(client: TestClient, route: str, ident: str, params: dict[str, str]) -> None:
    segment = quote(ident, safe="") or "0"
    path = re.sub(r"\{\w+\}", lambda _: segment, route)
    response = client.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])


def test_a_filter_declared_once_appears_in_the_cli_the_api_the_pages_and_openapi(db: Path) -> None:
    """A filter added to ``FILTERS`` (and nowhere else) is an option, a parameter, a page's and the
    OpenAPI description's: run in a fresh interpreter, where the addition is made before the CLI and the
    app are built."""
    script = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        from onrecord.store import filters
        filters.FILTERS = (*filters.FILTERS, filters.Filter(
            "source", str, "The document's source contains this.", "d.source LIKE ?", "%{{}}%"))
        from typer.testing import CliRunner
        from starlette.testclient import TestClient
        from onrecord.cli import app as cli
        from onrecord.web import create_app
        runner = CliRunner()
        out = {{}}
        out["help"] = runner.invoke(cli, ["search", "--help"], terminal_width=200).output
        db = {str(db)!r}
        found = ["search", "--db", db, "--source", "hostile", "--format", "jsonl"]
        out["cli"] = runner.invoke(cli, found).output
        out["statements"] = runner.invoke(cli, ["statements", "--db", db, "--source", "hostile"]).output
        with TestClient(create_app(Path(db))) as http:
            out["api"] = http.get("/api/v1/statements", params={{"source": "hostile"}}).json()
            out["page"] = http.get("/", params={{"source": "hostile"}}).text
            out["openapi"] = http.get("/openapi.json").json()
        json.dump(out, sys.stdout)
        """
    )
    wide = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=wide, check=False
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "--source" in out["help"] and "The document's source contains this." in out["help"]
    cli_rows = [json.loads(line) for line in out["cli"].splitlines()]
    assert cli_rows and all(r["document"]["source"].endswith("hostile.txt") for r in cli_rows)
    assert "hostile" in out["statements"] or "Tolvik" in out["statements"]
    assert out["api"]["filters"] == {"source": "hostile"}
    assert out["api"]["total"] == len(cli_rows)
    assert all(i["document"]["source"].endswith("hostile.txt") for i in out["api"]["items"])
    assert '<input type="hidden" name="source" value="hostile">' in out["page"]
    assert f"<strong>{out['api']['total']}</strong> statement" in out["page"]
    parameters = out["openapi"]["paths"]["/api/v1/statements"]["get"]["parameters"]
    assert any(p["name"] == "source" and "source contains" in p["description"] for p in parameters)


def test_end_to_end_against_a_real_server(served: str) -> None:
    """One check through a real ``onrecord serve`` (the browser test drives the same server)."""
    with httpx.Client(base_url=served, timeout=30) as http:
        found = http.get("/api/v1/statements", params={"q": "pretext to interfere"}).json()
        assert found["total"] >= 1
        page = http.get(f"/statements/{found['items'][0]['id']}")
        assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
        rows = http.get("/api/v1/statements", params={"q": "pretext to interfere", "format": "jsonl"})
        assert len(rows.text.splitlines()) == found["total"]
