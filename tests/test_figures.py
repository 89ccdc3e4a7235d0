"""Figures a speaker cites: value, qualifier, what is counted, and a span that indexes the text.

Example sentences are invented; data-backed tests read the seeds and Wikinews through ``shared``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.events import find_figures, parse_cardinal

FLOORS = json.loads((Path(__file__).parent / "floors" / "events.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "figure", "value", "qualifier", "counts"),
    [
        (
            "The war has cost the lives of nearly 12,000 civilians.",
            "nearly 12,000 civilians",
            12000,
            "nearly",
            "civilians killed",
        ),
        (
            "It left close to 3 million people displaced.",
            "close to 3 million people",
            3_000_000,
            "close to",
            "people displaced",
        ),
        (
            "More than 1.5 billion people lack clean water.",
            "More than 1.5 billion people",
            1.5e9,
            "more than",
            "people",
        ),
        (
            "Tens of thousands of migrants crossed the sea.",
            "Tens of thousands of migrants",
            10000,
            "tens of",
            "migrants",
        ),
        (
            "Hundreds of protesters were detained overnight.",
            "Hundreds of protesters",
            100,
            "hundreds of",
            "protesters detained",
        ),
        ("Two million children are out of school.", "Two million children", 2_000_000, None, "children"),
        (
            "At least 41 journalists have been killed this year.",
            "At least 41 journalists",
            41,
            "at least",
            "journalists killed",
        ),
        (
            "Some 300 families fled the fictional valley.",
            "Some 300 families",
            300,
            "some",
            "families displaced",
        ),
        (
            "About 40 percent of the population lives in poverty.",
            "About 40 percent",
            40,
            "about",
            "percent of the population",
        ),
        ("Over 60% of women were affected.", "Over 60%", 60, "over", "percent of women"),
        ("The fund pledged US$ 250 million.", "US$ 250 million", 2.5e8, None, "US dollars"),
        (
            "Nearly half a million refugees returned.",
            "Nearly half a million refugees",
            500_000,
            "nearly",
            "refugees",
        ),
        ("The strikes killed 37 and injured dozens.", "37", 37, None, "killed"),
        (
            "Up to 5,000 internally displaced persons remain in camps.",
            "Up to 5,000 internally displaced persons",
            5000,
            "up to",
            "internally displaced persons",
        ),
    ],
)
def test_figure_table(
    text: str, figure: str, value: float, qualifier: str | None, counts: str | None
) -> None:
    found = find_figures(text)
    assert found, text
    first = found[0]
    assert (first.text, first.value, first.qualifier, first.counts) == (figure, value, qualifier, counts)
    assert text[first.span.start : first.span.end] == first.text


@pytest.mark.parametrize(
    "text",
    [
        "The Council was created in 2006 and met on 26 February 2024.",
        "It met at its 55th session under agenda item 4, citing article 19 and resolution 5/1.",
        "See document A/HRC/55/12 and HRC55 for the COVID-19 findings.",
        "1. The Working Group held its fortieth session.",
        "The session opened at 10 a.m. on Feb. 26 and closed at 6 pm.",
        "One of the two sides spoke; the other did not.",
        "The team scored 82 in the final.",
        "Write to the office at 100102 Eastland.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == ()


@pytest.mark.parametrize(
    ("text", "figure", "value", "qualifier", "counts"),
    [
        # a share of a counted whole counts the whole's noun
        (
            "Reprisals were reported in at least four of the States it examined.",
            "at least four of the States",
            4,
            "at least",
            "States",
        ),
        (
            "The government had carried out 160 of the 239 recommendations it supported.",
            "160 of the 239 recommendations",
            160,
            None,
            "recommendations",
        ),
        (
            "The candidate secured 39 of the state's 40 delegates.",
            "39 of the state's 40 delegates",
            39,
            None,
            "delegates",
        ),
        (  # a people named by its demonym
            "More than 30 million Brazilians did not have enough to eat.",
            "More than 30 million Brazilians",
            30_000_000,
            "more than",
            "Brazilians",
        ),
        # a word number before a counted noun of the lexicon
        (
            "Hunger is used as a weapon in at least five conflicts.",
            "at least five conflicts",
            5,
            "at least",
            "conflicts",
        ),
    ],
)
def test_shares_and_word_numbers_are_figures(
    text: str, figure: str, value: float, qualifier: str | None, counts: str | None
) -> None:
    first = find_figures(text)[0]
    assert (first.text, first.value, first.qualifier, first.counts) == (figure, value, qualifier, counts)


@pytest.mark.parametrize(
    ("text", "not_value"),
    [
        ("About 720 million people went hungry, one in eleven people on the planet.", 11),
        ("Today 1 in 5 children is out of school.", 5),
        ("Four out of five children lack schooling.", 5),
        ("In 2023 of the 40 reports received, most were late.", 2023),
    ],
)
def test_a_ratio_or_a_year_before_a_share_is_not_a_count(text: str, not_value: float) -> None:
    assert not_value not in [f.value for f in find_figures(text)]


def test_figures_inside_a_stretch_keep_offsets_into_the_whole_text() -> None:
    text = "Preamble with 500 people. The envoy said nearly 9,000 civilians were killed. Coda with 70 homes."
    start = text.index("The envoy")
    end = text.index(" Coda")
    found = find_figures(text, start, end)
    assert [f.text for f in found] == ["nearly 9,000 civilians"]
    assert found[0].span.start > start and text[found[0].span.start : found[0].span.end] == found[0].text
    assert found[0].counts == "civilians killed"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("30,000", 30000),
        ("1.5 billion", 1.5e9),
        ("two million", 2e6),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("three hundred thousand", 300000),
        ("forty", 40),
        ("several", None),
    ],
)
def test_cardinals(words: str, value: float | None) -> None:
    assert parse_cardinal(words) == value


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%$abcdefmilonthusadpreckMTN-\n")), max_size=120))
def test_spans_always_index_the_text(text: str) -> None:
    for figure in find_figures(text):
        assert text[figure.span.start : figure.span.end] == figure.text
        assert figure.value >= 0


@pytest.mark.data
def test_seed_figures_equal_what_the_analyst_recorded(shared: Path) -> None:
    expected = json.loads((shared / "seeds" / "expected.json").read_text(encoding="utf-8"))
    for name, seed in expected.items():
        if name.startswith("_"):
            continue
        text = (shared / "seeds" / name).read_text(encoding="utf-8")
        found = {(f.text, f.value, f.qualifier, f.counts) for f in find_figures(text)}
        for want in seed["figures"]:
            assert (want["text"], want["value"], want["qualifier"], want["counts"]) in found, (name, want)


@pytest.mark.data
def test_figure_spans_hold_over_wikinews(shared: Path) -> None:
    csv.field_size_limit(10**8)
    failures = checked = 0
    with (shared / "data" / "news" / "wikinews_2019.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["text"]
            for figure in find_figures(text):
                checked += 1
                failures += text[figure.span.start : figure.span.end] != figure.text
    assert checked > 100
    assert failures <= FLOORS["news_figure_span_invariant_failures_max"]
