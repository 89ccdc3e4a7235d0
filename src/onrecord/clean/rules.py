"""The line rules and word lists of ``data/furniture.toml``, read once into typed records.

The file holds the heuristics (patterns, outlet names, the plausible years of a date; month names are the
text toolkit's, ``onrecord.text``); this module only reads and checks
it, so that a malformed rule fails loudly with its name rather than silently never matching.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from onrecord.datafiles import parse_toml
from onrecord.errors import ConfigError

RULES_FILE = "furniture.toml"


class Means(StrEnum):
    """What a line matched by a rule is."""

    DROP = "drop"  # page furniture
    DATE = "date"  # carries the publication date
    BYLINE = "byline"  # names the author
    OUTLET = "outlet"  # names the outlet


class Where(StrEnum):
    """Where on the page a rule may match."""

    ANYWHERE = "anywhere"
    HEAD = "head"  # before the first body line
    LAST = "last"  # the last non-blank line of the page


class Condition(StrEnum):
    REPEATED = "repeated"
    REPEATED_TITLE = "repeated_title"
    HEADLINE_SHAPE = "headline_shape"
    DATE_PARSES = "date_parses"
    MONTH_DAY_PARSES = "month_day_parses"
    OUTLET_SHAPE = "outlet_shape"
    PERSON_SHAPE = "person_shape"


class Profile(StrEnum):
    TEXT = "text"  # scraped page text
    RECORD = "record"  # the text of a table row
    WEB = "web"  # the text an extractor took from a web page


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    means: Means
    keep: bool = False
    where: Where = Where.ANYWHERE
    when: tuple[Condition, ...] = ()
    rank: int = 5
    profiles: frozenset[Profile] = frozenset({Profile.TEXT})


@dataclass(frozen=True, slots=True)
class Shapes:
    headline_max_words: int
    headline_sentence_ends: tuple[str, ...]
    person_max_words: int
    name_particles: frozenset[str]  # lower-case words a name may hold uncapitalised ("van", "bin", "and")
    min_body_words: int  # an extracted web page with fewer words of body has no main text
    title_piece_min_words: int  # a line this long that is a piece of the page's title repeats it


@dataclass(frozen=True, slots=True)
class Layout:
    """How a page's header and footer are read by their shape (``onrecord.clean.layout``)."""

    paragraph_min_words: int  # a line this long that ends like a sentence is a paragraph of the story
    headline_min_words: int  # a header line shorter than this is a label, not the headline
    wrapped_max_share: float  # a page with more of its lines running on into the next is wrapped text


@dataclass(frozen=True, slots=True)
class Outlets:
    """The shape of an outlet's name; the known outlets themselves are in ``data/outlets.toml``."""

    max_words: int
    words: frozenset[str]  # lower case


@dataclass(frozen=True, slots=True)
class BylineWords:
    """What in an author string is not a person's name (all lower case but the prefixes, regexes)."""

    prefixes: tuple[str, ...]  # "By", "Written by", "Par" ... before the names
    not_names: frozenset[str]  # placeholders sites put where a name goes ("username", "admin")
    labels: tuple[str, ...]  # an author string starting so is a label, not a name ("last updated")
    credits: frozenset[str]  # a second credit starts here ("edited", "photos")
    roles: frozenset[str]  # a role starts here, after a name of two words or more ("editor")
    weekdays: frozenset[str]  # a date starts here
    max_words: int


@dataclass(frozen=True, slots=True)
class WebExtraction:
    second_look_below_words: int  # a main text this short gets a second look by the precision mode
    hidden_max_share: float  # hidden elements holding more of the page's text than this are kept


@dataclass(frozen=True, slots=True)
class DateYears:
    """The years a publication date may fall in (month names are the text toolkit's: ``onrecord.text``)."""

    earliest_year: int
    latest_year: int


@dataclass(frozen=True, slots=True)
class UnProfile:
    """How a UN document is recognised and read (see ``[un_document]`` in the data file)."""

    head_chars: int
    all_of: tuple[re.Pattern[str], ...]
    any_of: tuple[re.Pattern[str], ...]
    symbol: re.Pattern[str]
    title_line: re.Pattern[str]
    toc_leader: re.Pattern[str]
    first_paragraph: re.Pattern[str]
    outlet: str
    date_window: int
    state_max_words: int


@dataclass(frozen=True, slots=True)
class Languages:
    min_letters: int
    families: tuple[frozenset[str], ...]

    def same_family(self, a: str, b: str) -> bool:
        return a == b or any(a in family and b in family for family in self.families)


@dataclass(frozen=True, slots=True)
class RuleBook:
    rules: tuple[Rule, ...]
    shapes: Shapes
    outlets: Outlets
    dates: DateYears
    un_document: UnProfile
    languages: Languages
    web: WebExtraction
    bylines: BylineWords
    layout: Layout

    def for_profile(self, profile: Profile) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if profile in rule.profiles)


@cache
def rulebook() -> RuleBook:
    """The rules of ``onrecord/data/furniture.toml`` (read on first use, then kept)."""
    text = resources.files("onrecord").joinpath("data", RULES_FILE).read_text(encoding="utf-8")
    return parse_rulebook(text)


def parse_rulebook(text: str) -> RuleBook:
    """Read a rule file's TOML text; raises ``ConfigError`` naming the rule at fault."""
    data = parse_toml(text, RULES_FILE)
    try:
        rules = tuple(_rule(entry) for entry in data["rule"])
        shapes_data = data["shapes"]
        shapes = Shapes(
            headline_max_words=int(shapes_data["headline_max_words"]),
            headline_sentence_ends=tuple(shapes_data["headline_sentence_ends"]),
            person_max_words=int(shapes_data["person_max_words"]),
            name_particles=frozenset(shapes_data["name_particles"]),
            min_body_words=int(shapes_data["min_body_words"]),
            title_piece_min_words=int(shapes_data["title_piece_min_words"]),
        )
        outlet_data = data["outlets"]
        outlets = Outlets(
            max_words=int(outlet_data["max_words"]),
            words=frozenset(word.lower() for word in outlet_data["words"]),
        )
        date_data = data["dates"]
        dates = DateYears(
            earliest_year=int(date_data["earliest_year"]),
            latest_year=int(date_data["latest_year"]),
        )
        un = _un_profile(data["un_document"])
        languages = Languages(
            min_letters=int(data["languages"]["min_letters"]),
            families=tuple(frozenset(group) for group in data["languages"]["families"]),
        )
        web = WebExtraction(
            second_look_below_words=int(data["web"]["second_look_below_words"]),
            hidden_max_share=float(data["web"]["hidden_max_share"]),
        )
        by = data["bylines"]
        bylines = BylineWords(
            prefixes=tuple(by["prefixes"]),
            not_names=frozenset(w.casefold() for w in by["not_names"]),
            labels=tuple(w.casefold() for w in by["labels"]),
            credits=frozenset(w.casefold() for w in by["credits"]),
            roles=frozenset(w.casefold() for w in by["roles"]),
            weekdays=frozenset(w.casefold() for w in by["weekdays"]),
            max_words=int(by["max_words"]),
        )
        layout = Layout(
            paragraph_min_words=int(data["layout"]["paragraph_min_words"]),
            headline_min_words=int(data["layout"]["headline_min_words"]),
            wrapped_max_share=float(data["layout"]["wrapped_max_share"]),
        )
    except KeyError as exc:
        raise ConfigError(f"{RULES_FILE} lacks the entry {exc}") from None
    return RuleBook(rules, shapes, outlets, dates, un, languages, web, bylines, layout)


def _un_profile(data: Mapping[str, Any]) -> UnProfile:
    try:
        return UnProfile(
            head_chars=int(data["head_chars"]),
            all_of=tuple(re.compile(p) for p in data["all_of"]),
            any_of=tuple(re.compile(p) for p in data["any_of"]),
            symbol=re.compile(data["symbol"]),
            title_line=re.compile(data["title_line"]),
            toc_leader=re.compile(data["toc_leader"]),
            first_paragraph=re.compile(data["first_paragraph"]),
            outlet=str(data["outlet"]),
            date_window=int(data["date_window"]),
            state_max_words=int(data["state_max_words"]),
        )
    except re.error as exc:
        raise ConfigError(f"{RULES_FILE}: [un_document] has a malformed pattern: {exc}") from None


def _rule(entry: Mapping[str, Any]) -> Rule:
    name = str(entry.get("name", "?"))
    try:
        flags = re.IGNORECASE if entry.get("ignore_case", False) else 0
        return Rule(
            name=name,
            pattern=re.compile(entry["pattern"], flags),
            means=Means(entry["means"]),
            keep=bool(entry.get("keep", False)),
            where=Where(entry.get("where", "anywhere")),
            when=tuple(Condition(c) for c in entry.get("when", ())),
            rank=int(entry.get("rank", 5)),
            profiles=frozenset(Profile(p) for p in entry.get("profiles", ("text",))),
        )
    except (KeyError, ValueError, re.error) as exc:
        raise ConfigError(f"{RULES_FILE}: rule {name!r} is malformed: {exc}") from None
