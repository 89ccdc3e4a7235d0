"""Speakers as the UN's own meeting records name them (meeting coverage, summaries, briefings).

In those genres (``Genre.is_un_record``):

* speakers in general take the record's collective names: "some delegations", "several speakers",
  "19 dignitaries" -> ``Speakers``; "experts", "mandate holders" -> ``Experts`` (kind group);
* a person named only by office takes the office's canonical name ("the High Commissioner" -> "High
  Commissioner for Human Rights"), and the holder's name where the record gives it elsewhere;
* an organisation named by its acronym takes its full name ("OHCHR");
* a source that is not a speaker at the meeting (a report, the media, a forum, a common noun the parse
  took for a subject) does not speak: what it "said" stays with the speaker whose turn is running, or
  is dropped when none is.

The names are data: ``data/speakers.json`` (collective nouns) and ``data/offices.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from onrecord.attribution import lexicon
from onrecord.attribution.speakers import Mention
from onrecord.datafiles import read_json
from onrecord.models import SpeakerKind

_POSSESSIVE_AGENT = re.compile(r"^(?:the\s+)?(?P<owner>.+?)(?:[’']s)?\s+(?P<agent>\w+)$", re.I)
_AGENT_OF = re.compile(r"^(?:the\s+)?(?P<agent>\w+)\s+(?:of|for|from)\s+(?:the\s+)?(?P<country>.+)$", re.I)
_TRIM = " ,;:‘’“”'\"-–—()"
_PAIRS = {"‘": "’", "“": "”"}
_CLOSERS = {"’": "‘", "”": "“"}
_QUANTIFIER = re.compile(
    r"^(?:the|some|many|several|other|most|all|a number of|a few|few|\d+|[a-z]+-?\w*)\s+", re.I
)


@dataclass(frozen=True, slots=True)
class _Offices:
    offices: dict[str, str]  # lower-case alias -> canonical office
    organizations: dict[str, str]  # lower-case alias -> canonical organisation
    inner: frozenset[str]
    meeting_bodies: frozenset[str]
    questioners: frozenset[str]
    group_anaphors: frozenset[str]
    question_labels: frozenset[str]
    relayed: frozenset[str]


@cache
def _offices() -> _Offices:
    data = read_json("offices.json")
    offices = {a.lower(): name for name, aliases in data["offices"].items() for a in (name, *aliases)}
    orgs = {a.lower(): name for name, aliases in data["organizations"].items() for a in (name, *aliases)}
    return _Offices(
        offices,
        orgs,
        frozenset(w.lower() for w in data["inner_sources"]),
        frozenset(data["meeting_body_nouns"]),
        frozenset(w.lower() for w in data["questioners"]),
        frozenset(w.lower() for w in data["group_anaphors"]),
        frozenset(w.lower() for w in data["question_labels"]),
        frozenset(w.lower() for w in data["relayed_sources"]),
    )


def _folded(name: str) -> str:
    return " ".join(name.replace("‑", "-").replace("’", "'").split()).lower().removeprefix("the ")


def collective_name(name: str) -> str | None:
    """``Speakers`` or ``Experts`` for a plural noun phrase naming speakers in general, else None."""
    collective = lexicon.speakers().collective
    words = _folded(name)
    while words:
        if words in collective:
            return collective[words]
        stripped = _QUANTIFIER.sub("", words, count=1)
        if stripped == words:
            break
        words = stripped
    return None


def office_name(name: str) -> str | None:
    """The canonical office a name is ("High Commissioner" -> "High Commissioner for Human Rights")."""
    folded = _folded(name)
    offices = _offices().offices
    if folded in offices:
        return offices[folded]
    dashed = folded.replace(" ", "-")
    # "the UN's Secretary-General", not an Under-Secretary-General
    if dashed.endswith("secretary-general") and not _LESSER_SG.search(dashed):
        return offices.get("secretary-general")
    return None


@cache
def _office_tail() -> re.Pattern[str]:
    aliases = sorted(_offices().offices, key=len, reverse=True)
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(a) for a in aliases) + r")$")


def without_office(before: str, name: str) -> str:
    """A person's name without the end of an office written just before it that the parser ran into
    the name ("Deputy High Commissioner for Human Rights" + "Human Rights Rafael Ortiz" -> "Rafael
    Ortiz"; "Deputy" + "Secretary-General Ana Example" -> "Ana Example"); else the name unchanged."""
    words = name.split()
    tail = _folded(before[-80:]) if before.strip() else ""
    pattern = _office_tail()
    for cut in range(len(words) - 1, 0, -1):
        joined = f"{tail} {_folded(' '.join(words[:cut]))}".strip()
        if pattern.search(joined) and words[cut][:1].isupper():
            return " ".join(words[cut:])
    return name


def _after_title(name: str) -> tuple[str, str] | None:
    """The title and the person's name of a name that runs a title into a person's name ("Committee
    Chair Nadia Farouk Haddad" -> "Committee Chair", "Nadia Farouk Haddad"): at least two capitalized
    words after the last title noun, none of them a title or an organisation's word."""
    lex = lexicon.speakers()
    words = name.split()
    titles = [i for i, w in enumerate(words[:-2]) if w.lower() in lex.title_nouns]
    if not titles:
        return None
    rest = words[titles[-1] + 1 :]
    if any(not w[:1].isupper() or w.lower() in lex.title_nouns or w in lex.organization_words for w in rest):
        return None
    return " ".join(words[: titles[-1] + 1]), " ".join(rest)


_LESSER_SG = re.compile(r"(?:under|assistant|deputy)-secretary-general$")


def organization_name(name: str) -> str | None:
    return _offices().organizations.get(_folded(name))


def holder_office(roles: tuple[str, ...] | list[str]) -> str | None:
    """The office among a person's roles ("the United Nations High Commissioner for Human Rights")."""
    for role in roles:
        found = office_name(role)
        if found is not None:
            return found
    return None


def is_meeting_body(name: str) -> bool:
    """A body that meets ("the Third Committee (Social, ...", "the Assembly"): it acts, never speaks."""
    words = re.sub(r"\(.*", "", _folded(name)).split()
    return bool(words) and words[-1] in _offices().meeting_bodies


def is_questioner(mention: Mention) -> bool:
    """Someone who puts a question at a briefing ("a journalist asked whether ..."): not a speaker."""
    words = mention.name.split() if mention.pronoun is None else []
    return bool(words) and words[-1].lower() in _offices().questioners


def is_group_anaphor(mention: Mention) -> bool:
    """ "The Group", "the bloc": the group whose speaker has the floor, never a speaker of its own."""
    words = _folded(mention.text).split() if mention.pronoun is None else []
    return (
        len(words) == 1 and words[0] in _offices().group_anaphors and mention.text.lower().startswith("the ")
    )


def is_bare_title(cluster: Any) -> bool:
    """A person known only by a title that no office of the record names ("the Chair", "the
    Representative"): nobody the reader can name."""
    name = cluster.name.strip()
    return (
        cluster.kind is SpeakerKind.PERSON
        and " " not in name
        and name.lower() in lexicon.speakers().title_nouns
        and office_name(name) is None
    )


def is_inner_source(mention: Mention) -> bool:
    """A source that is not a speaker at the meeting ("the report", "Iranian media", "the Forum")."""
    if mention.pronoun is not None or mention.kind in {SpeakerKind.STATE, SpeakerKind.PERSON}:
        # "the Forum" tagged as a name is not a person
        return mention.kind is SpeakerKind.PERSON and mention.name.split()[-1].lower() in _offices().inner
    if collective_name(mention.name) is not None:
        return False
    if mention.kind in {SpeakerKind.UNKNOWN, SpeakerKind.GROUP}:
        return True
    return mention.name.split()[-1].lower() in _offices().inner if mention.name else True


def canonical(mention: Mention) -> Mention:
    """The mention with the record's canonical speaker name (collective, office or organisation)."""
    if mention.pronoun is not None:
        return mention
    if mention.kind is not SpeakerKind.STATE:
        named = named_speaker(mention.text, 0, len(mention.text))
        if named is not None and named.kind is SpeakerKind.STATE:  # "Burkina Faso's representative"
            return replace(mention, name=named.name, kind=SpeakerKind.STATE, country=named.country, roles=())
    if mention.kind in {SpeakerKind.PERSON, SpeakerKind.ORGANIZATION}:
        titled = _after_title(mention.name)
        if titled is not None:  # "Committee Chair Nadia Farouk Haddad": a person, titled
            role, name = titled
            mention = replace(
                mention, name=name, kind=SpeakerKind.PERSON, roles=(role, *mention.roles), surname_only=False
            )
    if mention.kind is SpeakerKind.PERSON and mention.name in mention.text:
        bare = without_office(mention.text[: mention.text.index(mention.name)], mention.name)
        if bare != mention.name:  # "Deputy High Commissioner for Human Rights Rafael Ortiz Lindqvist"
            mention = replace(mention, name=bare, surname_only=len(bare.split()) == 1)
    if (
        mention.kind is SpeakerKind.PERSON
        and mention.text.endswith(mention.name)
        and mention.text != mention.name
    ):
        title = office_name(mention.text[: -len(mention.name)].strip(" ,"))  # "Secretary-General Ana Example"
        if title is not None and title not in mention.roles:
            return replace(mention, roles=(title, *mention.roles))
    common = mention.kind is SpeakerKind.UNKNOWN or (
        mention.kind is SpeakerKind.PERSON and mention.name[:1].islower()
    )
    body = _agent_of_body(mention.name) if common else None
    if body is not None:  # "the representative of Horizon Rights Watch, a non-governmental ...": the body
        return replace(mention, name=body, kind=SpeakerKind.ORGANIZATION, country=None, roles=())
    group = collective_name(mention.name)
    last = _folded(mention.name).split()[-1:] or [""]
    plural = last[0] in lexicon.speakers().collective  # "Council members": members, not the Council
    if group is not None and (mention.kind not in {SpeakerKind.STATE, SpeakerKind.ORGANIZATION} or plural):
        return replace(mention, name=group, kind=SpeakerKind.GROUP, surname_only=False, on_behalf_of=None)
    office = office_name(mention.name) or office_name(mention.text)
    if office is not None:
        return replace(mention, name=office, kind=SpeakerKind.PERSON, roles=(office,), surname_only=False)
    organization = organization_name(mention.name)
    if organization is not None:
        return replace(mention, name=organization, kind=SpeakerKind.ORGANIZATION)
    return mention


_AGENT_OF_BODY = re.compile(
    r"^(?:[Tt]he\s+)?(?P<agent>[A-Za-z]+)\s+(?:of|for|from)\s+(?:the\s+)?"
    r"(?P<body>[A-Z][\w’'.&-]*(?:\s+(?:of|for|and|on|the|de|del|la|[A-Z][\w’'.&-]*))*)"
)


def _agent_of_body(name: str) -> str | None:
    """The organisation a representative speaks for ("Representative of Horizon Rights Watch, a ..."):
    a name of two capitalized words or more that is no country, office or meeting body."""
    match = _AGENT_OF_BODY.match(name)
    if match is None or match.group("agent").lower().rstrip("s") not in lexicon.speakers().state_agents:
        return None
    body = re.sub(r"\s+(?:of|for|and|on|the|de|del|la)$", "", match.group("body").strip())
    capitals = [w for w in body.split() if w[:1].isupper()]
    if len(capitals) < 2 or _whole_country(body) or office_name(body) or is_meeting_body(body):
        return None
    return body


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without surrounding punctuation and space; quotation marks that pair with one
    inside ("‘Grave Concern’ at ...", "... ‘Must not be Dashed’") are kept."""
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        if text[start] in _PAIRS and _PAIRS[text[start]] in text[start + 1 : end]:
            break
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        if text[end - 1] in _CLOSERS and _CLOSERS[text[end - 1]] in text[start : end - 1]:
            break
        end -= 1
    return start, end


def _whole_country(phrase: str) -> str | None:
    """The country a phrase names outright: its canonical name or a name of it ("the Russian
    Federation", "United States"), not a city or an adjective ("Geneva", "Chinese")."""
    countries = lexicon.countries()
    phrase = re.sub(r"^the\s+", "", phrase.strip(), flags=re.I)
    if phrase in countries.names:
        return phrase
    found: str | None = countries.lookup.get(phrase)
    if found is None or not any(w in phrase for w in found.split() if w[:1].isupper()):
        return None
    return found


def named_speaker(text: str, start: int, end: int) -> Mention | None:
    """A State ("Egypt", "the representative of Egypt", "Myanmar's Representative"), a collective
    ("Several speakers") or an office ("the Secretary-General") naming ``text[start:end]`` whole."""
    start, end = trimmed(text, start, end)
    phrase = text[start:end]
    words = phrase.split()
    if not words:
        return None
    agents = lexicon.speakers().state_agents
    possessive = _POSSESSIVE_AGENT.match(phrase)
    of_country = _AGENT_OF.match(phrase)
    for match, part in ((possessive, "owner"), (of_country, "country")):
        if match and match.group("agent").lower().rstrip("s") in agents:
            represented = _whole_country(match.group(part))
            if represented:
                return Mention(start, end, phrase, represented, SpeakerKind.STATE, country=represented)
    country = _whole_country(phrase)
    if country:
        return Mention(start, end, phrase, country, SpeakerKind.STATE, country=country)
    group = collective_name(phrase)
    if group is not None:
        return Mention(start, end, phrase, group, SpeakerKind.GROUP)
    office = office_name(phrase)
    if office is not None:
        return Mention(start, end, phrase, office, SpeakerKind.PERSON, roles=(office,))
    return None


_STOP = frozenset({"of", "the", "on", "for", "and", "in", "to", "a", "an", "at", "un", "united", "nations"})


def is_title(name: str) -> bool:
    """A post rather than a name ("Head of the Fact-Finding Mission"): it opens with a title noun."""
    words = name.split()
    return len(words) >= 2 and words[0].lower() in lexicon.speakers().title_nouns


def is_post(name: str) -> bool:
    """A post written as a name ("Special Envoy", "Deputy Spokesperson"): capitalized words that end in a
    title noun before any "of"/"for" ("Special Envoy of the Secretary-General for Yemen")."""
    head = re.split(r"\s+(?:of|for|to|on)\s+", name.strip(), maxsplit=1)[0].split()
    return (
        1 <= len(head) <= 4
        and all(w[:1].isupper() for w in head)
        and head[-1].lower() in lexicon.speakers().title_nouns
    )


def holds_post(name: str, roles: tuple[str, ...] | list[str]) -> bool:
    """Whether one of a person's roles is the post ``name`` ("Special Envoy" in "Special Envoy of the
    Secretary-General for Yemen", or the other way round)."""
    post = _folded(name)
    return any(post == r or r.startswith(post + " ") or post.startswith(r + " ") for r in map(_folded, roles))


def post_holders(text: str, people: list[tuple[int, str]], post: str) -> set[str]:
    """The people the record names with a post beside them ("Karim Example, Deputy Spokesperson for
    the Secretary-General", "Special Envoy Jonas Example")."""
    folded = re.escape(post).replace("\\ ", r"\s+")
    after = re.compile(r"^\s*,\s*(?:the\s+)?" + folded + r"\b", re.I)
    before = re.compile(r"\b" + folded + r"\s+$", re.I)
    found: set[str] = set()
    for offset, name in people:
        end = offset + len(name)
        beside = after.match(text[end : end + 80]) or before.search(text[max(0, offset - 60) : offset])
        if text[offset:end] == name and beside:
            found.add(name)
    if not found:  # a name the parse did not tag: two to four capitalized words before ", Post"
        titles = lexicon.speakers().title_nouns
        written = re.compile(
            r"(?<![\w’'-])((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)(?=\s*,\s*(?:the\s+)?" + folded + r"\b)"
        )
        for match in written.finditer(text):
            words = match.group(1).split()
            if not any(w.lower() in titles for w in words) and not _whole_country(match.group(1)):
                found.add(match.group(1))
    return found


def question_labels() -> frozenset[str]:
    """The labels of a transcript's questions ("Question:", "Q:")."""
    return _offices().question_labels


def is_relayed(mention: Mention) -> bool:
    """Colleagues whose words a spokesperson passes on ("Our humanitarian colleagues tell us ..."): not
    at the briefing, and not the spokesperson's own words."""
    words = mention.name.split() if mention.pronoun is None else []
    return bool(words) and words[-1].lower() in _offices().relayed


def same_post(title: str, roles: tuple[str, ...] | list[str]) -> bool:
    """Whether a title phrase ("Head of Human Rights Fact-Finding Mission on Myanmar") names the post
    one of a person's roles names ("Chair of the Independent International Fact-Finding Mission on
    Myanmar"): at least two words in common besides the title nouns and small words."""
    titles = lexicon.speakers().title_nouns

    def words(phrase: str) -> set[str]:
        folded = _folded(phrase).replace("-", " ")
        return {w for w in re.findall(r"[a-z]+", folded) if w not in _STOP and w not in titles}

    mine = words(title)
    return len(mine) >= 2 and any(len(mine & words(role)) >= 2 for role in roles)


def holders_named(text: str, people: list[tuple[int, str]]) -> dict[str, set[str]]:
    """Who holds which office, as the record writes it beside a name: "Secretary-General Ban Ki-moon",
    "Council President Laura Dupuy Lasserre", "Zeid Ra'ad Al Hussein, the United Nations High
    Commissioner for Human Rights"."""
    aliases = sorted(_offices().offices, key=len, reverse=True)
    before = re.compile(
        r"(?P<office>"
        + "|".join(re.escape(a) for a in aliases)
        + r")(?P<given>(?:\s+[A-Z][\w’'-]*){0,2})\s*$",
        re.I,
    )
    after = re.compile(
        r"^\s*(?:\([^)\n]{0,40}\)\s*)?,\s*(?:the\s+)?(?:" + "|".join(re.escape(a) for a in aliases) + r")",
        re.I,
    )
    found: dict[str, set[str]] = {}
    for offset, name in people:
        end = offset + len(name)
        window = text[max(0, offset - 60) : offset].replace("‑", "-")
        match = before.search(window)
        given = ""
        # "Deputy High Commissioner Nadia Ferreira Holm" where the parse took no "Nadia"
        if match is not None:
            given = " ".join(w for w in match.group("given").split())
            if not given[:1].isupper() or any(
                w.lower() in lexicon.speakers().title_nouns for w in given.split()
            ):
                given = ""
            phrase = match.group("office")
        elif text[offset:end] == name:
            match = after.match(text[end : end + 120].replace("‑", "-"))
            phrase = match.group(0) if match is not None else ""
        if match is not None:
            office = office_name(phrase.strip(" ,()").removeprefix("the ").removeprefix("The "))
            if office is not None:
                found.setdefault(office, set()).add(f"{given} {name}".strip())
    return found
