"""Figures a speaker cites: "cost the lives of nearly 30,000 civilians" -> 30000, "civilians killed".

A figure is a number (digits or words, with its scale: "close to 2 million", "tens of thousands"), the
qualifier before it, the counted noun after it and, where the clause says, what happened to those
counted ("left close to 2 million people displaced" -> "people displaced"). Percentages are kept and
count "percent of ...". Years, dates, times of day, ordinals ("55th"), references ("article 19",
"item 4", "resolution 5/1", "HRC55"), document symbols and paragraph numbers are not figures, nor is
a lone number with nothing to say what it counts or how (a score, an age). The words are data
(``data/figures.json``); this module holds the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from onrecord.datafiles import read_json
from onrecord.events.numbers import number_words, parse_cardinal
from onrecord.models import Figure, Span


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    vague: dict[str, int]
    a_number: dict[str, int]
    count_nouns: tuple[str, ...]  # longest first
    outcomes: tuple[tuple[str, str], ...]  # (phrase, canonical), longest phrase first
    currencies: dict[str, str]
    reference_words: frozenset[str]
    time_words: frozenset[str]
    phrase_stops: frozenset[str]
    noun_stops: frozenset[str]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    data = read_json("figures.json")
    words = number_words()
    vague = {k: int(v) for k, v in data["vague"].items()}
    plural_scales = {k for k in vague if k in ("thousands", "millions", "billions")}
    a_number = {k: int(v) for k, v in data["a_number"].items()}
    word_number = rf"(?:(?:{_alt(words.tens)})(?:[ -](?:{_alt(words.units)}))?|{_alt(words.units)})"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    scales = _alt(words.scales)
    pattern = re.compile(
        rf"(?:(?P<qual>{_alt(data['qualifiers'])})\s+)?"
        rf"(?:(?P<vague>(?:{_alt(vague)})\s+of(?:\s+(?:{_alt(plural_scales)})(?:\s+of)?)?)"
        rf"|(?P<anum>{_alt(a_number)})\b"
        rf"|(?:(?P<cur>{_alt(data['currencies'])})\s?)?(?P<num>(?<![\w./:,-]){digits}(?:(?:bn|mn)\b|(?![\w/:]|-\w|[.,]\d))"
        rf"|\b{word_number}\b)(?P<scale>(?:\s+(?:{scales})\b)*))"
        rf"(?P<pct>\s*%|\s+per\s?cent\b)?",
        re.IGNORECASE,
    )
    outcomes = sorted(
        ((phrase, canonical) for canonical, phrases in data["outcomes"].items() for phrase in phrases),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    return _Lexicon(
        pattern=pattern,
        vague=vague,
        a_number=a_number,
        count_nouns=tuple(sorted(data["count_nouns"], key=len, reverse=True)),
        outcomes=tuple(outcomes),
        currencies={str(k): str(v) for k, v in data["currencies"].items()},
        reference_words=frozenset(w.lower() for w in data["reference_words"]),
        time_words=frozenset(data["time_words"]),
        phrase_stops=frozenset(data["phrase_stops"]),
        noun_stops=frozenset(data["noun_stops"]),
    )


_MONTH = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?",
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PARTITIVE = re.compile(
    r"\s+of\s+(?:the|its|their|these|those|all)\s+(?:[A-Za-z]+['’]s\s+)?(?:(?:\d{1,3}(?:,\d{3})+|\d+)\s+)?"
)
# "one in eleven people", "four out of five children": the number after "in" is a ratio's, not a count
_RATIO_BEFORE = re.compile(
    r"\b(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+$", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]|\s(?:and|but|while|whereas|which|who)\s")


def _value(m: re.Match[str], lex: _Lexicon) -> tuple[float, str | None] | None:
    """The number a match stands for, and the qualifier its own words carry ("tens of")."""
    scale_words = (m.group("scale") or "").split()
    if m.group("vague"):
        parts = m.group("vague").lower().split()
        value = float(lex.vague[parts[0]])
        for word in parts[2:]:
            if word in lex.vague:
                value *= lex.vague[word]
        return value, f"{parts[0]} of"
    if m.group("anum"):
        base = lex.a_number[" ".join(m.group("anum").lower().split())]
        extra = parse_cardinal(" ".join(scale_words)) if scale_words else None
        return float(base) * (extra or 1.0), None
    number = m.group("num")
    compact = re.sub(r"(bn|mn)$", r" \1", number, flags=re.IGNORECASE)
    parsed = parse_cardinal(" ".join([compact, *scale_words]))
    return (parsed, None) if parsed is not None else None


def _is_excluded(text: str, m: re.Match[str], lex: _Lexicon, noun: str | None) -> bool:
    """References, dates, years, times, paragraph numbers and lone small number words are not figures."""
    number = m.group("num")
    if not number:
        return False
    start, end = m.start("num"), m.end("num")
    before = text[max(0, start - 25) : start]
    if not m.group("qual") and _RATIO_BEFORE.search(before):
        return True
    after = text[end : end + 25]
    previous = re.findall(r"[\w./-]+", before)
    if previous and (
        previous[-1].lower() in lex.reference_words or previous[-1].lower().rstrip(".") in lex.reference_words
    ):
        return True
    if _MONTH.search(before[-12:]) and re.search(r"(?:^|\s)" + _MONTH.pattern + r"\s*$", before):
        return True
    if re.match(r"\s*(?:(?:-|–|to|and)\s*\d{1,2}\s+)?" + _MONTH.pattern + r"(?![a-z])", after):
        return True
    first_after = after.split()[0] if after.split() else ""
    if first_after in lex.time_words or first_after.rstrip(",.") in lex.time_words:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and after.startswith("."):
        return True  # a numbered paragraph
    has_more = bool(m.group("scale") or m.group("pct") or m.group("cur"))
    is_digits = number[0].isdigit()
    year = is_digits and not has_more and re.fullmatch(r"(?:18|19|20)\d\d", number)
    if year and (noun is None or not noun[0].islower() or _PARTITIVE.match(text, end)):
        return True  # a year ("the 2020 United States election")
    if is_digits and not has_more and noun is None:
        plain = number.replace(",", "")
        if "," not in number and len(plain) >= 5:
            return True  # a code, not a count
    if not is_digits and not has_more and noun is None:
        return True  # a word number counts only before a counted noun or a scale
    return not is_digits and number.lower() == "one" and not has_more


def _noun_after(
    text: str, at: int, stop: int, lex: _Lexicon, vague: bool, known_only: bool
) -> tuple[str, int] | None:
    """The counted noun right after a number ("civilians", "internally displaced persons"), and its end.

    Any plural word serves after digits ("5,000 homes"); after a word number only the lexicon's nouns do.
    """
    rest = text[at:stop]
    # a share of a counted whole takes the whole's noun: "four of the States", "160 of the 239 cases"
    lead = re.match(r"\s+(?:of\s+)?" if vague else _PARTITIVE.pattern + r"|\s+", rest)
    if lead is None:
        return None
    offset = lead.end()
    window = rest[offset : offset + 60]
    words = list(_WORD.finditer(window))[:4]
    for count in range(1, len(words) + 1):
        phrase_end = words[count - 1].end()
        phrase = window[:phrase_end]
        gaps_ok = all(window[words[i].end() : words[i + 1].start()] in (" ",) for i in range(count - 1))
        if not gaps_ok:
            break
        for noun in lex.count_nouns:
            if phrase.endswith(noun) and (len(phrase) == len(noun) or phrase[-len(noun) - 1] == " "):
                if count > 1 and any(w.group().lower() in lex.noun_stops for w in words[: count - 1]):
                    continue
                return phrase, at + offset + phrase_end
    if words and words[0].start() == 0 and not known_only:
        word = words[0].group()
        plural = word.endswith("s") and not word.endswith(("'s", "’s"))  # "the state's" is no plural
        if word.islower() and plural and len(word) > 3 and word not in lex.noun_stops:
            return word, at + offset + words[0].end()
        if word[:1].isupper() and word.endswith("ans") and len(word) > 4:  # "30 million Brazilians"
            return word, at + offset + words[0].end()
    return None


def _outcome(text: str, clause_from: int, start: int, end: int, clause_to: int, lex: _Lexicon) -> str | None:
    """What happened to those counted, said right after the figure or earlier in its clause."""
    after = text[end:clause_to].lower()
    following = " ".join(after.split()[:4])
    for phrase, canonical in lex.outcomes:
        if re.match(
            r"(?:(?:were|have|had|been|are|being|now|reportedly|already)\s+)*" + re.escape(phrase) + r"\b",
            following,
        ):
            return canonical
    before = " ".join(text[clause_from:start].lower().split())
    for phrase, canonical in lex.outcomes:
        if re.search(r"\b" + re.escape(phrase) + r"\b", before):
            return canonical
    return None


def _percent_of(rest: str, lex: _Lexicon) -> str | None:
    """The noun phrase of "percent of the population ...", up to the first word that ends it."""
    lead = re.match(r"\s+of\s+", rest)
    if lead is None:
        return None
    kept: list[str] = []
    for word in _WORD.finditer(rest, lead.end()):
        if word.group().lower() in lex.phrase_stops or len(kept) == 4:
            break
        kept.append(word.group())
    return " ".join(kept) or None


def _outcome_adjacent(text: str, start: int, end: int, outcome: str, lex: _Lexicon) -> bool:
    """True when the outcome's words stand within two words before or three words after the number."""
    before = " ".join(text[max(0, start - 40) : start].lower().split()[-4:])
    after = " ".join(text[end : end + 40].lower().split()[:3])
    phrases = [p for p, canonical in lex.outcomes if canonical == outcome]
    return any(before.endswith(p) or re.search(r"\b" + re.escape(p) + r"\b", after) for p in phrases)


def _clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    before = [m.end() for m in _CLAUSE_END.finditer(text, lo, start)]
    after = _CLAUSE_END.search(text, end, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def find_figures(text: str, start: int = 0, end: int | None = None) -> tuple[Figure, ...]:
    """Every figure cited in ``text[start:end]``, in text order; spans index ``text``."""
    lex = _lexicon()
    stop = len(text) if end is None else end
    figures: list[Figure] = []
    for m in lex.pattern.finditer(text, start, stop):
        valued = _value(m, lex)
        if valued is None:
            continue
        value, own_qualifier = valued
        word_number = bool(m.group("num")) and not m.group("num")[0].isdigit()
        noun_found = _noun_after(text, m.end(), stop, lex, bool(m.group("vague")), word_number)
        if m.group("pct"):
            noun_found = None
        if _is_excluded(text, m, lex, noun_found[0] if noun_found else None):
            continue
        qualifier = " ".join(x for x in ((m.group("qual") or "").lower(), own_qualifier or "") if x) or None
        span_end = noun_found[1] if noun_found else m.end()
        clause_from, clause_to = _clause_bounds(text, m.start(), span_end, start, stop)
        counts: str | None
        outcome: str | None = None
        if m.group("pct"):
            of = _percent_of(text[m.end() : clause_to], lex)
            counts = f"percent of {of}" if of else "percent"
        else:
            noun = noun_found[0] if noun_found else None
            if noun is None and m.group("cur"):
                noun = lex.currencies[m.group("cur").upper() if m.group("cur").isalpha() else m.group("cur")]
            outcome = _outcome(text, clause_from, m.start(), span_end, clause_to, lex)
            counts = " ".join(x for x in (noun, outcome) if x) or None
        bare = not (noun_found or qualifier or m.group("scale") or m.group("pct") or m.group("cur"))
        if bare and outcome is not None and not _outcome_adjacent(text, m.start(), m.end(), outcome, lex):
            outcome = None  # "died at 103 years of age": the outcome is not about the number
        if bare and (outcome is None or "." in (m.group("num") or "")):
            continue  # a lone number (a score, an age, a magnitude) is not a figure anyone cites
        figures.append(Figure(Span.of(text, m.start(), span_end), value, qualifier, counts))
    return tuple(figures)
