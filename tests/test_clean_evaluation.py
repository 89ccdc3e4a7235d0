"""The extraction scorer on a tiny invented fixture: its figures, rows and failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import ConfigError
from onrecord.evaluation.extraction import evaluate_extraction, iter_rows

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
