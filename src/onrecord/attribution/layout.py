"""Attributions the page layout makes rather than a verb: headline colons and speaker labels.

    "Bodies should serve all sides: Chinese top diplomat Ann Example"   (content: source)
    "Example: We will not back down"                                    (source: content)
    "SMITH: Thank you for having me."                                   (a transcript's speaker label)

The colon is the cue. The source side must read as a name: a short phrase ending in a proper noun.
"""

from __future__ import annotations

from typing import Any

from onrecord.attribution.clauses import Candidate, ParagraphReader
from onrecord.attribution.speakers import analyse
from onrecord.models import StatementKind

_MAX_SOURCE_WORDS = 8


def _name_head(doc: Any, start: int, end: int) -> Any | None:
    """The head of the token range when it reads as a (titled) name, else None."""
    tokens = [t for t in doc[start:end] if not t.is_space and not t.is_punct]
    if not tokens or len(tokens) > _MAX_SOURCE_WORDS:
        return None
    last = tokens[-1]
    if (last.pos_ != "PROPN" and not last.text.isupper()) or not last.text[:1].isupper():
        return None
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBN"} for t in tokens):
        return None
    return last


def _colon(doc: Any) -> Any | None:
    return next((t for t in doc if t.text == ":" and not t.is_sent_start), None)


def layout_statements(reader: ParagraphReader, headline: bool) -> list[Candidate]:
    """The colon attribution of one paragraph (the headline, or a paragraph opening with a label)."""
    doc = reader.doc
    colon = _colon(doc)
    if colon is None:
        return []
    first = next((t for t in doc if not t.is_space and t.text not in {'"', "“", "''"}), None)
    if first is None:
        return []
    cue = reader.chars(colon.i, colon.i + 1)
    label = _name_head(doc, first.i, colon.i)
    if label is not None and (headline or label.text.isupper()):
        found = _make(reader, label, (colon.i + 1, len(doc)), cue)
        if found is not None:
            return [found]
    if headline:
        end = len(doc)
        while end > colon.i + 1 and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
        source = _name_head(doc, colon.i + 1, end)
        if source is not None:
            found = _make(reader, source, (first.i, colon.i), cue)
            if found is not None:
                return [found]
    return []


def _make(
    reader: ParagraphReader, head: Any, content: tuple[int, int], cue: tuple[int, int]
) -> Candidate | None:
    mention = analyse(head)
    if mention is None or mention.pronoun is not None:
        return None
    found = reader.classify(*content)
    if found is None:
        return None
    start, end, kind = found
    shifted = mention.moved(reader.offset)
    kind = StatementKind.DIRECT if kind is StatementKind.DIRECT else StatementKind.INDIRECT
    return Candidate(start, end, kind, reader.paragraph, cue, shifted)
