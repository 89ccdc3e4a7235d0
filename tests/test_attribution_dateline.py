"""A dateline that opens a paragraph is where and when the piece was written, not part of what was said."""

from __future__ import annotations

import pytest

from onrecord.attribution.attributor import without_dateline
from onrecord.models import Span, Speaker, Statement, StatementKind


@pytest.mark.parametrize(
    ("paragraph", "said"),
    [
        ("March 3, 2026 -- Talks must resume, the envoys said.", "Talks must resume"),
        ("LISBON, May 9 (Harbour Wire) - Fishing quotas are unfair, the minister said.", "Fishing quotas"),
        ("9 May 2026: Ports will reopen, officials said.", "Ports will reopen"),
        ("Talks must resume on March 3, the envoys said.", "Talks must resume on March 3"),  # no dateline
    ],
)
def test_a_leading_dateline_is_left_out_of_the_content(paragraph: str, said: str) -> None:
    text = "An invented headline\n\n" + paragraph
    start = text.index(paragraph)
    end = text.index(",", text.index(said))
    statement = Statement(Span.of(text, start, end), Speaker("the envoys"), StatementKind.INDIRECT)
    content = without_dateline(text, statement).content
    assert content.text.startswith(said)
    assert text[content.start : content.end] == content.text


def test_a_date_inside_a_line_is_kept() -> None:
    text = "He said: May 9, 2026 - a day to remember."
    start = text.index("May")
    statement = Statement(Span.of(text, start, len(text)), Speaker("He"), StatementKind.INDIRECT)
    assert without_dateline(text, statement) == statement
