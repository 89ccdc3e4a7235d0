"""Pages nested deeper than the HTML parser's limit: nothing of their text is lost to it.

libxml2 (under lxml, under trafilatura) stops building the tree 255 elements down by default, so the
text of a page nested deeper silently vanishes ("no main text found"). Such a page is parsed again with
the parser's huge-tree option, which goes 2,047 elements down. Deeper still, its text is read flat, by
Python's own tokenizing parser (no tree, no depth limit): one line per block element, script, style and
the page's navigation left out, for the line classifier to clean as it cleans saved page text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

PARSER_DEPTH = 255  # libxml2's default limit, elements below the root
HUGE_PARSER_DEPTH = 2047  # the limit with huge_tree

_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "nav", "iframe", "button", "select"}
)
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
        "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def depth_of(tree: Any) -> int:
    """How many elements deep the parsed page ``tree`` (an lxml element) goes below its root."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest - 1


def hit_parser_limit(tree: Any) -> bool:
    """True when the tree reaches the default parser's depth limit (so it may have lost text)."""
    return depth_of(tree) >= PARSER_DEPTH


def parse_deep(html: str) -> Any:
    """The page parsed with the huge-tree option (2,047 elements down); ``None`` when it cannot be."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True, encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def flat_lines(html: str) -> list[str]:
    """The page's text, one line per block element, without its scripts, styles and navigation."""
    reader = _FlatReader()
    reader.feed(html)
    reader.close()
    return reader.lines()


class _FlatReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._open: list[str] = []  # open elements whose text is skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED and tag not in _VOID:
            self._open.append(tag)
        if tag in _BLOCKS:
            self._parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[-1]:
            self._open.pop()
        elif tag in self._open:  # an element closed out of order closes those opened inside it
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]
        if tag in _BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._open:
            self._parts.append(data)

    def lines(self) -> list[str]:
        return [" ".join(line.split()) for line in "".join(self._parts).split("\n") if line.strip()]
