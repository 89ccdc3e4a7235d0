"""The JSON API and the pages through HTTP, against a real ``onrecord serve`` (see ``served`` in conftest)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import httpx
import pytest

from onrecord.search import MAX_PAGE_SIZE


@pytest.fixture(scope="module")
def client(served: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served, timeout=30) as http:
        yield http


def _wang_yi(client: httpx.Client) -> dict[str, object]:
    found = client.get("/api/v1/statements", params={"q": "pretext to interfere"}).json()
    wang = [item for item in found["items"] if item["speaker"]["name"] == "Wang Yi"]
    assert wang, [item["speaker"]["name"] for item in found["items"]]
    return dict(wang[0])


def test_search_finds_wang_yi_as_json(client: httpx.Client) -> None:
    response = client.get("/api/v1/statements", params={"q": "pretext to interfere"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["total"] == len(body["items"]) >= 1
    wang = _wang_yi(client)
    assert "pretext" in str(wang["highlighted"]) and "«" in str(wang["highlighted"])
    assert wang["document"]["outlet"] == "Global Times"  # type: ignore[index]


def test_filters_paging_and_facets(client: httpx.Client) -> None:
    everything = client.get("/api/v1/statements", params={"limit": MAX_PAGE_SIZE}).json()
    assert everything["total"] == len(everything["items"]) > 10
    chinese = client.get(
        "/api/v1/statements", params={"country": "China", "facet": ["speaker", "position"]}
    ).json()
    assert 0 < chinese["total"] < everything["total"]
    assert all("china" in (i["speaker"]["country"] or "").lower() for i in chinese["items"])
    assert sum(f["count"] for f in chinese["facets"]["speaker"]) == chinese["total"]
    first = client.get("/api/v1/statements", params={"limit": 3}).json()["items"]
    second = client.get("/api/v1/statements", params={"limit": 3, "offset": 3}).json()["items"]
    assert len(first) == len(second) == 3 and not {i["id"] for i in first} & {i["id"] for i in second}


def test_downloads_hold_every_match(client: httpx.Client) -> None:
    total = client.get("/api/v1/statements", params={"q": "rights"}).json()["total"]
    jsonl = client.get("/api/v1/statements", params={"q": "rights", "format": "jsonl"})
    assert "attachment" in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(rows) == total and all(r["content"]["text"] for r in rows)
    table = list(csv.DictReader(io.StringIO(client.get("/api/v1/statements?q=rights&format=csv").text)))
    assert len(table) == total and {r["statement_id"] for r in table} == {str(r["id"]) for r in rows}


def test_every_record_route_answers(client: httpx.Client) -> None:
    wang = _wang_yi(client)
    speaker_id = wang["speaker"]["id"]  # type: ignore[index]
    speaker = client.get(f"/api/v1/speakers/{speaker_id}").json()
    assert speaker["name"] == "Wang Yi" and speaker["statements"]["total"] >= 1
    assert any(p["value"] == "politicization-accusation" for p in speaker["positions"])
    statement = client.get(f"/api/v1/statements/{wang['id']}").json()
    content = statement["content"]
    assert statement["document"]["text"][content["start"] : content["end"]] == content["text"]
    assert client.get("/api/v1/speakers", params={"name": "wang"}).json()["items"][0]["name"] == "Wang Yi"
    events = client.get("/api/v1/events").json()["items"]
    assert (
        events
        and client.get(f"/api/v1/events/{events[0]['id']}").json()["event"]["body"] == events[0]["body"]
    )
    positions = client.get("/api/v1/positions").json()["items"]
    taken = [p for p in positions if p["statements"]]
    assert taken
    one = client.get(f"/api/v1/positions/{taken[0]['id']}").json()
    assert (
        sum(sum(s["counts"]) for s in one["timeline"]["series"]) + one["timeline"]["undated"]
        == taken[0]["statements"]
    )
    assert client.get("/api/v1/topics").json()["items"]
    documents = client.get("/api/v1/documents").json()
    assert documents["total"] == len(documents["items"]) >= 3
    assert client.get(f"/api/v1/documents/{documents['items'][0]['id']}").json()["text"]
    timeline = client.get("/api/v1/timeline", params={"country": "China", "by": "speaker"}).json()
    assert timeline["by"] == "speaker" and timeline["series"]
    compared = client.get("/api/v1/compare", params={"a": "Wang Yi", "b": "China", "by": "position"}).json()
    assert compared["left"]["total"] >= 1 and compared["rows"]


def test_openapi_describes_the_routes(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert client.get("/api/v1/openapi.json").json() == spec
    listed = client.get("/api")
    assert listed.status_code == 200 and all(f"GET {path}" in listed.text for path in spec["paths"])
    paths = set(spec["paths"])
    for route in (
        "statements",
        "speakers",
        "events",
        "positions",
        "topics",
        "documents",
        "timeline",
        "compare",
    ):
        assert f"/api/v1/{route}" in paths
    assert not [p for p in paths if not p.startswith("/api/v1/")]  # pages are not part of the API
    methods = {m for route in spec["paths"].values() for m in route}
    assert methods == {"get"}  # read-only: no route writes


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/api/v1/statements?q=%22unclosed", 400, "cannot read the query"),
        (f"/api/v1/statements?limit={MAX_PAGE_SIZE + 1}", 422, "limit"),
        ("/api/v1/statements?q=" + "a" * 501, 422, "q"),
        ("/api/v1/statements/999999", 404, "no statement"),
        ("/api/v1/speakers/999999", 404, "no speaker"),
        ("/api/v1/positions/no-such-position", 404, "no position"),
        ("/api/v1/compare?a=Nobody+Atall&b=China", 400, "no statements"),
        ("/api/v1/timeline?by=colour", 400, "choose one of"),
    ],
)
def test_api_errors_are_clear_json(client: httpx.Client, path: str, status: int, says: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert says in response.json()["error"]


def test_writes_are_refused(client: httpx.Client) -> None:
    assert client.post("/api/v1/statements", json={}).status_code == 405
    assert client.delete("/api/v1/statements/1").status_code == 405


def test_pages_escape_document_text(client: httpx.Client) -> None:
    found = client.get("/api/v1/statements", params={"q": "alert"}).json()["items"]
    assert found, "the document holding markup gave no statement"
    page = client.get(f"/statements/{found[0]['id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    assert "<b>markup" not in page.text
    search_page = client.get("/", params={"q": "alert"})
    assert "<script>alert" not in search_page.text and "&lt;script&gt;" in search_page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("path", "status"),
    [("/statements/999999", 404), ("/?q=%22unclosed", 400), ("/?limit=100000", 400), ("/nowhere", 404)],
)
def test_page_errors_are_pages(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and 'role="alert"' in response.text


def test_every_page_links_its_json_twin(client: httpx.Client) -> None:
    wang = _wang_yi(client)
    for path in (
        "/?q=pretext",
        f"/statements/{wang['id']}",
        f"/speakers/{wang['speaker']['id']}",  # type: ignore[index]
        "/positions/politicization-accusation",
        "/compare?a=Wang+Yi&b=China",
        "/events",
    ):
        page = client.get(path)
        assert page.status_code == 200, path
        twin = page.text.split('class="twin" href="')[1].split('"')[0].replace("&amp;", "&")
        assert client.get(twin).headers["content-type"] == "application/json", twin
