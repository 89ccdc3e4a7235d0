"""The attribution lexicons, read from the data files under ``onrecord/data`` once, when first needed.

``cues.json`` holds the reporting expressions, ``speakers.json`` honorifics, pronouns and the nouns that
tell organizations, States and groups apart, ``countries.json`` the words that point to a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json


@dataclass(frozen=True, slots=True)
class CueLexicon:
    speech: frozenset[str]  # verb lemmas whose clause or adjacent quotation is what was said
    object_verbs: frozenset[str]  # verb lemmas whose object is what was said ("calls for X")
    particles: dict[str, frozenset[str]]  # verb lemma -> particles that make it a cue ("call for")
    needs_particle: frozenset[str]  # lemmas that are cues only with one of their particles
    phrases: tuple[tuple[str, ...], ...]  # multi-word cues whose source follows ("according to")
    clause_only: frozenset[str]  # lemmas whose object is not what was said ("told reporters")
    message_nouns: frozenset[str]  # "a statement saying ...": the sender of the message is the source


@dataclass(frozen=True, slots=True)
class SpeakerLexicon:
    honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    pronouns: dict[str, str]  # lower-case pronoun -> "male" | "female" | "plural" | "thing"
    organization_words: frozenset[str]
    state_words: frozenset[str]
    group_nouns: frozenset[str]
    title_nouns: frozenset[str]
    non_speakers: frozenset[str]
    state_agents: frozenset[str]  # "the representative of X", "X's delegate": the State X speaks
    collective: dict[str, str]  # in the UN's meeting records: "some delegations" -> "Speakers"
    generic_titles: frozenset[str]  # nouns that never name a speaker on their own ("the delegate")
    behalf_any: tuple[str, ...]  # "on behalf of" any group
    behalf_known: tuple[str, ...]  # "speaking for" a group of the groups lexicon only
    state_titles: frozenset[str] = frozenset()  # posts whose holder speaks for their State ("minister")


@dataclass(frozen=True, slots=True)
class CountryLexicon:
    names: frozenset[str]  # canonical country names
    pattern: re.Pattern[str]  # any name or pointer word, whole-word
    lookup: dict[str, str]  # matched word -> canonical country name
    places: frozenset[str] = frozenset()  # words of ``lookup`` that are cities or regions ("Geneva")

    def find(self, text: str) -> str | None:
        """The country the first country word in ``text`` points to, if any."""
        match = self.pattern.search(text)
        return self.lookup[match.group(0)] if match else None

    def of_role(self, role: str) -> str | None:
        """The country a speaker's role points to: not a place that comes before the post ("Geneva
        director of ...": where the post is), but one after it ("professor at the University of X")."""
        for match in self.pattern.finditer(role):
            word = match.group(0)
            if word in self.places and not re.search(r"\b(?:of|at|from|in|for)\b", role[: match.start()]):
                continue
            return self.lookup[word]
        return None

    def find_all(self, text: str) -> list[str]:
        return [self.lookup[m.group(0)] for m in self.pattern.finditer(text)]


@cache
def cues() -> CueLexicon:
    data = read_json("cues.json")
    return CueLexicon(
        speech=frozenset(data["speech"]),
        object_verbs=frozenset(data["object"]),
        particles={verb: frozenset(parts) for verb, parts in data["particles"].items()},
        needs_particle=frozenset(data["needs_particle"]),
        phrases=tuple(tuple(p.split()) for p in data["phrases"]),
        clause_only=frozenset(data["clause_only"]),
        message_nouns=frozenset(data["message_nouns"]),
    )


@cache
def speakers() -> SpeakerLexicon:
    data = read_json("speakers.json")
    return SpeakerLexicon(
        honorifics=frozenset(data["honorifics"]),
        female_honorifics=frozenset(data["female_honorifics"]),
        male_honorifics=frozenset(data["male_honorifics"]),
        pronouns=dict(data["pronouns"]),
        organization_words=frozenset(data["organization_words"]),
        state_words=frozenset(data["state_words"]),
        group_nouns=frozenset(data["group_nouns"]),
        title_nouns=frozenset(data["title_nouns"]),
        non_speakers=frozenset(data["non_speakers"]),
        state_agents=frozenset(data["state_agents"]),
        collective={word: name for name, words in data["collective"].items() for word in words},
        generic_titles=frozenset(data["generic_titles"]),
        behalf_any=tuple(data["behalf"]["any"]),
        behalf_known=tuple(data["behalf"]["known_groups_only"]),
        state_titles=frozenset(data["state_titles"]),
    )


@dataclass(frozen=True, slots=True)
class GroupLexicon:
    """Groups of States that speak in UN meetings ("on behalf of the African Group")."""

    pattern: re.Pattern[str]  # any name or alias, whole-word, longest first
    lookup: dict[str, str]  # lower-case name or alias -> canonical name

    def find(self, text: str) -> str | None:
        """The canonical name of the first group named in ``text``, if any."""
        match = self.pattern.search(text)
        return self.lookup[match.group(0).lower()] if match else None


@cache
def groups() -> GroupLexicon:
    data = read_json("groups.json")["groups"]
    lookup: dict[str, str] = {}
    for name, aliases in data.items():
        for alias in (name, *aliases):
            lookup.setdefault(alias.lower(), name)
    alternatives = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w])", re.I)
    return GroupLexicon(pattern=pattern, lookup=lookup)


@cache
def countries() -> CountryLexicon:
    whole = read_json("countries.json")
    data = whole["countries"]
    lookup: dict[str, str] = {}
    for name, words in data.items():
        lookup[name] = name
        for word in words:
            lookup.setdefault(word, name)
    alternatives = sorted(lookup, key=len, reverse=True)  # longest first: "South Sudan" before "Sudan"
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in alternatives) + r")(?![\w])")
    return CountryLexicon(
        names=frozenset(data), pattern=pattern, lookup=lookup, places=frozenset(whole.get("places", ()))
    )
