"""UN Universal Periodic Review Working Group reports: a rule path instead of the parse.

In the "Interactive dialogue and responses by the State under review" section, a numbered paragraph
that opens with a State and a reporting verb ("21. Thailand recognized ...") is a statement by that
State; its later sentences carry on the same State ("It recommended ..." names it again, other
sentences are continuations). Paragraphs of the State under review ("The delegation stated ...", and
the whole presentation section) are its statements, and so are the voluntary commitments it makes
("55. Peru referred to commitments undertaken ..."). The layout words and verbs live in
``data/unreports.json``; the text is read exactly as the cleaner left it.

Only a State opens a statement: the name before the verb must be a State as these reports write it
(``state_name``: the country lexicon's names, the UN's formal and former names, a misspelt one), a
member of the delegation of the State under review named by title ("The State Secretary of Justice
stated"), or its Government. A word that opens the sentence before the name ("While Croatia
acknowledged") is not part of it, nor is a leading clause ("While noting the census, Chile asked").
Anything else before a verb (a place, "Tashkent"; an observance, "United Nations Day of Vesak"; a noun,
"Education was ...") opens no statement: the sentence carries on the speaker of its paragraph, or is
dropped where there is none. A heading line ("B. Interactive dialogue ...") is never a statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.attribution.lexicon import countries
from onrecord.datafiles import read_json
from onrecord.models import Span, Speaker, SpeakerKind, Statement, StatementKind
from onrecord.text import sentence_spans, state_under_review

# "21. Thailand ..." or, where the number stands on a line of its own, "21.\n\nThailand ..."
_NUMBERED = re.compile(r"(?m)^[ \t]*(\d{1,3})\.(?:[ \t]+|[ \t]*\n\s*)(?=\S)")
_SPACE = re.compile(r"\s+")
# A heading line: a letter, a Roman or an Arabic number, then a title on the rest of the line with no
# sentence's end ("B. Interactive dialogue and responses by the State under review", "III. VOLUNTARY
# COMMITMENTS OF THE STATE UNDER REVIEW").
HEADING = re.compile(r"(?:[A-Z]|[IVXL]{1,5}|\d{1,2})\.[ \t]+[A-Z][^\n]*?(?<![.;:?!,])[ \t]*(?=\n|\Z)")
_PRONOUNS = frozenset({"It", "They", "He", "She"})
# A footnote on a line of its own, as a page break leaves it inside a paragraph: "5 <tab>Israel noted ..."
_FOOTNOTE = re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]*\t[ \t]*(?P<note>\S[^\n]*)")


@dataclass(frozen=True, slots=True)
class Rules:
    markers: tuple[str, ...]
    dialogue: re.Pattern[str]
    presentation: re.Pattern[str]
    commitments: re.Pattern[str]
    end: re.Pattern[str]
    annex: re.Pattern[str]
    opening: re.Pattern[str]  # State name + reporting verb at a paragraph's or sentence's start
    clause: re.Pattern[str]  # the same after a leading clause ("While noting ..., Chile asked ...")
    commitment: re.Pattern[str]  # the State under review + a verb of commitment or of reporting
    delegation: re.Pattern[str]
    not_states: frozenset[str]
    official_titles: frozenset[str]
    title_modifiers: frozenset[str]
    government: frozenset[str]
    weak_verbs: frozenset[str]


def _heading(words: str) -> re.Pattern[str]:
    return re.compile(re.escape(words).replace(r"\ ", r"\s+"), re.I)


@cache
def rules() -> Rules:
    data = read_json("unreports.json")

    def alternatives(words: list[str]) -> str:
        return "|".join(sorted({re.escape(v).replace(r"\ ", r"\s+") for v in words}, key=len, reverse=True))

    verbs = alternatives(data["verbs"])
    name = r"[A-Z][\w'’().-]*(?:\s+(?:of|the|and|[A-Z][\w'’().-]*))*?"
    # "While Croatia acknowledged ...", "Finally, Norway recommended ...": the word is not the name's
    adverb = rf"(?:(?:{alternatives(data['sentence_adverbs'])}),?\s+)?"
    return Rules(
        markers=tuple(data["genre_markers"]),
        dialogue=_heading(data["dialogue_heading"]),
        presentation=_heading(data["presentation_heading"]),
        commitments=re.compile(
            r"(?m)^[ \t]*(?:[IVX]{1,4}\.[ \t]*)?"
            + _heading(data["commitments_heading"]).pattern
            + r"[^\n.]*$",
            re.I,
        ),
        end=re.compile(r"\n\s*(?:II\.?\s+)?" + _heading(data["end_heading"]).pattern, re.I),
        annex=re.compile(r"(?m)^[ \t]*" + re.escape(data["annex_heading"]) + r"[ \t]*$"),
        opening=re.compile(rf"{adverb}(?:[Tt]he\s+)?(?P<name>{name})\s*,?\s+(?P<verb>(?:{verbs}))\b"),
        clause=re.compile(
            rf"(?:(?:{alternatives(data['sentence_adverbs'])})\s+[a-z]|[A-Z][a-z]+(?:ing|ed)\b)[^.;]{{0,300}}?,\s+"
            rf"(?:[Tt]he\s+)?(?P<name>{name})\s*,?\s+(?P<verb>(?:{verbs}))\b"
        ),
        commitment=re.compile(
            rf"{adverb}(?:[Tt]he\s+)?(?P<name>State\s+under\s+review|delegation|{name})\s*,?\s+"
            rf"(?:[a-z]+ly\s+)?(?P<verb>(?:{alternatives(data['commitment_verbs'])}|{verbs}))\b"
        ),
        delegation=re.compile(
            r"(?P<name>"
            + "|".join(re.escape(d) for d in data["delegation_openings"])
            + r")\b[^.]{0,80}?\s+(?P<verb>[a-z]+ed)\b"
        ),
        not_states=frozenset(data["not_states"]),
        official_titles=frozenset(data["official_titles"]),
        title_modifiers=frozenset(data["title_modifiers"]),
        government=frozenset(data["government"]),
        weak_verbs=frozenset(data["weak_verbs"]),
    )


# --- what a State is called -------------------------------------------------------------------------


def _key(name: str) -> str:
    """A name compared: no "the", no apostrophes, hyphens as spaces, case folded."""
    name = re.sub(r"['’]", "", name).replace("-", " ")
    return " ".join(w for w in name.casefold().split() if w != "the")


def _name_form(alias: str, canonical: str) -> bool:
    """Whether a word of the country lexicon that points to ``canonical`` is a name of it ("Republic of
    Moldova", "North Korea", "DPRK") rather than a city or a people ("Tashkent", "Syrian"): it has a word
    of the canonical name, or it is an acronym."""
    if re.fullmatch(r"[A-Z.]{2,6}", alias):
        return True
    words = set(_key(canonical).split()) - {"and", "of"}
    return bool(words & set(_key(alias).split()))


@cache
def _state_index() -> dict[str, str]:
    """Every name of a State, as ``_key`` folds it, with its canonical name."""
    lexicon = countries()
    index = {_key(name): name for name in lexicon.names}
    for alias, canonical in lexicon.lookup.items():
        if _name_form(alias, canonical):
            index.setdefault(_key(alias), canonical)
    for alias, canonical in read_json("unreports.json")["state_names"].items():
        index[_key(alias)] = canonical
    return index


@cache
def _forms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a formal name, as ``_key`` folds them: before the short name, and after it."""
    forms = [_key(f) for f in read_json("unreports.json")["state_forms"]]
    before = tuple(sorted((f + " " for f in forms if not f.startswith("(") and f.endswith("of")), key=len))
    after = tuple(sorted((" " + f for f in forms if f.startswith("(") or not f.endswith("of")), key=len))
    return before[::-1], after[::-1]


def _distance(a: str, b: str, most: int) -> int:
    """Edit distance with transpositions (optimal string alignment), stopping above ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > most:
            return most + 1
        previous2, previous = previous, row
    return previous[-1]


def _state(name: str) -> Speaker:
    """A State as the report writes it ("United Kingdom of Great Britain and Northern Ireland", "Saudia
    Arabia"), its country the lexicon's name for it ("United Kingdom", "Saudi Arabia"), so that a State's
    statements are found and compared under one country whatever the report's spelling."""
    return Speaker(name, SpeakerKind.STATE, country=state_name(name) or name)


@cache
def state_name(name: str) -> str | None:
    """The canonical name of the State that ``name`` is, as these reports write States, or None.

    The country lexicon's names and the names of a country among its words (not a capital or a people),
    the UN's formal and former names (``state_names``), a formal name around a short one ("Principality of
    Monaco", "Bolivia (Plurinational State of)", "Democratic People's Republic of Korea (DPRK)"), a name
    misspelt by a letter or two ("Saudia Arabia", "Untied Kingdom"); two States joined by "and" speak
    together ("the Netherlands and the United Kingdom": the first is given)."""
    index = _state_index()
    key = _key(re.sub(r"\s*\([A-Z]{2,6}\)$", "", name))  # "(DPRK)" after the name
    if not key:
        return None
    before, after = _forms()
    candidates = [key]
    while True:  # "Bolivarian Republic of Bolivarian Republic of Venezuela": each form taken off in turn
        last = candidates[-1]
        shorter = next((last[len(f) :] for f in before if last.startswith(f) and len(last) > len(f)), None)
        shorter = shorter or next(
            (last[: -len(f)] for f in after if last.endswith(f) and len(last) > len(f)), None
        )
        if not shorter:
            break
        candidates.append(shorter.strip())
    for candidate in candidates:
        if candidate in index:
            return index[candidate]
    for candidate in candidates:
        if len(candidate) >= 6:
            most = 2 if len(candidate) >= 15 else 1
            near = [k for k in index if k[0] == candidate[0] and _distance(candidate, k, most) <= most]
            if len(near) == 1 or len({index[k] for k in near}) == 1:
                return index[near[0]] if near else None
    if " and " in key:
        first, _, second = name.partition(" and ")
        both = [state_name(first.strip()), state_name(second.strip())]
        if all(both):
            return both[0]
    return None


def is_wg_report(text: str) -> bool:
    """Whether the text is a UPR Working Group report (its headings are there; the dialogue's may come
    after a long presentation where the report has no table of contents)."""
    lowered = text.lower()
    return all(marker.lower() in lowered for marker in rules().markers) and bool(_NUMBERED.search(text))


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the numbered paragraphs in ``text[start:end]``, the number included."""
    starts = [m.start() for m in _NUMBERED.finditer(text, start, end)]
    return [(s, (starts[i + 1] if i + 1 < len(starts) else end)) for i, s in enumerate(starts)]


def _section(
    text: str, heading: re.Pattern[str], end: re.Pattern[str] | None = None
) -> tuple[int, int, int] | None:
    """(heading's start, body's start, body's end) of the section under the LAST ``heading`` (the first
    is usually the contents list); the body ends at ``end`` (the conclusions' heading by default)."""
    found = [m for m in heading.finditer(text)]
    if not found:
        return None
    start = found[-1].end()
    end_match = (end or rules().end).search(text, start)
    line = text.rfind("\n", 0, found[-1].start()) + 1
    return line, start, end_match.start() if end_match else len(text)


def attribute_report(text: str) -> tuple[Statement, ...]:
    """The statements of a UPR Working Group report."""
    r = rules()
    reviewed_name = state_under_review(text)
    reviewed = _state(reviewed_name) if reviewed_name else None
    statements: list[Statement] = []
    dialogue = _section(text, r.dialogue)
    presentation = _section(text, r.presentation)
    if presentation is not None and reviewed is not None:
        # the presentation ends where the dialogue's heading line begins: the heading is no statement
        p_end = min(presentation[2], dialogue[0]) if dialogue else presentation[2]
        for start, end in _paragraphs(text, presentation[1], p_end):
            statements.extend(_paragraph(text, start, end, reviewed, presentation=True))
    if dialogue is not None:
        for start, end in _paragraphs(text, dialogue[1], dialogue[2]):
            statements.extend(_paragraph(text, start, end, reviewed, presentation=False))
    commitments = _section(text, r.commitments, r.annex)
    if (
        commitments is not None
        and reviewed is not None
        and (dialogue is None or commitments[0] > dialogue[1])
    ):
        for start, end in _paragraphs(text, commitments[1], commitments[2]):
            statements.extend(_commitment(text, start, end, reviewed))
    return tuple(statements)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a paragraph, without the heading lines among them."""
    spans: list[tuple[int, int]] = []
    for s_start, s_end in sentence_spans(text, start, end):
        while (heading := HEADING.match(text, s_start, s_end)) is not None:
            s_start = heading.end()
            while s_start < s_end and text[s_start].isspace():
                s_start += 1
        if s_start < s_end:
            spans.append((s_start, s_end))
    return spans


def _paragraph(
    text: str, start: int, end: int, reviewed: Speaker | None, presentation: bool
) -> list[Statement]:
    """The statements of a numbered paragraph. A footnote that a page break left inside it ("5 <tab>Israel
    noted ...") is not the paragraph's speaker's: it is read on its own, where only a State it names opens
    a statement, and the paragraph reads on around it."""
    number = _NUMBERED.match(text, start)
    body = number.end() if number else start
    notes = list(_FOOTNOTE.finditer(text, body, end))
    pieces: list[tuple[int, int]] = []
    position = body
    for note in notes:
        pieces.append((position, note.start()))
        position = note.end()
    pieces.append((position, end))
    made = _read(text, [span for a, b in pieces for span in _sentences(text, a, b)], reviewed, presentation)
    for note in notes:
        made.extend(
            _read(text, _sentences(text, note.start("note"), note.end()), reviewed, presentation=False)
        )
    return sorted(made, key=lambda statement: statement.content.start)


def _read(
    text: str, sentences: list[tuple[int, int]], reviewed: Speaker | None, presentation: bool
) -> list[Statement]:
    """Statements of a paragraph's sentences: who opens each, and who carries on."""
    r = rules()
    speaker: Speaker | None = None
    made: list[Statement] = []
    for s_start, s_end in sentences:
        opening = r.opening.match(text, s_start, s_end)
        name = _SPACE.sub(" ", opening.group("name")) if opening else ""
        delegation = r.delegation.match(text, s_start, s_end)
        who = _speaker(opening, reviewed, speaker, presentation) if opening else None
        if delegation and reviewed is not None:
            other = _other_state(text, delegation, reviewed)
            if other is not None:  # "The representative of the United Kingdom stated ..."
                speaker = _state(other)
            elif speaker is None or speaker.country == reviewed.country:
                speaker = _delegate(delegation.group("name"), reviewed)
            # else "The delegation noted ..." in another State's turn is that State's delegation
            made.append(_statement(text, delegation, s_end, speaker))
        elif opening and who is not None:
            if speaker is None or not _same(who.name, speaker):
                speaker = who
            made.append(_statement(text, opening, s_end, speaker))
        elif speaker is None and not presentation and (clause := _clause(text, s_start, s_end)):
            speaker = _state(clause.group("name"))
            made.append(_statement(text, clause, s_end, speaker))
        elif opening and speaker is not None and name in _PRONOUNS:
            made.append(_statement(text, opening, s_end, speaker))
        elif speaker is not None or (presentation and reviewed is not None):
            speaker = speaker or reviewed
            assert speaker is not None
            made.append(
                Statement(Span.of(text, s_start, s_end), speaker, StatementKind.INDIRECT, continuation=True)
            )
    return made


def _other_state(text: str, delegation: re.Match[str], reviewed: Speaker) -> str | None:
    """The State other than the one under review whose delegation or representative the opening names
    ("The representative of the United Kingdom stated", "The delegation of Indonesia asked"), if any."""
    words = text[delegation.end("name") : delegation.start("verb")]
    for of in re.finditer(r"\bof\s+", words):
        name = _SPACE.sub(" ", words[of.end() :]).strip().removeprefix("the ").removesuffix(",")
        if name and name[0].isupper() and (state := state_name(name)) is not None:
            return name if state != state_name(reviewed.name) else None
    return None


def _clause(text: str, start: int, end: int) -> re.Match[str] | None:
    """A State taking the floor after a leading clause ("While noting the census, Chile asked ...",
    "Regarding juveniles, Tuvalu stated ..."), where the State's name has no line break in it."""
    match = rules().clause.match(text, start, end)
    if match is None or "\n" in match.group("name") or state_name(match.group("name")) is None:
        return None
    return match


def _speaker(
    opening: re.Match[str], reviewed: Speaker | None, current: Speaker | None, presentation: bool
) -> Speaker | None:
    """Who a sentence opening on a name and a reporting verb gives the floor to, or None where the name
    is no speaker (the sentence then carries on ``current``, if any): a State; in the turn of the State
    under review, one of its delegation named by title or its Government, with a verb that reports."""
    r = rules()
    name = _SPACE.sub(" ", opening.group("name"))
    weak = _SPACE.sub(" ", opening.group("verb")) in r.weak_verbs
    if name.split()[0] in r.not_states or (weak and current is not None):
        return None  # "However, Fiji was not yet a party ..." in another State's turn is what it said
    if state_name(name) is not None:
        if presentation and reviewed is not None and state_name(name) != state_name(reviewed.name):
            return None  # the presentation is the State under review's: another State is spoken of
        return _state(name)
    ours = reviewed is not None and (current is None or current.country == reviewed.country)
    if not ours or weak:
        return None
    assert reviewed is not None
    if name in r.government:  # "The Government noted that ..." in the State under review's turn
        return Speaker(f"{name} of {reviewed.name}", SpeakerKind.STATE, country=reviewed.country)
    *modifiers, title = name.split(" of ")[0].casefold().split()
    if title in r.official_titles and all(m in r.title_modifiers for m in modifiers):
        return _delegate(name, reviewed)
    return None


def _commitment(text: str, start: int, end: int, reviewed: Speaker) -> list[Statement]:
    """A paragraph of the voluntary commitments: the State under review's where it opens on that State
    ("Peru referred to commitments ...", "Chile is committed to ..."), and nothing otherwise ("Reference
    is made to the commitments ..." is the Working Group's)."""
    r = rules()
    number = _NUMBERED.match(text, start)
    body = number.end() if number else start
    made: list[Statement] = []
    for s_start, s_end in _sentences(text, body, end):
        opening = r.commitment.match(text, s_start, s_end)
        name = _SPACE.sub(" ", opening.group("name")) if opening else ""
        ours = name.casefold() in {"state under review", "delegation"} or (
            bool(name) and state_name(name) is not None and state_name(name) == state_name(reviewed.name)
        )
        if opening and ours:
            made.append(_statement(text, opening, s_end, reviewed))
        elif made:
            made.append(
                Statement(Span.of(text, s_start, s_end), reviewed, StatementKind.INDIRECT, continuation=True)
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
