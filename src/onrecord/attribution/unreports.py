"""UN Universal Periodic Review Working Group reports: a rule path instead of the parse.

In the "Interactive dialogue and responses by the State under review" section, a numbered paragraph
that opens with a State and a reporting verb ("21. Thailand recognized ...") is a statement by that
State; its later sentences carry on the same State ("It recommended ..." names it again, other
sentences are continuations). Paragraphs of the State under review ("The delegation stated ...", and
the whole presentation section) are its statements. The layout words and verbs live in
``data/unreports.json``; the text is read exactly as the cleaner left it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json
from onrecord.models import Span, Speaker, SpeakerKind, Statement, StatementKind
from onrecord.text import sentence_spans, state_under_review

# "21. Thailand ..." or, where the number stands on a line of its own, "21.\n\nThailand ..."
_NUMBERED = re.compile(r"(?m)^[ \t]*(\d{1,3})\.(?:[ \t]+|[ \t]*\n\s*)(?=\S)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Rules:
    markers: tuple[str, ...]
    dialogue: re.Pattern[str]
    presentation: re.Pattern[str]
    end: re.Pattern[str]
    opening: re.Pattern[str]  # State name + reporting verb at a paragraph's or sentence's start
    delegation: re.Pattern[str]
    not_states: frozenset[str]


@cache
def rules() -> Rules:
    data = read_json("unreports.json")
    verbs = "|".join(sorted({re.escape(v) for v in data["verbs"]}, key=len, reverse=True))
    name = r"[A-Z][\w'’().-]*(?:\s+(?:of|the|and|[A-Z][\w'’().-]*))*?"
    return Rules(
        markers=tuple(data["genre_markers"]),
        dialogue=re.compile(re.escape(data["dialogue_heading"]).replace(r"\ ", r"\s+"), re.I),
        presentation=re.compile(re.escape(data["presentation_heading"]).replace(r"\ ", r"\s+"), re.I),
        end=re.compile(r"\n\s*(?:II\.?\s+)?" + re.escape(data["end_heading"]).replace(r"\ ", r"\s+"), re.I),
        opening=re.compile(rf"(?:The\s+)?(?P<name>{name})\s*,?\s+(?P<verb>(?:{verbs}))\b"),
        delegation=re.compile(
            r"(?P<name>"
            + "|".join(re.escape(d) for d in data["delegation_openings"])
            + r")\b[^.]{0,80}?\s+(?P<verb>[a-z]+ed)\b"
        ),
        not_states=frozenset(data["not_states"]),
    )


def is_wg_report(text: str) -> bool:
    """Whether the text is a UPR Working Group report (its headings are there)."""
    head = text[:20000]
    return all(marker.lower() in head.lower() for marker in rules().markers) and bool(_NUMBERED.search(text))


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the numbered paragraphs in ``text[start:end]``, the number included."""
    starts = [m.start() for m in _NUMBERED.finditer(text, start, end)]
    return [(s, (starts[i + 1] if i + 1 < len(starts) else end)) for i, s in enumerate(starts)]


def _section(text: str, heading: re.Pattern[str]) -> tuple[int, int] | None:
    """The body of the section under the LAST ``heading`` (the first is usually the contents list)."""
    found = [m for m in heading.finditer(text)]
    if not found:
        return None
    start = found[-1].end()
    end_match = rules().end.search(text, start)
    return start, end_match.start() if end_match else len(text)


def attribute_report(text: str) -> tuple[Statement, ...]:
    """The statements of a UPR Working Group report."""
    r = rules()
    reviewed_name = state_under_review(text)
    reviewed = Speaker(reviewed_name, SpeakerKind.STATE, country=reviewed_name) if reviewed_name else None
    statements: list[Statement] = []
    dialogue = _section(text, r.dialogue)
    presentation = _section(text, r.presentation)
    if presentation is not None and reviewed is not None:
        p_end = min(presentation[1], dialogue[0]) if dialogue else presentation[1]
        for start, end in _paragraphs(text, presentation[0], p_end):
            statements.extend(_paragraph(text, start, end, reviewed, presentation=True))
    if dialogue is not None:
        for start, end in _paragraphs(text, *dialogue):
            statements.extend(_paragraph(text, start, end, reviewed, presentation=False))
    return tuple(statements)


def _paragraph(
    text: str, start: int, end: int, reviewed: Speaker | None, presentation: bool
) -> list[Statement]:
    r = rules()
    number = _NUMBERED.match(text, start)
    body = number.end() if number else start
    speaker: Speaker | None = None
    made: list[Statement] = []
    for s_start, s_end in sentence_spans(text, body, end):
        opening = r.opening.match(text, s_start, s_end)
        name = _SPACE.sub(" ", opening.group("name")) if opening else ""
        delegation = r.delegation.match(text, s_start, s_end)
        if delegation and reviewed is not None:
            speaker = _delegate(delegation.group("name"), reviewed)
            made.append(_statement(text, delegation, s_end, speaker))
        elif opening and name.split()[0] not in r.not_states:
            if speaker is None or not _same(name, speaker):
                speaker = Speaker(name, SpeakerKind.STATE, country=name)
            made.append(_statement(text, opening, s_end, speaker))
        elif opening and speaker is not None and name in {"It", "They", "He", "She"}:
            made.append(_statement(text, opening, s_end, speaker))
        elif speaker is not None or (presentation and reviewed is not None):
            speaker = speaker or reviewed
            assert speaker is not None
            made.append(
                Statement(Span.of(text, s_start, s_end), speaker, StatementKind.INDIRECT, continuation=True)
            )
    return made


def _delegate(opening: str, reviewed: Speaker) -> Speaker:
    """The State under review, or the member of its delegation who spoke for it ("The Minister")."""
    title = re.sub(r"^The\s+", "", opening)
    if title.lower() in {"delegation", "state under review"}:
        return reviewed
    return Speaker(
        title, SpeakerKind.PERSON, roles=(title,), country=reviewed.country, on_behalf_of=reviewed.name
    )


def _same(name: str, speaker: Speaker) -> bool:
    return name == speaker.name or name in {"It", "They"}


def _statement(text: str, opening: re.Match[str], end: int, speaker: Speaker) -> Statement:
    content_start = opening.end()
    rest = text[content_start:end]
    lead = len(rest) - len(re.sub(r"^\s*(?:that\s+)?", "", rest))
    start = min(content_start + lead, end)
    return Statement(
        content=Span.of(text, start, end),
        speaker=speaker,
        kind=StatementKind.INDIRECT,
        cue=Span.of(text, opening.start("verb"), opening.end("verb")),
        speaker_mention=Span.of(text, opening.start("name"), opening.end("name")),
    )
