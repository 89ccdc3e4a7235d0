"""Timelines: counts of matching statements per year or month, their charts and the command, on real stores.

Expected counts come from the query model itself (``search`` totals with date filters, ``facet_counts``),
never from the timeline's own output.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import run, wide_console  # noqa: F401  (wide_console: an autouse fixture)
from onrecord.charts import svg_bars, svg_timeline, write_chart, y_ticks
from onrecord.errors import ConfigError
from onrecord.search import Query, facet_counts, search
from onrecord.store import Store
from onrecord.store.statements import StatementFilter
from onrecord.timeline import OTHER, Series, Timeline, timeline

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
# a brief with a quotation and no date anywhere: its statements have no day said
UNDATED = (
    "url,title,text\n"
    'https://briefs.example/undated,Minister speaks,"A minister, Aldo Brenner, said on Friday that all '
    'detention sites must be open to monitors. ""Monitors must be let in,"" Brenner said."\n'
)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented examples and one undated brief."""
    folder = tmp_path_factory.mktemp("timeline")
    (folder / "undated").mkdir()
    (folder / "undated" / "brief.csv").write_text(UNDATED, encoding="utf-8")
    db = folder / "examples.db"
    run("ingest", str(ROOT / "examples"), "--db", str(db))
    run("ingest", str(folder / "undated"), "--db", str(db))
    return db


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """The examples and the seed articles: statements from years apart."""
    db = tmp_path_factory.mktemp("timeline-seeds") / "seeded.db"
    run("ingest", str(ROOT / "examples"), "--db", str(db))
    run("ingest", str(shared / "seeds"), "--db", str(db))
    return db


def _said_in(store: Store, period: str, query: Query) -> int:
    """How many statements ``query`` matches said within ``period`` ("2024" or "2024-02"), by search."""
    first, last = (
        (f"{period}-01-01", f"{period}-12-31") if len(period) == 4 else (f"{period}-01", f"{period}-31")
    )
    dated = query.filters.replace(date_from=first, date_to=last)
    return search(store.conn, Query(query.text, dated, limit=1)).total


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


@pytest.mark.parametrize("period", ["year", "month"])
@pytest.mark.parametrize(
    "query", [Query(""), Query("", StatementFilter(position="civil-society-space")), Query("rights")]
)
def test_counts_per_period_match_the_search(examples: Path, period: str, query: Query) -> None:
    with Store(examples) as store:
        tl = timeline(store.conn, query, period=period)
        total = search(store.conn, query).total
        assert total > 0
        assert [s.label for s in tl.series] == ["all"]
        assert tl.total + tl.undated == total
        for p, n in zip(tl.periods, tl.series[0].counts, strict=True):
            assert n == _said_in(store, p, query), p


def test_undated_statements_are_counted_apart(examples: Path) -> None:
    with Store(examples) as store:
        tl = timeline(store.conn, Query(""))
        undated = search(store.conn, Query("", StatementFilter(speaker="Brenner"))).total
        assert undated > 0 and tl.undated == undated
        brenner = timeline(store.conn, Query("", StatementFilter(speaker="Brenner")))
        assert brenner.periods == () and brenner.total == 0 and brenner.undated == undated


def test_series_by_country_add_up_to_the_whole(examples: Path) -> None:
    with Store(examples) as store:
        whole = timeline(store.conn, Query(""))
        by_country = timeline(store.conn, Query(""), by="country", top=50)
        assert by_country.periods == whole.periods and by_country.by == "country"
        for i in range(len(whole.periods)):
            assert sum(s.counts[i] for s in by_country.series) == whole.series[0].counts[i]
        # every value is a series, most statements first; undated statements are in facet_counts only
        expected = dict(facet_counts(store.conn, Query(""), "country", top=50))
        got = {s.label: s.total for s in by_country.series}
        assert set(got) == set(expected) and all(got[v] <= expected[v] for v in got)
        assert sum(expected.values()) - sum(got.values()) == by_country.undated
        totals = [s.total for s in by_country.series]
        assert totals == sorted(totals, reverse=True)


def test_values_beyond_the_top_add_up_to_other(examples: Path) -> None:
    with Store(examples) as store:
        every = timeline(store.conn, Query(""), by="speaker", top=100)
        assert len(every.series) > 3 and OTHER not in {s.label for s in every.series}
        top = timeline(store.conn, Query(""), by="speaker", top=2)
        assert [s.label for s in top.series] == [s.label for s in every.series[:2]] + [OTHER]
        rest = every.series[2:]
        assert top.series[-1].counts == tuple(map(sum, zip(*(s.counts for s in rest), strict=True)))
        assert top.total == every.total


def test_months_are_contiguous_with_zeros(examples: Path) -> None:
    with Store(examples) as store:
        tl = timeline(store.conn, Query(""), period="month")
        assert tl.period == "month" and len(tl.periods) > 1
        assert all(_next_month(a) == b for a, b in pairwise(tl.periods))
        silent = [p for p in tl.periods if _said_in(store, p, Query("")) == 0]
        assert silent, "the examples leave months without statements between their first and last"
        assert all(tl.series[0].counts[tl.periods.index(p)] == 0 for p in silent)


@pytest.mark.data
def test_years_are_contiguous_with_zeros(seeded: Path) -> None:
    with Store(seeded) as store:
        tl = timeline(store.conn, Query(""), by="country")
        years = [int(p) for p in tl.periods]
        assert years == list(range(years[0], years[-1] + 1))
        empty = [p for p in tl.periods if _said_in(store, p, Query("")) == 0]
        assert empty, "the seeds and the examples are years apart"
        for p in empty:
            assert all(s.counts[tl.periods.index(p)] == 0 for s in tl.series)
        china = timeline(store.conn, Query("", StatementFilter(country="China")))
        assert china.total == search(store.conn, Query("", StatementFilter(country="China"))).total > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "colour"}, r"choose one of \[.*'country'.*'speaker'"),
        ({"period": "week"}, r"choose one of \['month', 'year'\]"),
        ({"top": 0}, "top must be 1 or more"),
    ],
)
def test_unknown_choices_are_clear_errors(examples: Path, kwargs: dict[str, object], message: str) -> None:
    with Store(examples) as store, pytest.raises(ConfigError, match=message):
        timeline(store.conn, Query(""), **kwargs)  # type: ignore[arg-type]


def test_unreadable_query_text_is_a_clear_error(examples: Path) -> None:
    with Store(examples) as store, pytest.raises(ConfigError, match="cannot read the query"):
        timeline(store.conn, Query('"unbalanced'))


# charts


def _hand_made(labels: list[str], periods: list[str]) -> Timeline:
    series = tuple(
        Series(label, tuple((i + 1) * (j % 3) for j in range(len(periods)))) for i, label in enumerate(labels)
    )
    return Timeline(tuple(periods), series, "speaker", "year")


def test_svg_is_well_formed_accessible_and_escaped() -> None:
    nasty = "<script>alert('x')</script> & co"
    tl = _hand_made([nasty, "Wang Yi"], ["2021", "2022", "2023"])
    svg = svg_timeline(tl, "Said by <b>whom</b>")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.findtext(f"{SVG}title") == "Said by <b>whom</b>"
    assert "<script" not in svg and "<b>" not in svg
    assert not list(root.iter(f"{SVG}script"))
    texts = ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]
    assert any(nasty[:20] in t for t in texts)
    assert len(root.findall(f".//{SVG}polyline")) == len(tl.series)
    assert len(root.findall(f".//{SVG}circle")) == len(tl.series) * len(tl.periods)


def test_x_labels_are_thinned_so_they_do_not_overlap() -> None:
    months = [f"{2015 + m // 12}-{m % 12 + 1:02d}" for m in range(120)]
    root = ET.fromstring(svg_timeline(_hand_made(["all"], months), "ten years"))
    labels = [e for e in root.iter(f"{SVG}text") if e.get("class") == "x-label"]
    assert 2 <= len(labels) < len(months)
    xs = [float(e.get("x", "0")) for e in labels]
    assert all(b - a >= 6 * len(months[0]) for a, b in pairwise(xs))
    half = 3.5 * len(months[0])  # half a label's width
    assert all(x - half >= 0 and x + half <= 720 for x in xs)


def test_an_empty_timeline_still_draws() -> None:
    root = ET.fromstring(svg_timeline(Timeline((), (Series("all", ()),), None, "year"), "nothing"))
    assert "no dated statements" in "".join(root.itertext())


@given(st.integers(min_value=0, max_value=10**7))
def test_y_ticks_are_three_to_five_integers_from_zero_past_the_maximum(maximum: int) -> None:
    ticks = y_ticks(maximum)
    assert 3 <= len(ticks) <= 5 and ticks[0] == 0 and ticks[-1] >= maximum
    assert len({b - a for a, b in pairwise(ticks)}) == 1
    assert all(isinstance(t, int) for t in ticks)


def test_bars_are_one_per_row_and_escaped() -> None:
    rows = [("non-interference", 7), ("<script>x</script>", 3), ("dialogue", 0)]
    svg = svg_bars(rows, "Positions of <Wang Yi>")
    root = ET.fromstring(svg)
    bars = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "bar"]
    assert len(bars) == len(rows) and "<script" not in svg
    widths = [float(b.get("width", "-1")) for b in bars]
    assert widths[0] > widths[1] > widths[2] == 0
    assert ET.fromstring(svg_bars([], "none")).findtext(f"{SVG}title") == "none"


def test_write_chart_svg_and_png(examples: Path, tmp_path: Path) -> None:
    with Store(examples) as store:
        tl = timeline(store.conn, Query(""), by="country")
    write_chart(tl, tmp_path / "chart.svg", "by country")
    assert ET.parse(tmp_path / "chart.svg").getroot().findtext(f"{SVG}title") == "by country"
    write_chart(tl, tmp_path / "chart.PNG", "by country")
    assert (tmp_path / "chart.PNG").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", ["chart.jpg", "chart", "chart.svg.txt"])
def test_write_chart_names_the_suffixes_it_knows(tmp_path: Path, name: str) -> None:
    with pytest.raises(ConfigError, match=r"\.svg or \.png"):
        write_chart(_hand_made(["all"], ["2024"]), tmp_path / name, "t")
    assert not (tmp_path / name).exists()


def test_png_without_matplotlib_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # as if matplotlib were not installed
    with pytest.raises(ConfigError, match=r"pip install 'onrecord\[charts\]'"):
        write_chart(_hand_made(["all"], ["2024"]), tmp_path / "chart.png", "t")


# the command


def test_cli_table_lists_every_period_and_the_total(examples: Path) -> None:
    with Store(examples) as store:
        tl = timeline(store.conn, Query("", StatementFilter(body="Human Rights Council")), period="month")
    out = run("timeline", "--body", "Human Rights Council", "--period", "month", "--db", str(examples))
    assert f"{tl.total} statements per month" in out
    assert all(p in out for p in tl.periods)


def test_cli_writes_the_chart_and_says_where(examples: Path, tmp_path: Path) -> None:
    chart = tmp_path / "by-speaker.svg"
    out = run("timeline", "--by", "speaker", "--top", "3", "--output", str(chart), "--db", str(examples))
    assert "by-speaker.svg" in out
    root = ET.parse(chart).getroot()
    assert len(root.findall(f".//{SVG}polyline")) == 4  # three speakers and "other"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_rows_are_one_per_period_and_series(examples: Path, fmt: str) -> None:
    with Store(examples) as store:
        tl = timeline(store.conn, Query("", StatementFilter(position="civil-society-space")), by="country")
    out = run(
        "timeline",
        "--position",
        "civil-society-space",
        "--by",
        "country",
        "--format",
        fmt,
        "--db",
        str(examples),
    )
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(tl.periods) * len(tl.series) > 0
    assert all(set(r) == {"period", "series", "count"} for r in rows)
    assert sum(int(r["count"]) for r in rows) == tl.total
    assert {r["series"] for r in rows} == {s.label for s in tl.series}
