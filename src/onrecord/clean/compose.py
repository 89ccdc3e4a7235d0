"""How every clean text is laid out: the headline, a blank line, then paragraphs separated by blank lines.

Lines keep their characters; only their ends are stripped. A run of blank (or whitespace-only) lines
becomes one blank line, a paragraph break.
"""

from __future__ import annotations

from collections.abc import Iterable


def join_paragraphs(lines: Iterable[str]) -> str:
    """``lines`` with their ends stripped, runs of blank lines made one paragraph break."""
    out: list[str] = []
    pending_break = False
    for raw in lines:
        line = raw.strip()
        if not line:
            pending_break = bool(out)
            continue
        if pending_break:
            out.append("")
            pending_break = False
        out.append(line)
    return "\n".join(out)


def paragraphs_of(lines: Iterable[str]) -> str:
    """Each non-blank line its own paragraph (extractors give one paragraph a line)."""
    return "\n\n".join(line.strip() for line in lines if line.strip())


def with_headline(headline: str | None, body: str) -> str:
    """The headline as the first line, a blank line, then the body (the headline alone when no body)."""
    headline = one_line(headline) if headline else ""
    body = body.strip("\n")
    if not headline:
        return body
    if not body:
        return headline
    first = body.split("\n", 1)[0].strip()
    if _fold(first) == _fold(headline):  # the body already opens with its headline
        rest = body.split("\n", 1)[1] if "\n" in body else ""
        return f"{first}\n\n{rest.lstrip()}" if rest.strip() else first
    return f"{headline}\n\n{body}"


def one_line(text: str) -> str:
    """``text`` stripped; when it spans several lines, its whitespace folded so it fits on one."""
    text = text.strip()
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
