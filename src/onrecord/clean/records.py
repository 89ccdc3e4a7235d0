"""Articles from table rows (CSV/JSONL): the row's text, title, date and URL.

The text is cleaned by the line classifier's lighter "record" rules (a dateline such as "Friday,
January 4, 2019" on a line of its own is taken as the date where the row has none, and dropped). The
title from the row becomes the first line of the clean text; the outlet is the URL's host, named where
the host is a known outlet (``data/outlets.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping

from onrecord.clean.compose import join_paragraphs, one_line, with_headline
from onrecord.clean.dates import parse_date
from onrecord.clean.lines import classify_lines, page_metadata
from onrecord.clean.outlets import outlet_of_url
from onrecord.clean.rules import Profile
from onrecord.clean.scraped import removed_lines
from onrecord.errors import ExtractionError
from onrecord.models import Article

__all__ = ["outlet_of_url", "record_article"]


def record_article(text: str, fields: Mapping[str, str]) -> Article:
    """The article of one row: ``text`` (decoded) and the row's ``title``/``date``/``url`` fields."""
    verdicts = classify_lines(text.split("\n"), Profile.RECORD)
    body = join_paragraphs(v.line for v in verdicts if v.body or v.blank)
    removed = removed_lines(verdicts)
    if not body:  # a row that is only a date line: the row is still what it is, keep its line
        body, removed = join_paragraphs(text.split("\n")), ()
    if not body:
        raise ExtractionError("the row's text field is blank")
    title = one_line(fields.get("title") or "") or None
    url = (fields.get("url") or "").strip() or None
    given_date = (fields.get("date") or "").strip()
    published = parse_date(given_date) if given_date else None
    return Article(
        text=with_headline(title, body),
        title=title,
        outlet=outlet_of_url(url),
        published=published or page_metadata(verdicts).published,
        url=url,
        removed=removed,
    )
