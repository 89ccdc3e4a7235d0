"""The relevance gate: a cheap test, before the parse, that sets aside documents not about multilateral
diplomacy.

    gate = Gate.load()
    verdict = gate.judge_raw(raw)          # Verdict(relevant, score, terms, reason)
    if not verdict.relevant: ...           # record the document as skipped, with ``verdict.reason``

The test is a weighted lexicon (``onrecord/data/gate.json``): names of bodies and offices ("Security
Council", "OHCHR"), forms of meeting ("interactive dialogue", "plenary") and the vocabulary of diplomacy
("delegation", "ceasefire"). A document passes when the weights of the distinct terms it holds reach the
threshold. It reads the bytes as they are (a table row's text field, a page stripped of its tags) and
looks its words up in a table, so it costs a split into words, not a decode, a clean and a parse.
``benchmarks/gate.py`` measures its recall and its rejection rate on general news, and
``benchmarks/scale.py`` its speed against the full pipeline.

Whether the gate applies is a ``GateMode``: ``on`` and ``off`` say so; ``auto`` (the default) gates the
news-sized inputs, the pages of web archives (WARC/WET records, a crawl of the day's news), and lets
through the files and tables a user chose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from onrecord.datafiles import read_json
from onrecord.errors import ConfigError
from onrecord.models import MediaType, RawDocument

GATE_STAGE = "gate"  # the stage name skipped documents are recorded under

_TAGS = re.compile(rb"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.I | re.S)
_HTML_READ_BYTES = 400_000  # a page's first bytes hold its text; the rest is scripts and footers


class GateMode(StrEnum):
    """Whether the gate applies: ``auto`` to the pages of web archives only."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the gate made of one document: whether it passes, its score, the terms found, and why not."""

    relevant: bool
    score: float
    terms: tuple[str, ...] = ()
    reason: str | None = None


_TOKEN = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*")  # words, with inner hyphens, dots, apostrophes


@dataclass(frozen=True, slots=True)
class Terms:
    """Terms as token sequences, found by looking up the tokens that may start one (a dict per length)."""

    by_tokens: dict[tuple[str, ...], str]
    starts: frozenset[str]
    longest: int

    @classmethod
    def of(cls, terms: Iterable[str], fold: bool) -> Terms:
        by_tokens = {}
        for term in terms:
            tokens = tuple(_TOKEN.findall(term.casefold() if fold else term))
            if tokens:
                by_tokens[tokens] = term.casefold() if fold else term
        return cls(
            by_tokens,
            frozenset(t[0] for t in by_tokens),
            max((len(t) for t in by_tokens), default=0),
        )

    def find(self, tokens: list[str]) -> Counter[str]:
        """Each term's occurrences, leftmost and longest first, never overlapping."""
        found: Counter[str] = Counter()
        i, n = 0, len(tokens)
        while i < n:
            if tokens[i] in self.starts:
                for size in range(min(self.longest, n - i), 0, -1):
                    term = self.by_tokens.get(tuple(tokens[i : i + size]))
                    if term is not None:
                        found[term] += 1
                        i += size
                        break
                else:
                    i += 1
            else:
                i += 1
        return found


@dataclass(frozen=True, slots=True)
class Gate:
    """The weighted lexicon and its threshold, ready to use."""

    weights: dict[str, float]
    threshold: float
    repeat_cap: int
    head_chars: int
    words: Terms  # matched case-insensitively
    acronyms: Terms  # matched as written

    @classmethod
    def load(cls) -> Gate:
        return _default_gate()

    @classmethod
    def from_lexicon(cls, lexicon: dict[str, object]) -> Gate:
        """A gate from a lexicon shaped like ``data/gate.json``; a malformed one is a ``ConfigError``."""
        try:
            terms = {str(k).casefold(): float(v) for k, v in dict(lexicon["terms"]).items()}  # type: ignore[call-overload]
            acronyms = {str(k): float(v) for k, v in dict(lexicon["acronyms"]).items()}  # type: ignore[call-overload]
            threshold = float(lexicon["threshold"])  # type: ignore[arg-type]
            repeat_cap = int(lexicon["repeat_cap"])  # type: ignore[call-overload]
            head_chars = int(lexicon["head_chars"])  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"the gate's lexicon needs 'terms' and 'acronyms' (term -> weight), 'threshold', "
                f"'repeat_cap' and 'head_chars': {type(exc).__name__}: {exc}"
            ) from None
        if threshold <= 0 or repeat_cap < 1 or head_chars < 1:
            raise ConfigError("the gate's threshold, repeat_cap and head_chars must be above 0")
        return cls(
            weights={**terms, **acronyms},
            threshold=threshold,
            repeat_cap=repeat_cap,
            head_chars=head_chars,
            words=Terms.of(terms, fold=True),
            acronyms=Terms.of(acronyms, fold=False),
        )

    def judge(self, text: str) -> Verdict:
        """The verdict on a text (only its first ``head_chars`` characters are read)."""
        head = text[: self.head_chars]
        found = self.words.find(_TOKEN.findall(head.casefold())) + self.acronyms.find(_TOKEN.findall(head))
        score = 0.0
        for term, count in found.items():
            score += self.weights.get(term, 0.0) * (1 + 0.5 * (min(count, self.repeat_cap) - 1))
        terms = tuple(sorted(found, key=lambda t: (-self.weights.get(t, 0.0), t)))
        if score >= self.threshold:
            return Verdict(True, score, terms)
        if not found:
            reason = "not about multilateral diplomacy: none of the gate's terms occurs"
        else:
            shown = ", ".join(repr(t) for t in terms[:5])
            reason = (
                f"not about multilateral diplomacy: score {score:g} below the gate's threshold "
                f"{self.threshold:g} (terms found: {shown})"
            )
        return Verdict(False, score, terms, reason)

    def judge_raw(self, raw: RawDocument) -> Verdict:
        """The verdict on a document as received, read cheaply (see ``cheap_text``)."""
        return self.judge(cheap_text(raw, self.head_chars))


def applies(mode: GateMode, raw: RawDocument) -> bool:
    """Whether ``mode`` gates this document: always, never, or (``auto``) when it is an archived page."""
    if mode is GateMode.AUTO:
        return "://" in raw.source  # a web archive's record is named by its URI, a file by its path
    return mode is GateMode.ON


def cheap_text(raw: RawDocument, limit: int) -> str:
    """About the first ``limit`` characters of a document's text, without the real decode and clean: a
    record's title and text fields, a page's bytes without tags, a text file's bytes; undecodable bytes
    become U+FFFD (the lexicon is ASCII, so that loses nothing it could match)."""
    if raw.media_type is MediaType.RECORD:
        title = raw.fields.get("title", "")
        return f"{title}\n{raw.fields.get('text', '')[:limit]}"
    data = raw.data
    if raw.media_type is MediaType.HTML:
        data = _TAGS.sub(b" ", data[:_HTML_READ_BYTES])
        data = re.sub(rb"\s+", b" ", data)
    return data[: limit * 4].decode("utf-8", "replace")


@cache
def _default_gate() -> Gate:
    return Gate.from_lexicon(read_json("gate.json"))
