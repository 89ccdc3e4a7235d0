"""The text toolkit: the prose splitter, the position model's reading of sentences and clauses, and the
word lists they share.

The reading splitter's sentences are those of the positions gold, by offset: a change to it that moves
a boundary in a gold document fails here (with ``ONRECORD_SHARED``), not later as a drift in the scores.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onrecord.datafiles import read_json
from onrecord.text import hard_wrapped, reading, sentence_spans, trimmed_span
from onrecord.themes.position_gold import SharedTexts, load_gold

_PIECES = ["Word", "word", ".", " ", "\n", "\n\n", "Mr.", "Gen.", "?", "“Quote.”", "A", "5", ",", "—", "but"]


@pytest.mark.data
def test_every_gold_sentence_is_a_sentence_of_its_document(shared: Path) -> None:
    items = load_gold()
    texts = SharedTexts(shared).resolve(items)
    sentences = {key: set(reading.sentence_spans(text)) for key, text in texts.items()}
    missing = [i for i in items if (i.start, i.end) not in sentences[(i.corpus, i.doc)]]
    assert not missing, [f"line {i.line}: {i.corpus}/{i.doc} {i.start}..{i.end}" for i in missing[:10]]


@pytest.mark.parametrize(
    ("text", "prose", "read"),
    [
        # both know the short list and initials; only prose knows the longer one
        (
            "Mr. Smith spoke. Gen. Ade left.",
            ["Mr. Smith spoke.", "Gen. Ade left."],
            ["Mr. Smith spoke.", "Gen.", "Ade left."],
        ),
        (
            "He met J. Doe. Then he left.",
            ["He met J. Doe.", "Then he left."],
            ["He met J. Doe.", "Then he left."],
        ),
        (
            "It met in Jan. The talks went on.",
            ["It met in Jan. The talks went on."],
            ["It met in Jan.", "The talks went on."],
        ),
        # a digit opens a sentence in prose only
        ("They met. 5 States spoke.", ["They met.", "5 States spoke."], ["They met. 5 States spoke."]),
        # a line break ends a sentence in the reading, and in prose only with line_breaks (below)
        ("Heading\nThe body said so.", ["Heading\nThe body said so."], ["Heading", "The body said so."]),
        # a single character is no sentence in the reading
        ("A. B", ["A. B"], ["A. B"]),
        ("Go. B", ["Go.", "B"], ["Go."]),
    ],
)
def test_sentences_prose_and_read(text: str, prose: list[str], read: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == prose
    assert [text[s:e] for s, e in reading.sentence_spans(text)] == read


def test_prose_with_line_breaks_lets_a_sentence_end_over_a_break_cut_first() -> None:
    text = "He said “it is over.”\nThe meeting rose."
    assert [text[s:e] for s, e in sentence_spans(text, line_breaks=True)] == [
        "He said “it is over.",
        "The meeting rose.",
    ]
    assert [text[s:e] for s, e in reading.sentence_spans(text)] == [
        "He said “it is over.”",
        "The meeting rose.",
    ]


def test_hard_wrapped_text_is_read_in_paragraphs() -> None:
    line = "the delegation of the State said that the Council should act"
    paragraph = "\n".join([line] * 6) + " now."
    text = paragraph + "\n\n" + paragraph
    assert hard_wrapped(text) and not hard_wrapped(paragraph.replace("\n", " "))
    assert list(reading.sentence_spans(text)) == [(0, len(paragraph)), (len(paragraph) + 2, len(text))]


def test_clauses_join_short_pieces_to_the_next() -> None:
    text = (
        "Human rights, he said, must be protected everywhere, but never used as a pretext for interference."
    )
    assert [text[s:e] for s, e in reading.clause_spans(text)] == [
        "Human rights, he said, must be protected everywhere",
        "but never used as a pretext for interference.",
    ]


@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.booleans())
def test_sentences_and_clauses_are_ordered_trimmed_pieces(pieces: list[str], line_breaks: bool) -> None:
    text = "".join(pieces)
    read = list(reading.sentence_spans(text))
    for spans in (
        sentence_spans(text, line_breaks=line_breaks),
        read,
        *(reading.clause_spans(text, *s) for s in read),
    ):
        last = 0
        for start, end in spans:
            assert last <= start < end <= len(text)
            assert trimmed_span(text, start, end) == (start, end)
            last = end


def test_each_abbreviation_is_listed_once() -> None:
    data = read_json("text.json")
    short_forms = [form for forms in data["months"].values() for form in forms]
    listed = [*data["abbreviations"], *data["more_abbreviations"], *short_forms]
    assert len(listed) == len(set(listed))
