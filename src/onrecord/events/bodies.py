"""Multilateral human-rights bodies and where a text names them, from ``data/bodies.json``.

A ``Body`` is one entry of the data file (canonical name, parent, seat, calendar); ``find_bodies`` lists
every mention of a body in a text: its aliases ("UNHRC", "the Human Rights Council"), its patterns
("HRC55", which also gives the session) and its anaphora ("the Council", resolved to the body last
named that answers to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json
from onrecord.errors import ConfigError
from onrecord.models import Span


@dataclass(frozen=True, slots=True)
class Body:
    name: str
    type: str
    parent: str | None
    location: str | None
    calendar: str | None
    aliases: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    anaphora: tuple[str, ...] = ()
    ordinal_before: str = "session"  # what "the 78th <body>" counts: "session" or "cycle"
    default_kind: str | None = None  # the kind of meeting where a text names none
    not_after: re.Pattern[str] | None = None  # text just before an alias that makes it another body's
    not_before: re.Pattern[str] | None = None  # text just after an alias that makes it another body's


@dataclass(frozen=True, slots=True)
class BodyMention:
    """One place a text names a body; ``name`` is the canonical name, or a special procedure's mandate."""

    body: Body
    name: str
    span: Span
    session: int | None = None
    anaphoric: bool = False


@dataclass(frozen=True, slots=True)
class _Lexicon:
    bodies: tuple[Body, ...]
    by_name: dict[str, Body]
    alias_pattern: re.Pattern[str]
    alias_body: dict[str, Body]
    anaphora_pattern: re.Pattern[str] | None


_EDGE_BEFORE = r"(?<![\w/.-])"
_EDGE_AFTER = r"(?![\w/-])"


@cache
def _lexicon() -> _Lexicon:
    data = read_json("bodies.json")
    bodies: list[Body] = []
    for entry in data["bodies"]:
        try:
            patterns = tuple(re.compile(p) for p in entry.get("patterns", ()))
            not_after = re.compile(entry["not_after"]) if entry.get("not_after") else None
            not_before = re.compile(entry["not_before"]) if entry.get("not_before") else None
        except re.error as exc:
            raise ConfigError(
                f"bodies.json: a pattern of {entry.get('name')!r} is not a regex: {exc}"
            ) from None
        bodies.append(
            Body(
                name=entry["name"],
                type=entry["type"],
                parent=entry.get("parent"),
                location=entry.get("location"),
                calendar=entry.get("calendar"),
                aliases=tuple(entry.get("aliases", ())),
                patterns=patterns,
                anaphora=tuple(entry.get("anaphora", ())),
                ordinal_before=entry.get("ordinal_before", "session"),
                default_kind=entry.get("default_kind"),
                not_after=not_after,
                not_before=not_before,
            )
        )
    by_name = {b.name: b for b in bodies}
    alias_body: dict[str, Body] = {}
    for body in bodies:
        for alias in (body.name, *body.aliases):
            if alias in alias_body and alias_body[alias] is not body:
                raise ConfigError(
                    f"bodies.json: {alias!r} names both {alias_body[alias].name!r} and {body.name!r}"
                )
            alias_body[alias] = body
    aliases = sorted(alias_body, key=len, reverse=True)
    alias_pattern = re.compile(_EDGE_BEFORE + "(?:" + "|".join(map(re.escape, aliases)) + ")" + _EDGE_AFTER)
    anaphora = {a for b in bodies for a in b.anaphora}
    anaphora |= {"The" + a[3:] for a in anaphora if a.startswith("the ")}
    anaphora_pattern = (
        re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(anaphora, key=len, reverse=True))) + r")\b")
        if anaphora
        else None
    )
    return _Lexicon(tuple(bodies), by_name, alias_pattern, alias_body, anaphora_pattern)


def bodies() -> tuple[Body, ...]:
    """Every body of the data file, in its order."""
    return _lexicon().bodies


def find_body(name: str) -> Body | None:
    """The body with this canonical name or alias ("UNHRC" -> UN Human Rights Council), if any."""
    lex = _lexicon()
    return lex.by_name.get(name) or lex.alias_body.get(name)


def ancestors(name: str) -> tuple[str, ...]:
    """Parents, nearest first: UPR Working Group -> UN Human Rights Council, UN General Assembly."""
    chain: list[str] = []
    body = find_body(name)
    while body is not None and body.parent is not None and body.parent not in chain:
        chain.append(body.parent)
        body = find_body(body.parent)
    return tuple(chain)


def find_bodies(text: str, start: int = 0, end: int | None = None) -> tuple[BodyMention, ...]:
    """Every mention of a body in ``text[start:end]``, in text order; spans index ``text``."""
    lex = _lexicon()
    stop = len(text) if end is None else end
    found: list[BodyMention] = []
    for body in lex.bodies:
        for pattern in body.patterns:
            for m in pattern.finditer(text, start, stop):
                groups = m.groupdict()
                session = int(groups["session"]) if groups.get("session") else None
                name = " ".join(groups["name"].split()) if groups.get("name") else body.name
                span_start, span_end = (m.start("name"), m.end("name")) if groups.get("name") else m.span()
                found.append(BodyMention(body, name, Span.of(text, span_start, span_end), session))
    for m in lex.alias_pattern.finditer(text, start, stop):
        body = lex.alias_body[m.group()]
        if body.not_after is not None and body.not_after.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        if body.not_before is not None and body.not_before.search(text[m.end() : m.end() + 40]):
            continue
        found.append(BodyMention(body, body.name, Span.of(text, m.start(), m.end())))
    explicit = _without_overlaps(found)
    if lex.anaphora_pattern is None:
        return explicit
    resolved: list[BodyMention] = list(explicit)
    for m in lex.anaphora_pattern.finditer(text, start, stop):
        if any(x.span.start < m.end() and m.start() < x.span.end for x in explicit):
            continue
        phrase = m.group()
        phrase = "the" + phrase[3:] if phrase.startswith("The ") else phrase
        earlier = [x for x in explicit if x.span.end <= m.start() and phrase in x.body.anaphora]
        if earlier:
            last = earlier[-1]
            resolved.append(BodyMention(last.body, last.name, Span.of(text, m.start(), m.end()), None, True))
    return tuple(sorted(resolved, key=lambda x: x.span.start))


def _without_overlaps(mentions: list[BodyMention]) -> tuple[BodyMention, ...]:
    """The longest of overlapping mentions (a pattern with a session wins a tie)."""
    ordered = sorted(mentions, key=lambda x: (-(x.span.end - x.span.start), x.session is None, x.span.start))
    kept: list[BodyMention] = []
    for mention in ordered:
        if all(mention.span.end <= k.span.start or k.span.end <= mention.span.start for k in kept):
            kept.append(mention)
    return tuple(sorted(kept, key=lambda x: x.span.start))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words of a meeting's setting, from ``data/bodies.json``; every pattern is case-insensitive."""

    kinds: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, its words), in order of precedence
    segments: tuple[re.Pattern[str], ...]
    remote: re.Pattern[str]
    in_person: re.Pattern[str]
    places: re.Pattern[str]  # "in Geneva": group "place"
    dateline_places: re.Pattern[str]  # a place opening a line ("GENEVA, March 5 -"): group "place"
    place_names: dict[str, str]  # lower case -> the place as the data spells it
    venues: re.Pattern[str]  # "at the Palais des Nations": group "venue"
    venue_places: dict[str, str]  # venue -> the city it stands in
    event_words: re.Pattern[str]
    speech_cues: re.Pattern[str]


def _words(words: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])", flags)


@cache
def vocabulary() -> Vocabulary:
    data = read_json("bodies.json")
    try:
        segments = tuple(re.compile(p, re.IGNORECASE) for p in data["segments"])
    except re.error as exc:
        raise ConfigError(f"bodies.json: a segment pattern is not a regex: {exc}") from None
    places = sorted(data["places"], key=len, reverse=True)
    return Vocabulary(
        kinds=tuple((kind, _words(words)) for kind, words in data["kinds"].items()),
        segments=segments,
        remote=_words(data["remote"]),
        in_person=_words(data["in_person"]),
        places=re.compile(
            r"\b(?:in|at|from)\s+(?P<place>" + "|".join(map(re.escape, places)) + r")\b(?![-'’])"
        ),
        dateline_places=re.compile(
            r"^[ \t]*(?P<place>" + "|".join(map(re.escape, places)) + r")(?=[ \t]*(?:[,:(—–-]|$))",
            re.IGNORECASE | re.MULTILINE,
        ),
        place_names={p.lower(): p for p in places},
        venues=re.compile(
            r"\b(?:in|at|from|inside|outside)\s+(?:the\s+)?(?P<venue>"
            + "|".join(map(re.escape, sorted(data["venues"], key=len, reverse=True)))
            + r")\b"
        ),
        venue_places=dict(data["venues"]),
        event_words=_words(data["event_words"]),
        speech_cues=_words(data["speech_cues"]),
    )
