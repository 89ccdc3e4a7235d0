"""The extraction scorer on a tiny invented fixture: its figures, rows and failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import ConfigError
from onrecord.evaluation.extraction import byline_matches, evaluate_extraction, iter_rows
from onrecord.evaluation.shingles import Overlap, body_score, overlap, shingles

BODY = " ".join(["The envoy of Freedonia told the council that the accord protects farmers."] * 4)


def write_page(root: Path, name: str, html: str, expected: dict[str, object]) -> None:
    folder = root / name
    folder.mkdir()
    (folder / "source.html").write_text(html, encoding="utf-8")
    (folder / "expected-metadata.json").write_text(json.dumps(expected), encoding="utf-8")


def page(title: str, extra_head: str = "") -> str:
    return (
        f'<html lang="en"><head><title>{title}</title>{extra_head}</head>'
        f"<body><article><h1>{title}</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )


def test_scores_fold_case_quotes_and_a_leading_by(tmp_path: Path) -> None:
    write_page(
        tmp_path,
        "a",
        page("Freedonia’s accord is signed today", '<meta name="author" content="Ana Torvik">'),
        {
            "title": "freedonia's  ACCORD is signed today",
            "byline": "By Ana Torvik",
            "lang": "en-US",
            "publishedTime": None,
        },
    )
    write_page(
        tmp_path,
        "b",
        page(
            "Sylvania objects to the accord again",
            '<meta property="article:published_time" content="2031-01-02">',
        ),
        {
            "title": "Sylvania objects to the accord again - Sylvania Herald",
            "byline": None,
            "lang": "fr",
            "publishedTime": "2031-01-03T10:00:00Z",
        },
    )
    write_page(tmp_path, "c", "<html><body></body></html>", {"title": "Nothing here"})
    report = evaluate_extraction(tmp_path)
    assert [p.page for p in report.pages] == ["a", "b", "c"]
    assert str(report.score("title")) == "0.333 (1/3)"
    assert report.score("title_lenient").correct == 2
    assert (report.score("byline").correct, report.score("byline").total) == (1, 1)
    assert (report.score("date").correct, report.score("date").total) == (0, 1)
    assert (report.score("lang").correct, report.score("lang").total) == (1, 2)
    assert [p.page for p in report.failures] == ["c"]
    assert report.lines()[0] == "pages 3, not cleaned 1"
    assert any("c: not cleaned" in line for line in report.lines(details=True))
    rows = list(iter_rows(report))
    assert rows[0]["page"] == "a" and rows[0]["title_ok"] is True


def test_a_folder_without_pages_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no page folders"):
        evaluate_extraction(tmp_path)
    with pytest.raises(ConfigError, match="not a folder"):
        evaluate_extraction(tmp_path / "missing")


def test_shingles_overlap_and_the_benchmark_means() -> None:
    same = overlap("a b c d e", "a b c d e")
    assert (same.precision, same.recall) == (1.0, 1.0)
    half = overlap("a b c d e f", "a b c d x y")  # shingles abcd bcde cdef vs abcd bcdx cdxy
    assert (half.tp, half.fp, half.fn) == (0.2, 0.4, 0.4)
    assert overlap("", "") == Overlap(0.0, 0.0, 0.0)
    assert shingles("one two") == {("one", "two"): 1}  # a short text is one short shingle
    score = body_score([same, half])
    assert score.precision == pytest.approx((1 + 1 / 3) / 2) and score.recall == pytest.approx(
        (1 + 1 / 3) / 2
    )
    assert score.f1 == pytest.approx(2 / 3)
    assert body_score([]).f1 == 0.0


def test_body_text_is_scored_where_reference_content_is_found(tmp_path: Path) -> None:
    pages, reference = tmp_path / "pages", tmp_path / "reference"
    pages.mkdir()
    reference.mkdir()
    write_page(pages, "a", page("Freedonia signs the accord today"), {"title": "x"})
    write_page(pages, "b", page("Sylvania objects to the accord again"), {"title": "y"})
    (pages / "a" / "expected.html").write_text(f"<div><p>{BODY}</p><p>{BODY}</p></div>", encoding="utf-8")
    report = evaluate_extraction(pages)
    assert report.pages[0].body is not None and report.pages[1].body is None
    onrecord, baseline = report.body_score(), report.body_score(baseline=True)
    assert onrecord is not None and baseline is not None
    assert onrecord.pages == 1 and onrecord.precision == pytest.approx(1.0)  # the headline is not body text
    assert {"body_f1", "trafilatura_body_f1"} <= set(report.figures)
    assert any(line.startswith("body trafilatura ") for line in report.lines())
    (reference / "b").mkdir()
    (reference / "b" / "expected.html").write_text(f"<p>{BODY}</p>", encoding="utf-8")
    assert evaluate_extraction(pages, reference).body_score() is not None
    assert evaluate_extraction(pages, reference).pages[1].body is not None
    with pytest.raises(ConfigError, match="reference pages"):
        evaluate_extraction(pages, tmp_path / "missing")
    (pages / "a" / "expected.html").unlink()
    lines = evaluate_extraction(pages).lines()
    assert "body onrecord    not scored (no expected.html found)" in lines


@pytest.mark.parametrize(
    ("expected", "found", "outlet", "ok"),
    [
        ("By Ana Torvik\n    March 3, 2031", "Ana Torvik", None, True),
        ("by Ana Torvik3 Mar 2031412", "Ana Torvik", None, True),
        ("By Ana Torvik\n    Sylvania Health News", "Ana Torvik", None, True),
        ("Written by Ana Torvik\n   Edited by Bram Osei", "Ana Torvik", None, True),
        ("Bram O. Osei", "Bram O Osei", None, True),
        ("Sylvania News", None, "Sylvania News", True),
        ("Ana Torvik", "Bram Osei", None, False),
        ("Last Updated: March 3, 2031", "Ana Torvik", None, None),
    ],
)
def test_the_byline_score_compares_persons(
    expected: str, found: str | None, outlet: str | None, ok: bool | None
) -> None:
    assert byline_matches(expected, found, outlet) is ok
