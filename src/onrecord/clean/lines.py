"""The line classifier: each line of a scraped page is body, furniture, or metadata.

The rules are data (``data/furniture.toml``); this module applies them in order to each line, with its
ends stripped, and the first rule whose pattern and conditions hold decides. A line no rule claims is
body. Lines are never altered beyond stripping their ends: what is body stays character for character.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.clean.bylines import person_byline
from onrecord.clean.dates import find_date, parse_date, parse_month_day, with_year
from onrecord.clean.outlets import canonical_outlet, is_known_outlet
from onrecord.clean.rules import Condition, Means, Profile, Rule, RuleBook, Where, rulebook

_WORD = re.compile(r"[^\s,;|]+")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one line of the page is. ``rule`` is ``None`` for body and for blank lines."""

    line: str  # the line with its ends stripped
    rule: str | None = None
    means: Means | None = None
    keep: bool = True  # whether the line stays in the clean text
    name: str | None = None  # a byline or outlet the line names
    date: dt.date | None = None
    rank: int = 5
    month_day: tuple[int, int] | None = None  # a date the line gives without its year

    @property
    def blank(self) -> bool:
        return not self.line

    @property
    def body(self) -> bool:
        return bool(self.line) and self.keep


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the metadata lines of a page gave."""

    published: dt.date | None = None
    byline: str | None = None
    outlet: str | None = None


def classify_lines(lines: Sequence[str], profile: Profile = Profile.TEXT) -> tuple[Verdict, ...]:
    """A verdict for each of ``lines``, in order (blank lines included, as blank verdicts)."""
    book = rulebook()
    rules = book.for_profile(profile)
    stripped = [line.strip() for line in lines]
    last = max((i for i, line in enumerate(stripped) if line), default=-1)
    title = next((line for line in stripped if line), "")
    seen: set[str] = set()
    body_lines = 0
    verdicts: list[Verdict] = []
    for index, line in enumerate(stripped):
        if not line:
            verdicts.append(Verdict(line))
            continue
        repeated = line in seen
        context = _Context(
            head=body_lines <= 1,
            last=index == last,
            repeated=repeated,
            repeated_title=index > 0 and _repeats_title(line, title, repeated, book),
        )
        verdict = _first_rule(line, rules, book, context) or Verdict(line)
        if verdict.body:
            body_lines += 1
        seen.add(line)
        verdicts.append(verdict)
    return tuple(verdicts)


def _repeats_title(line: str, title: str, repeated: bool, book: RuleBook) -> bool:
    """The page's title again, or a long piece of it (a headline the page broke over lines)."""
    if repeated:
        return line == title
    long_enough = len(line.split()) >= book.shapes.title_piece_min_words
    return long_enough and line != title and f" {line} " in f" {title} "


def page_metadata(verdicts: Sequence[Verdict]) -> PageMetadata:
    """The date, byline and outlet the lines give; where several lines give one, the lowest rank wins."""

    def best(means: Means) -> Verdict | None:
        found = [v for v in verdicts if v.means is means and (means is not Means.DATE or v.date)]
        return min(found, key=lambda v: v.rank) if found else None

    date = best(Means.DATE)
    byline = best(Means.BYLINE)
    outlet = best(Means.OUTLET)
    return PageMetadata(
        published=date.date if date else _yearless_date(verdicts),
        byline=person_byline(byline.name) if byline else None,
        outlet=outlet.name if outlet else None,
    )


def _yearless_date(verdicts: Sequence[Verdict]) -> dt.date | None:
    """A date written without its year, placed in the year nearest to another date of the page."""
    partial = next((v.month_day for v in verdicts if v.month_day), None)
    if partial is None:
        return None
    others = [date for v in verdicts if v.line and (date := find_date(v.line))]
    return with_year(*partial, near=max(others)) if others else None


@dataclass(frozen=True, slots=True)
class _Context:
    head: bool
    last: bool
    repeated: bool
    repeated_title: bool


def _first_rule(line: str, rules: Sequence[Rule], book: RuleBook, context: _Context) -> Verdict | None:
    for rule in rules:
        if rule.where is Where.HEAD and not context.head:
            continue
        if rule.where is Where.LAST and not context.last:
            continue
        match = rule.pattern.fullmatch(line)
        if match is None:
            continue
        groups = match.groupdict()
        name = (groups.get("name") or "").strip() or None
        date = parse_date(groups["date"]) if groups.get("date") else None
        month_day = parse_month_day(groups["monthday"]) if groups.get("monthday") else None
        if all(_holds(c, line, name, date or month_day, book, context) for c in rule.when):
            return Verdict(
                line=line,
                rule=rule.name,
                means=rule.means,
                keep=rule.keep,
                name=outlet_name(name) if rule.means is Means.OUTLET and name else name,
                date=date,
                rank=rule.rank,
                month_day=month_day,
            )
    return None


def _holds(
    condition: Condition,
    line: str,
    name: str | None,
    date: dt.date | tuple[int, int] | None,
    book: RuleBook,
    context: _Context,
) -> bool:
    match condition:
        case Condition.REPEATED:
            return context.repeated
        case Condition.REPEATED_TITLE:
            return context.repeated_title
        case Condition.HEADLINE_SHAPE:
            return is_headline_shape(line, book)
        case Condition.DATE_PARSES:
            return isinstance(date, dt.date)
        case Condition.MONTH_DAY_PARSES:
            return isinstance(date, tuple)
        case Condition.OUTLET_SHAPE:
            return name is not None and is_outlet(name, book)
        case Condition.PERSON_SHAPE:
            return name is not None and is_person_name(name, book)


def is_headline_shape(line: str, book: RuleBook | None = None) -> bool:
    """Short, and not ending the way a sentence ends."""
    book = book or rulebook()
    words = _WORD.findall(line)
    ends = book.shapes.headline_sentence_ends
    return 0 < len(words) <= book.shapes.headline_max_words and not line.rstrip().endswith(ends)


def is_outlet(name: str, book: RuleBook | None = None) -> bool:
    """A known outlet, or a short capitalised name with an outlet word in it ("Daily", "Times", ...)."""
    book = book or rulebook()
    if is_known_outlet(name):
        return True
    words = _WORD.findall(name)
    if not 0 < len(words) <= book.outlets.max_words:
        return False
    small = book.shapes.name_particles | {"the", "of"}
    capitalised = all(w[0].isupper() or not w[0].isalpha() or w.lower() in small for w in words)
    return capitalised and any(w.strip(".'’").lower() in book.outlets.words for w in words)


def is_person_name(name: str, book: RuleBook | None = None) -> bool:
    """One or a few capitalised words (names joined by "and" or commas allowed), no digits, no outlet."""
    book = book or rulebook()
    if any(ch.isdigit() for ch in name) or is_outlet(name, book):
        return False
    words = [w for w in _WORD.findall(name) if w.lower() not in book.shapes.name_particles]
    if not 0 < len(words) <= book.shapes.person_max_words * 2:
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in words)


def outlet_name(name: str) -> str:
    """The outlet as the data writes it when known ("china daily" -> "China Daily"), else as given."""
    return canonical_outlet(name)
