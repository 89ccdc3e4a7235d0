"""The UN-document profile: reports such as a UPR Working Group report, saved as text.

Recognised by the cover page (distribution line, issuing body, document symbol; patterns in the
``[un_document]`` table of ``data/furniture.toml``). The cover page and the table of contents are
dropped; from the heading before paragraph 1 to the end, every line is kept as it was (ends stripped),
since scorers compare exported statements with the report's own paragraphs.

The clean text opens with the report's title line and the line naming the State under review, as they
stand in the report; ``Article.title`` joins them ("Report of the Working Group on the Universal Periodic
Review: Afghanistan").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from onrecord.clean.compose import join_paragraphs
from onrecord.clean.dates import find_date
from onrecord.clean.rules import UnProfile, rulebook
from onrecord.errors import ExtractionError
from onrecord.models import Article, RemovedLine


def is_un_document(text: str) -> bool:
    """True when ``text`` opens with the cover page of a UN document."""
    profile = rulebook().un_document
    head = text[: profile.head_chars]
    return all(p.search(head) for p in profile.all_of) and any(p.search(head) for p in profile.any_of)


def un_article(text: str, *, url: str | None = None) -> Article:
    """The article of a UN document's text; raises ``ExtractionError`` when it has no numbered body."""
    profile = rulebook().un_document
    lines = [line.strip() for line in text.split("\n")]
    start = _body_start(lines, profile)
    if start is None:
        raise ExtractionError("a UN document cover page, but no numbered paragraph 1 after it")
    heading = _title_lines(lines[:start], profile)
    body = join_paragraphs(lines[start:])
    if not body:
        raise ExtractionError("a UN document with no text after its cover page")
    first = "\n".join(heading)
    clean = f"{first}\n\n{body}" if first else body
    title = _title(heading, profile)
    cover = [line for line in lines[:start] if line and line not in heading]
    symbol = profile.symbol.search(text[: profile.head_chars])
    return Article(
        text=clean,
        title=title or (symbol.group(0) if symbol else None),
        outlet=profile.outlet,
        byline=None,
        published=_issued(text, profile),
        url=url,
        removed=tuple(RemovedLine(line, "un-cover-page") for line in cover),
    )


def document_symbol(text: str) -> str | None:
    """The document symbol on the cover page ("A/HRC/12/9"), or ``None``."""
    profile = rulebook().un_document
    match = profile.symbol.search(text[: profile.head_chars])
    return match.group(0) if match else None


def _body_start(lines: Sequence[str], profile: UnProfile) -> int | None:
    """The index of the heading above paragraph 1 (or of paragraph 1 when it has none)."""
    for index, line in enumerate(lines):
        if profile.first_paragraph.fullmatch(line) and not profile.toc_leader.search(line):
            previous = index - 1
            while previous >= 0 and not lines[previous]:
                previous -= 1
            if previous >= 0 and _is_heading(lines[previous], profile):
                return previous
            return index
    return None


def _is_heading(line: str, profile: UnProfile) -> bool:
    return (
        len(line.split()) <= profile.state_max_words
        and not profile.toc_leader.search(line)
        and not line[-1:].isdigit()
    )


def _title_lines(cover: Sequence[str], profile: UnProfile) -> list[str]:
    """The title line and, when one follows, the short line naming the State under review."""
    for index, line in enumerate(cover):
        if profile.title_line.search(line):
            following = [other for other in cover[index + 1 :] if other and not _is_footnote(other)]
            state = following[0] if following else ""
            if state and _is_state_line(state, profile):
                return [line, state]
            return [line]
    return []


def _is_footnote(line: str) -> bool:
    return line.startswith(("*", "_", ". ")) or set(line) <= {"_", "-", " "}


def _is_state_line(line: str, profile: UnProfile) -> bool:
    return (
        len(line.split()) <= profile.state_max_words
        and not any(ch.isdigit() for ch in line)
        and not line.startswith(("*", "_"))
        and line[:1].isupper()
    )


def _title(heading: Sequence[str], profile: UnProfile) -> str | None:
    if not heading:
        return None
    match = profile.title_line.search(heading[0])
    title = " ".join((match.group(0) if match else heading[0]).replace("*", " ").split())
    if len(heading) == 1:
        return title
    state = " ".join(heading[1].replace("*", " ").split()).rstrip(" .")
    return f"{title}: {state}"


def _issued(text: str, profile: UnProfile) -> dt.date | None:
    """The first date after the distribution line (the first of ``all_of``)."""
    distr = profile.all_of[0].search(text[: profile.head_chars])
    if distr is None:
        return None
    return find_date(text[distr.start() : distr.start() + profile.date_window])
