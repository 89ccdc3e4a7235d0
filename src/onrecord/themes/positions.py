"""Which stance in human-rights diplomacy a statement takes.

The stances, their definitions and the phrasings that signal them live in ``data/positions.toml``; this
module loads that taxonomy into typed records, checks it, and matches it against a statement::

    classifier = PositionClassifier()
    for position in classifier.classify(article.text, content.start, content.end):
        position.id, position.score, position.evidence   # evidence indexes article.text

How a position is decided, for each position of the taxonomy:

1. every ``cue`` pattern found in the statement adds evidence FOR it, with the cue's weight;
2. every ``against`` pattern found adds evidence AGAINST it (a statement that argues the other side, as
   "country-specific mandates are vital" argues against non-selectivity), and the FOR cues that overlap
   it are dropped ("is not interference in its internal affairs" holds a cue but argues against it);
3. a cue marked ``negatable`` that has a negation ("not", "never", "no", "cannot" ...) earlier in its
   clause counts AGAINST instead of for ("rights are not universal"); cues whose stance is itself phrased
   with a negation ("should not be used as a pretext", "no double standards") are not negatable;
4. the confidence is the noisy-or of the FOR weights, 1 - prod(1 - w); the position is given when that
   reaches the taxonomy's threshold and outweighs the noisy-or of the AGAINST weights.

The evidence span is the strongest FOR cue found.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from onrecord.errors import ConfigError
from onrecord.models import RULE, Position, Span

__all__ = [
    "Cue",
    "Position",
    "PositionClassifier",
    "PositionDefinition",
    "Taxonomy",
    "load_taxonomy",
    "parse_taxonomy",
]

_DEFAULT_FILE = "positions.toml"
# Words that end a clause for the purpose of negation scope: a negation before one of these does not
# reach a cue after it.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]“”\"]|\b(?:but|while|whereas|although|and|or|rather than)\b")


@dataclass(frozen=True, slots=True)
class Cue:
    """One phrasing: a regular expression over lowercased text, its weight, and whether negation flips it."""

    pattern: re.Pattern[str]
    weight: float
    negatable: bool = False

    @property
    def source(self) -> str:
        return self.pattern.pattern


@dataclass(frozen=True, slots=True)
class PositionDefinition:
    """One stance of the taxonomy."""

    id: str
    name: str
    definition: str
    counter: tuple[str, ...]
    cues: tuple[Cue, ...]
    against: tuple[Cue, ...]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The stances, in file order, with the negation words and the decision threshold."""

    positions: tuple[PositionDefinition, ...]
    negations: re.Pattern[str]
    threshold: float
    about: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.positions)

    def get(self, position_id: str) -> PositionDefinition:
        for position in self.positions:
            if position.id == position_id:
                return position
        raise ConfigError(f"unknown position {position_id!r}; known: {list(self.ids)}")


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy from ``path`` (default: the packaged ``data/positions.toml``), validated."""
    if path is None:
        source = resources.files("onrecord") / "data" / _DEFAULT_FILE
        text, where = source.read_text(encoding="utf-8"), str(source)
    else:
        try:
            text, where = path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise ConfigError(f"cannot read the position taxonomy at {path}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    return parse_taxonomy(data, where)


def parse_taxonomy(data: Mapping[str, Any], where: str = "taxonomy") -> Taxonomy:
    """Typed, checked records from the parsed TOML; every problem found is named in one ``ConfigError``."""
    problems: list[str] = []
    about = data.get("about")
    if not isinstance(about, str) or not about.strip():
        problems.append("'about' must say where the taxonomy comes from")
    threshold = data.get("threshold", 0.5)
    if not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        problems.append(f"'threshold' must be a number in (0, 1], got {threshold!r}")
        threshold = 0.5
    negation_words = data.get("negations", [])
    if not isinstance(negation_words, list) or not all(isinstance(w, str) for w in negation_words):
        problems.append("'negations' must be a list of words")
        negation_words = []
    negations = re.compile(r"\b(?:" + "|".join(_phrase(w) for w in negation_words) + r")\b")
    raw_positions = data.get("position", [])
    if not isinstance(raw_positions, list) or not raw_positions:
        problems.append("no [[position]] tables")
        raw_positions = []
    positions = [p for p in (_position(raw, n, problems) for n, raw in enumerate(raw_positions)) if p]
    ids = [p.id for p in positions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate position ids {duplicates}")
    for position in positions:
        unknown = [c for c in position.counter if c not in ids]
        if unknown:
            problems.append(f"position {position.id!r}: unknown counter ids {unknown}; known: {ids}")
        if position.id in position.counter:
            problems.append(f"position {position.id!r} cannot be its own counter")
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))
    return Taxonomy(tuple(positions), negations, float(threshold), str(about))


def _position(raw: Any, number: int, problems: list[str]) -> PositionDefinition | None:
    if not isinstance(raw, dict):
        problems.append(f"position #{number + 1} is not a table")
        return None
    label = f"position {raw.get('id', f'#{number + 1}')!r}"
    missing = [k for k in ("id", "name", "definition", "cues") if k not in raw]
    if missing:
        problems.append(f"{label}: missing {missing}")
        return None
    if not re.fullmatch(r"[a-z][a-z0-9-]*", str(raw["id"])):
        problems.append(f"{label}: ids are lowercase words joined by hyphens")
    counter = raw.get("counter", [])
    counter = [counter] if isinstance(counter, str) else counter
    if not isinstance(counter, list):
        problems.append(f"{label}: 'counter' must be an id or a list of ids")
        counter = []
    cues = _cues(raw["cues"], f"{label} cues", problems)
    against = _cues(raw.get("against", []), f"{label} against", problems)
    if not cues:
        problems.append(f"{label}: needs at least one cue")
    return PositionDefinition(
        id=str(raw["id"]),
        name=str(raw["name"]),
        definition=str(raw["definition"]),
        counter=tuple(str(c) for c in counter),
        cues=cues,
        against=against,
    )


def _cues(raw: Any, label: str, problems: list[str]) -> tuple[Cue, ...]:
    if not isinstance(raw, list):
        problems.append(f"{label}: must be a list of {{pattern, weight}} tables")
        return ()
    cues = []
    for item in raw:
        if not isinstance(item, dict) or "pattern" not in item:
            problems.append(f"{label}: {item!r} is not a {{pattern, weight}} table")
            continue
        weight = item.get("weight", 0.5)
        if not isinstance(weight, int | float) or not 0 < weight <= 1:
            problems.append(f"{label}: weight of {item['pattern']!r} must be in (0, 1], got {weight!r}")
            continue
        try:
            pattern = re.compile(_phrase(str(item["pattern"])))
        except re.error as exc:
            problems.append(f"{label}: bad regular expression {item['pattern']!r}: {exc}")
            continue
        cues.append(Cue(pattern, float(weight), bool(item.get("negatable", False))))
    return tuple(cues)


def _phrase(pattern: str) -> str:
    """A pattern written with plain spaces and straight apostrophes, made to match any run of spaces
    (line breaks included) and curly apostrophes."""
    return pattern.replace(" ", r"\s+").replace("'", "['’]")


@dataclass(frozen=True, slots=True)
class _Hit:
    cue: Cue
    start: int
    end: int


class PositionClassifier:
    """Gives each statement the positions of the taxonomy it takes, with confidence and evidence."""

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = load_taxonomy() if taxonomy is None else taxonomy

    def classify(self, text: str, start: int = 0, end: int | None = None) -> tuple[Position, ...]:
        """Positions that ``text[start:end]`` takes, strongest first; evidence offsets index ``text``."""
        end = len(text) if end is None else end
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}..{end} does not lie within a text of {len(text)} characters")
        lowered = _lower(text[start:end])
        found = []
        for definition in self.taxonomy.positions:
            position = self._decide(definition, lowered, text, start)
            if position is not None:
                found.append(position)
        return tuple(sorted(found, key=lambda p: (-p.score, p.evidence.start)))

    def opposed(self, text: str, start: int = 0, end: int | None = None) -> frozenset[str]:
        """Positions that ``text[start:end]`` argues against: an ``against`` phrasing or a negated cue is
        found, and it outweighs what supports the position there."""
        end = len(text) if end is None else end
        lowered = _lower(text[start:end])
        found = set()
        for definition in self.taxonomy.positions:
            supporting, opposing = self._evidence(definition, lowered)
            against = _noisy_or(h.cue.weight for h in opposing)
            if opposing and against >= _noisy_or(h.cue.weight for h in supporting):
                found.add(definition.id)
        return frozenset(found)

    def _evidence(self, definition: PositionDefinition, lowered: str) -> tuple[list[_Hit], list[_Hit]]:
        """The hits that support ``definition`` in ``lowered`` and those that oppose it."""
        supporting: list[_Hit] = []
        opposing: list[_Hit] = []
        for hit in _hits(definition.cues, lowered):
            if hit.cue.negatable and self._negated(lowered, hit.start):
                opposing.append(hit)
            else:
                supporting.append(hit)
        against = _hits(definition.against, lowered)
        opposing.extend(against)
        # a cue inside a phrase that argues against the position is part of that argument, not support
        supporting = [h for h in supporting if not any(_overlap(h, a) for a in against)]
        return supporting, opposing

    def _decide(
        self, definition: PositionDefinition, lowered: str, text: str, offset: int
    ) -> Position | None:
        supporting, opposing = self._evidence(definition, lowered)
        score = _noisy_or(h.cue.weight for h in supporting)
        if not supporting or score < self.taxonomy.threshold:
            return None
        if score <= _noisy_or(h.cue.weight for h in opposing):
            return None
        best = max(supporting, key=lambda h: (h.cue.weight, -h.start))
        evidence = Span.of(text, offset + best.start, offset + best.end)
        return Position(definition.id, round(score, 4), evidence, RULE)

    def _negated(self, lowered: str, at: int) -> bool:
        """Whether a negation word stands earlier in the clause that holds position ``at``."""
        clause_start = max(0, at - 80)
        for brk in _CLAUSE_BREAK.finditer(lowered, clause_start, at):
            clause_start = brk.end()
        window = lowered[clause_start:at]
        return any(not _not_only(window, m.end()) for m in self.taxonomy.negations.finditer(window))


def _not_only(window: str, after: int) -> bool:
    """'not only X but also Y' affirms X: such a 'not' is no negation."""
    return window[after:].lstrip().startswith(("only", "just", "merely", "least"))


def _lower(text: str) -> str:
    """``text`` lowercased character by character, so that offsets stay the same (``"İ".lower()`` has
    two characters; such characters are kept as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _hits(cues: Iterable[Cue], lowered: str) -> list[_Hit]:
    hits = []
    for cue in cues:
        match = cue.pattern.search(lowered)
        if match is not None and match.end() > match.start():
            hits.append(_Hit(cue, match.start(), match.end()))
    return hits


def _overlap(a: _Hit, b: _Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _noisy_or(weights: Iterable[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining
