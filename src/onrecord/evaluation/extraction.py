"""How well web-page metadata extraction agrees with a reviewed fixture.

The fixture is a folder of pages, one sub-folder each, holding ``source.html`` and
``expected-metadata.json`` (Readability.js's title, byline, lang and publishedTime, reviewed by its
maintainers; mozilla/readability's test pages). Each page is cleaned with ``onrecord.clean.html_article``
and compared field by field:

* title: exact after folding whitespace, case and quotation marks; and leniently, one containing the
  other (Readability sometimes keeps a site name that onrecord drops, or the reverse);
* date: the same calendar date, on pages whose ``publishedTime`` is set;
* byline: the persons, the same after folding (case, whitespace, quotes, the periods of initials) and
  removing a leading "By"; the fixture's byline is Readability's visible byline text, so its date lines
  a date run on after the name ("Lucas Nolan22 Dec 2016") and second credits ("Edited by") are left
  out, and a line naming an agency
  or outlet ("WebMD Health News") is set apart: onrecord keeps agencies apart from persons. A byline
  that is only an agency is compared with onrecord's outlet; one that is only a date is not scored;
* language: the same primary subtag (``en-US`` is ``en``), on pages whose ``lang`` is set.

A page onrecord cannot clean counts as wrong on every field the fixture sets, and its reason is kept.

Where a page has its reference content (Readability's ``expected.html``, in the page's folder or in a
``reference`` folder of the same layout), the body text is scored too, with the 4-token shingle F1 of
the article-extraction benchmarks (``onrecord.evaluation.shingles``), for onrecord's clean text without
its headline and, in the same run, for plain ``trafilatura.extract`` with comments left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.clean.dates import find_date, parse_date
from onrecord.clean.deep import flat_lines
from onrecord.clean.language import primary_subtag
from onrecord.clean.lines import is_outlet
from onrecord.clean.rules import rulebook
from onrecord.clean.webpages import html_article
from onrecord.errors import ConfigError, OnrecordError
from onrecord.evaluation.shingles import BodyScore, Overlap, body_score, overlap
from onrecord.models import Article

SOURCE = "source.html"
EXPECTED = "expected-metadata.json"
REFERENCE = "expected.html"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_BY = re.compile(r"^(?:written by|by|par|von|por|di)\s*:?\s+", re.IGNORECASE)
_RUN_ON_DATE = re.compile(r"(?<=[^\W\d])\d.*$")  # "Lucas Nolan22 Dec 2016651": the date glued to the name


@dataclass(frozen=True, slots=True)
class PageResult:
    """One page: what was expected, what onrecord found, and whether each field agrees.

    A field whose expectation is not set is ``None`` in the ``*_ok`` flags (not scored).
    """

    page: str
    expected_title: str | None
    title: str | None
    title_ok: bool | None
    title_lenient_ok: bool | None
    expected_date: str | None
    date: str | None
    date_ok: bool | None
    expected_byline: str | None
    byline: str | None
    byline_ok: bool | None
    expected_lang: str | None
    lang: str | None
    lang_ok: bool | None
    error: str | None = None
    body: Overlap | None = None  # onrecord's body text against the reference content, where there is one
    baseline_body: Overlap | None = None  # plain trafilatura's, in the same run


@dataclass(frozen=True, slots=True)
class Score:
    """Agreements out of the pages where the fixture sets the field."""

    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.accuracy:.3f} ({self.correct}/{self.total})"


@dataclass(frozen=True, slots=True)
class ExtractionReport:
    pages: tuple[PageResult, ...]

    def score(self, field: str) -> Score:
        """The score of ``field``: "title", "title_lenient", "date", "byline" or "lang"."""
        flags = [getattr(page, f"{field}_ok") for page in self.pages]
        scored = [flag for flag in flags if flag is not None]
        return Score(sum(1 for flag in scored if flag), len(scored))

    def body_score(self, *, baseline: bool = False) -> BodyScore | None:
        """The body-text score of onrecord (or of plain trafilatura); ``None`` without reference content."""
        pages = [p.baseline_body if baseline else p.body for p in self.pages]
        scored = [page for page in pages if page is not None]
        return body_score(scored) if scored else None

    @property
    def figures(self) -> dict[str, float]:
        """Accuracy by field, and the body-text F1s where scored: the figures the floors pin."""
        figures = {field: self.score(field).accuracy for field in FIELDS}
        for name, baseline in (("body_f1", False), ("trafilatura_body_f1", True)):
            score = self.body_score(baseline=baseline)
            if score is not None:
                figures[name] = score.f1
        return figures

    @property
    def failures(self) -> tuple[PageResult, ...]:
        return tuple(page for page in self.pages if page.error is not None)

    def lines(self, *, details: bool = False) -> list[str]:
        """A plain-text summary: one line per field, then (with ``details``) each disagreement."""
        out = [f"pages {len(self.pages)}, not cleaned {len(self.failures)}"]
        out += [f"{field:14} {self.score(field)}" for field in FIELDS]
        for name, baseline in (("body onrecord", False), ("body trafilatura", True)):
            score = self.body_score(baseline=baseline)
            out.append(f"{name:16} {score if score else f'not scored (no {REFERENCE} found)'}")
        if details:
            for page in self.pages:
                for field, expected, found in (
                    ("title", page.expected_title, page.title),
                    ("date", page.expected_date, page.date),
                    ("byline", page.expected_byline, page.byline),
                    ("lang", page.expected_lang, page.lang),
                ):
                    if getattr(page, f"{field}_ok") is False:
                        out.append(f"  {page.page}: {field} expected {expected!r}, got {found!r}")
                if page.error:
                    out.append(f"  {page.page}: not cleaned: {page.error}")
        return out


FIELDS = ("title", "title_lenient", "date", "byline", "lang")


def evaluate_extraction(folder: Path, reference: Path | None = None) -> ExtractionReport:
    """Clean every page of ``folder`` (one sub-folder per page) and compare with its expectation.

    The body text is scored on pages whose reference content is found, in the page's folder or in
    ``reference`` (a folder of page folders by the same names). Raises ``ConfigError`` when ``folder``
    holds no page folders, or when ``reference`` is given but is not a folder.
    """
    if reference is not None and not reference.is_dir():
        raise ConfigError(f"{reference} is not a folder of reference pages")
    if not folder.is_dir():
        raise ConfigError(f"{folder} is not a folder of pages")
    pages = sorted(p for p in folder.iterdir() if (p / SOURCE).is_file() and (p / EXPECTED).is_file())
    if not pages:
        raise ConfigError(f"no page folders with {SOURCE} and {EXPECTED} under {folder}")
    return ExtractionReport(tuple(_evaluate_page(page, reference) for page in pages))


def iter_rows(report: ExtractionReport) -> Iterator[dict[str, object]]:
    """The per-page results as flat rows, for a table or a CSV writer."""
    for page in report.pages:
        yield {name: getattr(page, name) for name in PageResult.__slots__}


def _evaluate_page(folder: Path, reference: Path | None) -> PageResult:
    expected = json.loads((folder / EXPECTED).read_text(encoding="utf-8"))
    want_title = _str(expected.get("title"))
    want_date = _str(expected.get("publishedTime"))
    want_byline = _str(expected.get("byline"))
    want_lang = _str(expected.get("lang"))
    html = (folder / SOURCE).read_bytes().decode("utf-8", errors="replace")
    title = date = byline = lang = outlet = error = None
    body = ""
    try:
        article = html_article(html)
    except OnrecordError as exc:
        error = str(exc)
    else:
        title, byline, lang, outlet = article.title, article.byline, article.language, article.outlet
        date = article.published.isoformat() if article.published else None
        body = body_text(article)
    content = _reference_content(folder, reference)
    want_day = parse_date(want_date) if want_date else None
    return PageResult(
        page=folder.name,
        expected_title=want_title,
        title=title,
        title_ok=_fold(title) == _fold(want_title) if want_title else None,
        title_lenient_ok=_contains_either(title, want_title) if want_title else None,
        expected_date=want_date,
        date=date,
        date_ok=(date == want_day.isoformat() if want_day else False) if want_date else None,
        expected_byline=want_byline,
        byline=byline,
        byline_ok=byline_matches(want_byline, byline, outlet) if want_byline else None,
        expected_lang=want_lang,
        lang=lang,
        lang_ok=primary_subtag(lang) == primary_subtag(want_lang) if want_lang else None,
        error=error,
        body=overlap(content, body) if content is not None else None,
        baseline_body=overlap(content, _trafilatura_text(html)) if content is not None else None,
    )


def body_text(article: Article) -> str:
    """The clean text without the headline onrecord puts on its first line."""
    if article.title and article.text.startswith(article.title):
        return article.text[len(article.title) :].lstrip("\n")
    return article.text


def _reference_content(folder: Path, reference: Path | None) -> str | None:
    for path in (folder / REFERENCE, reference / folder.name / REFERENCE if reference else None):
        if path is not None and path.is_file():
            return "\n".join(flat_lines(path.read_text(encoding="utf-8", errors="replace")))
    return None


def _trafilatura_text(html: str) -> str:
    """Plain ``trafilatura.extract`` with its defaults, comments left out: the baseline."""
    from trafilatura import extract

    return extract(html, include_comments=False) or ""


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _fold(text: str | None) -> str:
    return " ".join((text or "").translate(_QUOTES).split()).casefold()


def _fold_byline(text: str | None) -> str:
    return _BY.sub("", _fold(text)).replace(".", "")


def byline_matches(expected: str, found: str | None, outlet: str | None) -> bool | None:
    """Whether onrecord's byline names the persons of the fixture's (see the module's docstring)."""
    persons: list[str] = []
    agencies: list[str] = []
    for raw in expected.split("\n"):
        line = _BY.sub("", " ".join(raw.split()))
        words = rulebook().bylines
        first = line.split(" ", 1)[0].casefold()
        if not line or find_date(line) or line.casefold().startswith(words.labels) or first in words.credits:
            continue  # a date, a date label, or a second credit ("Edited by ..."): not the authors
        if is_outlet(line):
            agencies.append(line)
        else:
            persons.append(_RUN_ON_DATE.sub("", line).strip())
    if persons:
        return _fold_byline(found) == _fold_byline(" ".join(persons))
    if agencies:
        return _fold_byline(outlet or found) == _fold_byline(agencies[0])
    return None


def _contains_either(found: str | None, expected: str) -> bool:
    a, b = _fold(found), _fold(expected)
    return bool(a) and (a in b or b in a)
