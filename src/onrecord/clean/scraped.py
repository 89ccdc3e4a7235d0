"""Articles from page text as a scraper saved it: furniture dropped, metadata recovered, body kept whole.

The first body line is the headline; it stays the first line of the clean text (a headline can carry a
statement), then a blank line, then the body paragraphs. Every body line is kept as it was, ends
stripped; the lines dropped are listed in ``Article.removed`` with the rule that dropped them. The outlet
is the known outlet of the URL, else the one a "By:" or trailing line names, else a known outlet the
title line names after a separator, else the known outlet whose furniture lines the page carries
(``data/outlets.toml``), else the name the page gives itself in its masthead, dateline, byline or
copyright line. Before any of that, the page's header and footer are read by their shape
(``onrecord.clean.layout``): the headline below the masthead and menus, the footer's furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from onrecord.clean.compose import join_paragraphs, with_headline
from onrecord.clean.layout import arrange, site_name
from onrecord.clean.lines import Verdict, classify_lines, page_metadata
from onrecord.clean.outlets import known_outlet_of_url, outlet_of_lines, outlet_of_title
from onrecord.clean.rules import Profile
from onrecord.errors import ExtractionError
from onrecord.models import Article, RemovedLine

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
_HEADLINE_MAX_WORDS = 40  # a first line longer than this that ends a sentence is body, not a headline


def scraped_article(text: str, *, url: str | None = None) -> Article:
    """The article in scraped page ``text``; raises ``ExtractionError`` when no body line remains."""
    verdicts, headline_at = arrange(classify_lines(text.split("\n"), Profile.TEXT))
    body_indexes = [i for i, v in enumerate(verdicts) if v.body]
    if not body_indexes:
        raise ExtractionError(f"every line of the page is furniture or metadata ({len(verdicts)} lines)")
    first = verdicts[body_indexes[0]]
    headline: str | None = None
    body_from = body_indexes[0]
    if headline_at is not None:
        headline = verdicts[headline_at].line
        body_from = headline_at + 1
    elif looks_like_headline(first.line) and len(body_indexes) > 1:
        headline = first.line
        body_from = body_indexes[0] + 1
    body = join_paragraphs(v.line for v in verdicts[body_from:] if v.body or v.blank)
    meta = page_metadata(verdicts)
    return Article(
        text=with_headline(headline, body),
        title=headline,
        outlet=(
            known_outlet_of_url(url)
            or meta.outlet
            or outlet_of_title(headline)
            or outlet_of_lines(v.line for v in verdicts)
            or site_name(verdicts, headline_at)
        ),
        byline=meta.byline,
        published=meta.published,
        url=url,
        removed=removed_lines(verdicts),
    )


def looks_like_headline(line: str) -> bool:
    """A first line is the headline unless it is a long sentence-ending paragraph."""
    return not (len(line.split()) > _HEADLINE_MAX_WORDS and _SENTENCE_END.search(line))


def removed_lines(verdicts: Sequence[Verdict]) -> tuple[RemovedLine, ...]:
    return tuple(RemovedLine(v.line, v.rule) for v in verdicts if v.rule is not None and not v.keep)
