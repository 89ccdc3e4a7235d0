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


@pytest.mark.parametrize(
    "opening",
    # with a dateline, with a place alone (a dash after it, or a colon after a place the lexicon knows),
    # and without
    [
        "GENEVA, 3 March 2026 -- ",
        "GENEVA, March 3 (Harbour Wire) - ",
        "GENEVA — ",
        "GENEVA - ",
        "NEW YORK -- ",
        "KUALA LUMPUR: ",
        "",
    ],
)
def test_a_dateline_is_not_taken_for_the_speaker(opening: str) -> None:
    """The parser read "GENEVA, 3 March 2026 -- The delegate ... told" with GENEVA as the subject; the
    name hung on the country ("the delegate of Norway, Ambassador Rena Tolvik,") is the person."""
    from onrecord.attribution import Attributor
    from onrecord.models import Article

    text = (
        "Delegates clash at the Council\n\n"
        f"{opening}The delegate of Norway, Ambassador Rena Tolvik, told the Human Rights Council on Monday"
        ' that "human rights must never be used as a pretext to interfere in the affairs of states."'
    )
    (statement,) = Attributor().attribute(Article(text=text))
    assert statement.speaker.name == "Rena Tolvik"
    assert statement.speaker.country == "Norway"
    assert "delegate of Norway" in statement.speaker.roles
    assert statement.content.text.startswith("human rights must never")


def test_a_name_on_another_noun_is_not_the_speaker() -> None:
    """Only a country carries the apposition over: here the president is named, not the spokesman."""
    from onrecord.attribution import Attributor
    from onrecord.models import Article

    text = "An invented headline\n\nA spokesman for the president, Ilse Marrow, said the talks had failed."
    statements = Attributor().attribute(Article(text=text))
    assert statements and all(s.speaker.name != "Ilse Marrow" for s in statements)
