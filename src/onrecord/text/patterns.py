"""Patterns of a document's furniture: where a dateline ends, and the State a UPR review names."""

from __future__ import annotations

import re

__all__ = ["dateline_end", "state_under_review"]

# "July 5, 2021 -- ", "GENEVA, June 19 (Tidewater Times) - ": where the piece was written, not what was said
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z .'-]+,\s+)?"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)"
    r"\s*(?:\([^)\n]{1,60}\)\s*)?(?:--|—|–|-|:)\s+"
)
_UNDER_REVIEW = re.compile(r"[Tt]he review of (?:the )?([A-Z][^\n]*?) was held")
_SPACE = re.compile(r"\s+")


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where a dateline that opens ``text[start:end]`` ends ("GENEVA, 3 March 2025 -- "), or None."""
    match = _DATELINE.match(text, start, end)
    return match.end() if match is not None and match.end() < end else None


def state_under_review(text: str) -> str | None:
    """The State a UPR document says was reviewed ("The review of Kenya was held ...")."""
    match = _UNDER_REVIEW.search(text[:20000])
    return _SPACE.sub(" ", match.group(1)).strip() if match else None
