"""Attributing headlines of UN meeting coverage: "CONTENT, SPEAKER Stresses", "CONTENT, Says SPEAKER",
"SPEAKER Urges CONTENT", and the agentless "CONTENT, Third Committee Told".

A headline is a line in Title Case without closing punctuation. It is cut into clauses at ", as " and
", while "; in each clause the verb from ``data/cues.json`` (``headline_verbs``) splits the speaker from
the content: the content is always on the other side of the cue from the speaker. The speaker phrase
must read as a speaker: a State, "X's Representative", an office, a collective ("Delegates", "Some
Members") or a title. "..., Third Committee Told" names no speaker; its statement goes to the first
person who speaks in the body (``agentless``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.attribution import lexicon, unrecords
from onrecord.attribution.speakers import Mention
from onrecord.attribution.unrecords import trimmed
from onrecord.datafiles import read_json
from onrecord.models import SpeakerKind

_CLAUSES = re.compile(
    r",\s+(?:as|while|and|with)\s+|,\s+(?=(?:Says|Say)\b)|;\s+|\s+as\s+(?=(?:[A-Z][\w’'‑-]*\s+){1,3}(?:Press|Say|Says|Urge|Urges|Stress|Stresses|Warn|Warns|Call|Calls|Voice|Voices)\b)"
)
_MAX_SPEAKER_WORDS = 9
_MIN_CONTENT_WORDS = 3


@dataclass(frozen=True, slots=True)
class HeadlineStatement:
    start: int
    end: int
    cue: tuple[int, int]
    mention: Mention | None  # None for the agentless "..., Committee Told"


@cache
def _verbs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = read_json("cues.json")
    verbs = "|".join(sorted(data["headline_verbs"], key=len, reverse=True))
    told = "|".join(data["headline_told"])
    return re.compile(rf"\b(?:{verbs})\b"), re.compile(rf"\b(?:{told})\s*$")


def is_headline(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'‑-]*", line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith((".", "?", "!")):
        return False
    capitalized: int = sum(w[0].isupper() for w in words)
    return capitalized >= 0.8 * len(words)


def speaker_mention(text: str, start: int, end: int) -> Mention | None:
    """What a headline's speaker phrase (the words right before its verb) names, or None: the shortest
    run of final words that is a State, a collective or an office ("Third Committee Delegates" ->
    Speakers), else the whole phrase where it is a short title ("Head of ... Mission on Myanmar")."""
    start, end = trimmed(text, start, end)
    spans = [m.start() + start for m in re.finditer(r"\S+", text[start:end])]
    for first in reversed(spans[-4:]):
        before = text[start:first].split()
        if before and before[-1][:1].islower():
            continue  # "... Mission on Myanmar": the object of a preposition is not the speaker
        found = unrecords.named_speaker(text, first, end)
        if found is not None:
            return found
    words = text[start:end].split()
    titles = lexicon.speakers().title_nouns
    if 0 < len(words) <= _MAX_SPEAKER_WORDS and any(w.lower() in titles for w in (*words[:3], words[-1])):
        phrase = text[start:end]
        return Mention(start, end, phrase, phrase, SpeakerKind.PERSON, roles=(phrase,))
    return None


def headline_statements(text: str, start: int, end: int) -> list[HeadlineStatement]:
    """The attributed clauses of the headline ``text[start:end]``."""
    verbs, told = _verbs()
    found: list[HeadlineStatement] = []
    bounds = [start]
    bounds += [m.start() for m in _CLAUSES.finditer(text, start, end)] + [end]
    clauses = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    for c_start, c_end in clauses:
        c_start, c_end = trimmed(text, c_start, c_end)
        c_start = _skip_joiner(text, c_start, c_end)
        clause = text[c_start:c_end]
        passive = told.search(clause)
        comma = text.rfind(",", c_start, c_start + passive.start()) if passive else -1
        if passive and comma > c_start:  # "CONTENT, Third Committee Told": the speaker comes later
            cue = (c_start + passive.start(), c_start + passive.end())
            found.append(HeadlineStatement(*trimmed(text, c_start, comma), cue, None))
            continue
        for verb in verbs.finditer(clause):
            v_start, v_end = c_start + verb.start(), c_start + verb.end()
            comma = text.rfind(",", c_start, v_start)
            if verb.group(0) in {"Says", "Say"} and text[c_start:v_start].strip(" ,") == "":
                mention = speaker_mention(text, v_end, c_end)  # "..., Says Russian Federation"
                content = trimmed(text, start, c_start)
            elif comma >= 0:  # "CONTENT, Secretary-General Stresses during Thematic Debate"
                mention = speaker_mention(text, comma + 1, v_start)
                content = trimmed(text, c_start, comma)
            else:  # "Delegates Reject CONTENT", "CONTENT Assembly President Says"
                mention = speaker_mention(text, c_start, v_start)
                content = trimmed(text, v_end, c_end)
                if mention is not None and len(text[content[0] : content[1]].split()) < _MIN_CONTENT_WORDS:
                    content = trimmed(text, c_start, mention.start)
                    if content[1] <= content[0] and c_start > start:
                        content = trimmed(text, start, c_start)  # "CONTENT, as Some Members Stress"
            if mention is None or len(text[content[0] : content[1]].split()) < _MIN_CONTENT_WORDS:
                continue
            if content[0] == trimmed(text, v_end, c_end)[0]:  # "Speakers Call for X": what was said is X
                content = (_skip_particle(text, verb.group(0), *content), content[1])
            found.append(HeadlineStatement(content[0], content[1], (v_start, v_end), mention))
            break
    return found


def _skip_particle(text: str, verb: str, start: int, end: int) -> int:
    """Past the particle that belongs to the headline's ``verb`` (the cue lexicon's "call for")."""
    particles = lexicon.cues().particles
    own = particles.get(verb.lower()) or particles.get(verb.lower().removesuffix("s"), frozenset())
    words = text[start:end].split(maxsplit=1)
    if len(words) == 2 and words[0].lower() in own:
        return text.index(words[1], start)
    return start


def _skip_joiner(text: str, start: int, end: int) -> int:
    match = re.match(r"(?:as|while|and|with)\s+", text[start:end])
    return start + match.end() if match else start
