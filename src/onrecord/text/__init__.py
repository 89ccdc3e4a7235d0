"""The text toolkit the stages share: sentences, clauses, trimming spans, hard-wrap detection, datelines,
month names, "the review of X was held".

    sentence_spans(text, start, end)      (start, end) of each sentence, abbreviations respected
    reading.sentence_spans, clause_spans  sentences and clauses as the position model reads them
    trimmed_span(text, start, end)        a span without the space around it
    hard_wrapped(text)                    whether a text is wrapped at a fixed width
    dateline_end(text, start, end)        where a dateline opening ``text[start:end]`` ends, if one does
    month_number(name), MONTHS_PATTERN    month name or short form -> 1-12; a regex of the full names
    MONTH_FORMS_PATTERN                   a regex of the full names and the short forms
    state_under_review(text)              "The review of Kenya was held ..." -> "Kenya"

    sentences.py  prose sentences (attribution, events); where a sentence ends, trimming, hard wraps
    reading.py    sentences and clauses as the position model reads them (the positions gold's sentences)
    lexicon.py    the word lists of ``data/text.json``: abbreviations, month names
    patterns.py   datelines, the State under review

The abbreviations and month names are data (``data/text.json``), so that every stage splits sentences
and reads months from one list. The two sentence splitters share it, the pattern of a sentence end and
the trimming; why the position model's sentences keep rules of their own is said in ``reading.py``.
"""

from __future__ import annotations

from onrecord.text.lexicon import MONTH_FORMS_PATTERN, MONTHS_PATTERN, month_number
from onrecord.text.patterns import dateline_end, state_under_review
from onrecord.text.sentences import hard_wrapped, sentence_spans, trimmed_span

__all__ = [
    "MONTHS_PATTERN",
    "MONTH_FORMS_PATTERN",
    "dateline_end",
    "hard_wrapped",
    "month_number",
    "sentence_spans",
    "state_under_review",
    "trimmed_span",
]
