"""The page around the article: the header above the first paragraph, the footer after the last one.

Scraped page text opens with a masthead, menus, a byline and a date, and closes with related links, share
bars and a copyright line; the line rules (``data/furniture.toml``) know many such lines by their words,
but an outlet's own menus and links have words no list holds. This module reads the page by its shape:

* a *paragraph* is a line of ``paragraph_min_words`` words or more that ends like a sentence; the header
  is what comes before the first paragraph, the footer what comes after the last one;
* the headline is the first header line of headline shape (short, no sentence end) with at least
  ``headline_min_words`` words (else two) that is not a menu (pieces between separators), not a short line in
  capitals (a masthead), not an outlet's name (by its shape, or as a copyright line below names it),
  not a byline and not a date with little else; the headline-shaped lines above it are the page's
  masthead and menus, and are dropped;
* below the headline, a header line that carries a date or starts with "By" is metadata (the date and
  byline are kept as such), a menu is furniture; other lines stay in the body: a deck, a dateline
  ("NEW YORK"), a meeting's lines ("Plenary", "76th Meeting (PM)"), which carry the event;
* in the footer, once a furniture line has ended the story (a line a rule drops, or a headline-shaped
  line of furniture shape: a label "Tags: ...", a menu, pieces between separators, a list item, a
  bracketed note, fewer than ``headline_min_words`` words; or a run of headline-shaped lines, a list of
  links), the lines of furniture shape, the runs and short "Label: ..." sentences are furniture; a lone
  line without a full stop (a last sentence that lost it), a tally with figures ("Against: 4") and any
  other sentence stay in the body;
* the outlet is the masthead name the page repeats below (in the spelling found there), else the
  outlet-shaped name in a dateline's brackets, else an outlet-shaped piece of a byline line, else a
  masthead line of an outlet's shape, else the holder a copyright line names.

Nothing is decided when the page has no paragraph, when its text is wrapped (more than
``wrapped_max_share`` of its lines run on into a line starting in lower case), or when a line that is
not of headline shape stands above the headline (the first line is then the headline, as before). The
numbers are in ``[layout]`` of ``data/furniture.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from onrecord.clean.dates import find_date, find_slashed_date
from onrecord.clean.lines import Verdict, is_headline_shape, is_outlet, is_person_name, outlet_name
from onrecord.clean.outlets import is_known_outlet
from onrecord.clean.rules import Means, rulebook
from onrecord.text import month_number

_PIECES = re.compile(r"\s*(?:[|·•»›>▾/]|\s{2,})\s*")
_BY = re.compile(r"(?:^|\s)(?:by|By|BY)(?:\s*[:：]\s*|\s+)(?P<name>[^|·•]{2,80})")
_COPYRIGHT = re.compile(
    r"(?:(?P<before>[^©|·•:]{2,60}?)\s*)?(?:©|\(c\)|Copyright(?:\s*©)?)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
    r"(?P<after>[^.|·•/,(©]{0,80})",
    re.IGNORECASE,
)
_LABEL = re.compile(r"[\w’' ]{1,25}:\s")
_WORDS = re.compile(r"[^\W\d_]+")
_WEEKDAY = re.compile(r"(?i:mon|tues|wednes|thurs|fri|satur|sun)day")
_DATELINE_AGENCY = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:,[^()]{1,30})?\s*\((?P<name>[^()]{2,40})\)\s*[-–—:]")
_TALLY = re.compile(r"[^\W\d][\w ’'-]{0,40}:\s*\d[\d,. ]*")  # "Against: 4", a vote's count
_FIGURE = re.compile(r"\d")
_SEPARATED = re.compile(r"\s[|·•]\s")
_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]|[-–>»›*]+)\s")
_RIGHTS = re.compile(r"\s*[-–—,]?\s*All rights reserved.*", re.IGNORECASE)


def arrange(verdicts: Sequence[Verdict]) -> tuple[tuple[Verdict, ...], int | None]:
    """The verdicts with the header and footer read by their shape, and the headline's index (or None)."""
    out = list(verdicts)
    paragraphs = [i for i, v in enumerate(out) if v.body and _is_paragraph(v.line)]
    if not paragraphs or _hard_wrapped(out):
        return tuple(out), None
    first, last = paragraphs[0], paragraphs[-1]
    holders = {h.casefold() for v in out[last + 1 :] if v.line and (h := _copyright_holder(v.line))}
    headline = _headline(out, first, holders)
    if headline is not None:
        for i in range(headline):
            if out[i].body:
                out[i] = _dropped(out[i], "masthead")
        for i in range(headline + 1, first):
            if out[i].body:
                out[i] = _header_line(out[i])
    _footer(out, last)
    return tuple(out), headline


def site_name(verdicts: Sequence[Verdict], headline: int | None) -> str | None:
    """The outlet a page names in its own furniture, by the strength of the evidence:

    the masthead's name repeated below the headline (a footer, a credit), in the spelling found there;
    an outlet-shaped name in a dateline's brackets ("GENEVA (Coastal Press) -"); an outlet-shaped piece
    of a byline ("By Ana Ruiz | The Coastal Herald"); a masthead line of an outlet's shape; the holder
    a copyright line names (often the publishing company, so the last).
    """
    below = verdicts[(headline or 0) + 1 :]
    dropped = [v.line for v in below if v.rule and v.means is not None and not v.keep]
    short = [v.line for v in below if v.body and is_headline_shape(v.line)]
    masthead = [v.line for v in verdicts[: headline or 0] if v.line and _is_name(v.line)]
    for name in masthead:
        spelled = _spelled_in(name, dropped + short)
        if spelled:
            return spelled
    for v in below:
        agency = _DATELINE_AGENCY.match(v.line) if v.body else None
        if agency and is_outlet(agency["name"]):
            return outlet_name(agency["name"])
    for v in below:
        if v.rule in _HEADER_RULES:
            piece = next((p for p in _PIECES.split(v.line) if p and is_outlet(p)), None)
            if piece:
                return outlet_name(piece)
    shaped = next((name for name in masthead if is_outlet(name)), None)
    if shaped:
        return shaped.title() if _in_capitals(shaped) else shaped
    return next((holder for line in dropped if (holder := _copyright_holder(line))), None)


_HEADER_RULES = frozenset({"header-date", "header-byline"})


def _is_paragraph(line: str) -> bool:
    return len(line.split()) >= rulebook().layout.paragraph_min_words and not _titled(line)


def _titled(line: str) -> bool:
    """Of a headline's shape: short and not ending a sentence, or a short question ("Is ... next?")."""
    short = len(line.split()) <= rulebook().shapes.headline_max_words
    return is_headline_shape(line) or (short and line.endswith("?"))


def _headline(verdicts: Sequence[Verdict], first: int, holders: set[str]) -> int | None:
    """The first header line that can be the headline; of ``headline_min_words`` words, else of two."""
    header: list[int] = []
    for i in range(first):
        v = verdicts[i]
        if not v.body:
            continue
        if not _titled(v.line):
            return None  # a line of text above: the page has no header to read
        if v.line.casefold() not in holders:
            header.append(i)
    for min_words in (rulebook().layout.headline_min_words, 2):
        found = next((i for i in header if _headline_candidate(verdicts[i].line, min_words)), None)
        if found is not None:
            return found
    return None


def _headline_candidate(line: str, min_words: int) -> bool:
    words = len(line.split())
    return (
        words >= min_words
        and not _is_menu(line)
        and not (_in_capitals(line) and words <= rulebook().outlets.max_words)  # a masthead
        and not is_outlet(line)
        and not _is_date_line(line)
        and not _BY.match(line)
    )


def _is_date_line(line: str) -> bool:
    """A date with little else ("Staff | March 4, 2031") or with a byline: not a headline."""
    if not _has_date(line):
        return False
    words = [w for w in _WORDS.findall(line) if month_number(w) is None and not _WEEKDAY.fullmatch(w)]
    return len(words) < rulebook().layout.headline_min_words or bool(_BY.search(line))


def _header_line(v: Verdict) -> Verdict:
    """A line between the headline and the first paragraph: metadata, furniture, or a deck kept as body.

    A line that ends like a sentence is body whatever it starts with ("By the end of the day, ..."); a
    date in it is still the page's date ("GENEVA, 4 March 2031 - The Council met.").
    """
    date = _has_date(v.line)
    if not is_headline_shape(v.line):
        return replace(v, means=Means.DATE, date=date, rank=4) if date else v
    by = _BY.search(v.line)
    if by and not _BY.match(v.line) and not date:
        by = None  # "by" inside a deck is a word of it
    if date:
        return replace(v, rule="header-date", means=Means.DATE, keep=False, date=date, rank=3)
    if by:
        return replace(v, rule="header-byline", means=Means.BYLINE, keep=False, name=_persons(by["name"]))
    if _is_menu(v.line):
        return _dropped(v, "header")
    return v


def _footer(out: list[Verdict], last: int) -> None:
    """Drop the footer's furniture once a furniture line has ended the story (see the module's notes).

    A list the story introduces ("The resolution calls on States to:") is the story's, up to the next
    blank line; so are a line that starts in lower case (an item continuing a sentence) and a tally.
    """
    ended = introduced = False
    min_words = rulebook().layout.paragraph_min_words
    for i in range(last + 1, len(out)):
        v = out[i]
        if not v.line:
            introduced = False
            continue
        if not v.body:
            ended = ended or v.means is Means.DROP
            introduced = introduced and v.means is not Means.DROP
            continue
        if introduced or _starts_lower(v.line) or _TALLY.fullmatch(v.line):
            continue
        if v.line.endswith(":") and len(v.line.split()) > rulebook().layout.headline_min_words:
            introduced = True
            continue
        titled = is_headline_shape(v.line)
        furniture = titled and _furniture_shape(v.line)
        listed = titled and (_titled_neighbour(out, i, -1) or _titled_neighbour(out, i, 1))
        ended = ended or furniture or listed
        short_label = len(v.line.split()) < min_words and _LABEL.match(v.line) and not _FIGURE.search(v.line)
        if ended and (furniture or listed or short_label):
            out[i] = _dropped(v, "footer")


def _hard_wrapped(verdicts: Sequence[Verdict]) -> bool:
    """Whether the page's sentences run on over lines (a line followed by one starting in lower case)."""
    body = [i for i, v in enumerate(verdicts) if v.body]
    runs_on = sum(
        1
        for i in body
        if i + 1 < len(verdicts) and verdicts[i + 1].body and _starts_lower(verdicts[i + 1].line)
    )
    return runs_on > rulebook().layout.wrapped_max_share * len(body)


def _starts_lower(line: str) -> bool:
    first = next((c for c in _LIST_ITEM.sub("", line, count=1) if c.isalpha()), "")
    return first.islower()


def _furniture_shape(line: str) -> bool:
    """A footer line that is furniture by its shape alone: a label, a menu, a list item, a bracketed note.

    A short line or a label with a figure in it ("Against: 4") may be a vote's tally: it is not.
    """
    figures = any(c.isdigit() for c in line)
    return bool(
        (not figures and len(line.split()) < rulebook().layout.headline_min_words)
        or (not figures and _LABEL.match(line))
        or _is_menu(line)
        or _SEPARATED.search(line)
        or _LIST_ITEM.match(line)
        or (line.startswith("(") and line.endswith(")"))
    )


def _titled_neighbour(out: Sequence[Verdict], i: int, step: int) -> bool:
    """Whether the line right above (step -1) or below (+1) is of headline shape: a list of links."""
    j = i + step
    return 0 <= j < len(out) and bool(out[j].line) and is_headline_shape(out[j].line)


def _persons(names: str) -> str | None:
    """The names of a byline before a role or place: "Ana Ruiz, Geneva correspondent" -> "Ana Ruiz"."""
    pieces = [p.strip() for p in names.split(",")]
    kept = [p for p in pieces if p and is_person_name(p)]
    return ", ".join(kept) or None


def _dropped(v: Verdict, rule: str) -> Verdict:
    return replace(v, rule=rule, means=Means.DROP, keep=False)


def _is_menu(line: str) -> bool:
    pieces = [p for p in _PIECES.split(line) if p.strip()]
    return len(pieces) >= 3 and all(len(p.split()) <= 3 for p in pieces)


def _in_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _has_date(line: str) -> dt.date | None:
    return find_date(line) or find_slashed_date(line)


def _is_name(line: str) -> bool:
    """A masthead line that may be the outlet's name: a few words, two or more unless outlet-shaped."""
    words = len(line.split())
    fits = 2 <= words <= rulebook().outlets.max_words or is_known_outlet(line)
    return fits and not _is_menu(line) and is_headline_shape(line)


def _spelled_in(name: str, lines: Sequence[str]) -> str | None:
    """``name`` as a footer line writes it (whole words, any case), preferring a spelling not in capitals."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    found = [m.group(0) for line in lines for m in pattern.finditer(line)]
    if not found:
        return None
    return next((f for f in found if not _in_capitals(f)), found[0].title())


def _copyright_holder(line: str) -> str | None:
    match = _COPYRIGHT.match(_RIGHTS.sub("", line).strip())
    if match is None:
        return None
    for group in ("after", "before"):
        holder = " ".join((match[group] or "").split()).strip(" -–—")
        if holder and len(holder.split()) <= rulebook().outlets.max_words and holder[0].isupper():
            return holder
    return None
