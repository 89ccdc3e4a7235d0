"""Articles from raw web pages: trafilatura for the main text and metadata, markup for what it misses.

trafilatura 2.x ``bare_extraction`` is given the parsed page (never a URL: nothing is fetched), with the
elements the page hides removed and comments left out; its recall mode takes the main text, and its
precision mode has a second look when that text is short (the longer is kept: chosen per page on the
evidence of length). The extracted lines go through the line rules of the "web" profile. The declared
markup (``htmlmeta``) gives title, date and author first; trafilatura's metadata, the page's visible
byline elements, a "By ..." line and a dateline fill the gaps. Bylines are persons, agencies set apart
(``bylines``); the outlet is the declared site name as the data writes a known outlet, else the URL's
known outlet, else one the lines name or give away (``outlets``). The clean text is the headline, a
blank line, then one paragraph per extracted block.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from typing import Any

from onrecord.clean.bylines import person_byline
from onrecord.clean.compose import one_line, paragraphs_of, with_headline
from onrecord.clean.dates import parse_date
from onrecord.clean.deep import HUGE_PARSER_DEPTH, depth_of, flat_lines, hit_parser_limit, parse_deep
from onrecord.clean.htmlmeta import PageMarkup, read_markup
from onrecord.clean.language import choose_language
from onrecord.clean.lines import classify_lines, page_metadata
from onrecord.clean.outlets import canonical_outlet, known_outlet_of_url, outlet_of_lines
from onrecord.clean.rules import Profile, rulebook
from onrecord.clean.scraped import removed_lines
from onrecord.errors import ExtractionError
from onrecord.models import Article

logger = logging.getLogger(__name__)

# Elements a browser does not show (Readability.js leaves them out too).
_HIDDEN = (
    "//body//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')"
    " or contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " \\ ", " > ")


def html_article(html: str, *, url: str | None = None) -> Article:
    """The article of the web page ``html``; raises ``ExtractionError`` when it has no main text.

    A page nested deeper than the parser's limit is parsed again without it, and read flat when it is
    deeper still (``onrecord.clean.deep``), so that none of its text is lost to the parser.
    """
    from trafilatura.utils import load_html  # imported on first use (heavy)

    tree = load_html(html)
    if tree is None:
        raise ExtractionError("the HTML could not be parsed into a page")
    deep = hit_parser_limit(tree)
    if deep:
        deeper = parse_deep(html)
        tree = deeper if deeper is not None else tree
    markup = read_markup(tree)
    if deep and depth_of(tree) >= HUGE_PARSER_DEPTH:
        return _article(flat_lines(html), None, markup, url)
    document, text = _extract(tree)
    if not text.strip():
        if deep:
            return _article(flat_lines(html), None, markup, url)
        raise ExtractionError("no main text found in the HTML page")
    return _article(text.split("\n"), document, markup, url)


def _extract(tree: Any) -> tuple[Any, str]:
    """trafilatura's document (its metadata) and the main text it finds in ``tree``, hidden parts removed.

    The text is what trafilatura's recall mode finds; when that is short (``[web] second_look_below_words``
    in ``data/furniture.toml``), its precision mode looks again, and the longer text is kept (recall mode
    sometimes settles on a fragment that precision mode passes over).
    """
    _drop_hidden(tree)
    backup = copy.deepcopy(tree)
    document = _trafilatura(tree, recall=True)
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if _words(text) < rulebook().web.second_look_below_words:
        second = _trafilatura(backup, recall=False)
        other = (getattr(second, "text", None) or "") if second is not None else ""
        if _words(other) > _words(text):
            text = other
    return document, text


def _drop_hidden(tree: Any) -> None:
    """Remove the elements the page hides, unless they hold nearly all its text (a page a script reveals:
    ``[web] hidden_max_share`` in ``data/furniture.toml``)."""
    hidden = [element for element in tree.xpath(_HIDDEN) if element.getparent() is not None]
    marked = set(hidden)
    outermost = [e for e in hidden if not any(a in marked for a in e.iterancestors())]
    hidden_chars = sum(len(" ".join(e.text_content().split())) for e in outermost)
    body = tree.find(".//body")
    body_chars = len(" ".join(body.text_content().split())) if body is not None else 0
    if hidden_chars > rulebook().web.hidden_max_share * body_chars:
        return
    for element in outermost:
        element.drop_tree()


def _trafilatura(tree: Any, *, recall: bool) -> Any:
    """One run of trafilatura on the parsed page (nothing is fetched); metadata on the recall run only."""
    from trafilatura import bare_extraction  # imported on first use (heavy)

    return bare_extraction(
        tree,
        with_metadata=recall,
        favor_recall=recall,
        favor_precision=not recall,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )


def _words(text: str) -> int:
    return len(text.split())


def _article(lines: list[str], document: Any, markup: PageMarkup, url: str | None) -> Article:
    """The article from the extracted ``lines`` and what the extractor's ``document`` and the markup say."""
    verdicts = classify_lines(lines, Profile.WEB)
    blocks = [v.line for v in verdicts if v.body]
    if sum(len(block.split()) for block in blocks) < rulebook().shapes.min_body_words:
        raise ExtractionError(f"no main text found in the HTML page (only {' '.join(blocks)[:60]!r})")
    site = _clean(getattr(document, "sitename", None)) or markup.site_name
    title = _title(getattr(document, "title", None), markup, site)
    head = page_metadata(verdicts)
    return Article(
        text=with_headline(title, paragraphs_of(blocks)),
        removed=removed_lines(verdicts),
        title=title,
        outlet=_outlet(site, url, head.outlet, lines),
        byline=(
            person_byline(markup.author)
            or person_byline(getattr(document, "author", None))
            or next(filter(None, map(person_byline, markup.visible_bylines)), None)
            or head.byline
        ),
        published=_published(getattr(document, "date", None), markup) or head.published,
        language=choose_language(markup.lang or getattr(document, "language", None), "\n".join(lines)),
        url=url,
    )


def _title(extracted: str | None, markup: PageMarkup, site: str | None) -> str | None:
    """The declared title without the site's name, else the <title> tag's, else the extractor's."""
    if markup.meta_title:
        return without_site_name(markup.meta_title, site)
    if markup.title_tag:
        bare = without_site_name(markup.title_tag, site)
        return bare if bare != markup.title_tag else title_from_tag(markup.title_tag)
    return one_line(" ".join(extracted.split())) if extracted and extracted.strip() else None


def without_site_name(title: str, site: str | None) -> str:
    """``title`` without a trailing (or leading) " - Site Name" when ``site`` is the name."""
    title = " ".join(title.split())
    if not site:
        return title
    for separator in _SEPARATORS:
        head, sep, tail = title.rpartition(separator)
        if sep and head and tail.casefold() == site.casefold():
            return head
        tail, sep, head = title.partition(separator)
        if sep and head and tail.casefold() == site.casefold():
            return head
    return title


def title_from_tag(title: str) -> str:
    """A <title> tag's text without the site's part, as Readability.js cuts it.

    The part before the last separator is kept; when that is under three words, the part after the
    first; when what is left has four words or fewer, the whole title (a short title is often all name).
    """
    title = " ".join(title.split())
    separators = [sep for sep in _SEPARATORS if sep in title]
    if not separators:
        return title
    last = max(title.rfind(sep) for sep in separators)
    candidate = title[:last].strip()
    if len(candidate.split()) < 3:
        first = min(title.find(sep) for sep in separators)
        candidate = title[first:].split(" ", 2)[-1].strip()
    if len(candidate.split()) <= 4:
        return title
    return candidate


def _outlet(site: str | None, url: str | None, named: str | None, lines: list[str]) -> str | None:
    """The site's declared name (as the data writes a known outlet), else the URL's known outlet, else
    one the page's lines name or give away."""
    if site:
        return canonical_outlet(site)
    return known_outlet_of_url(url) or named or outlet_of_lines(lines)


def _published(extracted: str | None, markup: PageMarkup) -> dt.date | None:
    if markup.published is not None:
        return markup.published
    return parse_date(extracted) if extracted else None


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
