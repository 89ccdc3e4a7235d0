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

from onrecord.attribution import lexicon
from onrecord.attribution.speakers import Mention
from onrecord.datafiles import read_json
from onrecord.models import SpeakerKind

_QUANTIFIER = re.compile(
    r"^(?:the|some|many|several|other|most|all|a number of|a few|few|\d+|[a-z]+-?\w*)\s+", re.I
)


@dataclass(frozen=True, slots=True)
class _Offices:
    offices: dict[str, str]  # lower-case alias -> canonical office
    organizations: dict[str, str]  # lower-case alias -> canonical organisation
    inner: frozenset[str]


@cache
def _offices() -> _Offices:
    data = read_json("offices.json")
    offices = {a.lower(): name for name, aliases in data["offices"].items() for a in (name, *aliases)}
    orgs = {a.lower(): name for name, aliases in data["organizations"].items() for a in (name, *aliases)}
    return _Offices(offices, orgs, frozenset(w.lower() for w in data["inner_sources"]))


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
    if folded.endswith("general") and folded.replace(" ", "-").endswith("secretary-general"):
        return offices.get("secretary-general")
    return None


def organization_name(name: str) -> str | None:
    return _offices().organizations.get(_folded(name))


def holder_office(roles: tuple[str, ...] | list[str]) -> str | None:
    """The office among a person's roles ("the United Nations High Commissioner for Human Rights")."""
    for role in roles:
        found = office_name(role)
        if found is not None:
            return found
    return None


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
    group = collective_name(mention.name)
    if group is not None and mention.kind not in {SpeakerKind.STATE, SpeakerKind.ORGANIZATION}:
        return replace(mention, name=group, kind=SpeakerKind.GROUP, surname_only=False)
    office = office_name(mention.name)
    if office is not None:
        return replace(mention, name=office, kind=SpeakerKind.PERSON, roles=(office,), surname_only=False)
    organization = organization_name(mention.name)
    if organization is not None:
        return replace(mention, name=organization, kind=SpeakerKind.ORGANIZATION)
    return mention
