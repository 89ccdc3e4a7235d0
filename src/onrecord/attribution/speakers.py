"""What a mention says about its speaker: the name, kind, roles, affiliation, country, on whose behalf.

A mention is the noun phrase a cue's subject (or "according to" object) heads. The parse finds the
phrase; the lexicons in ``data/speakers.json`` and ``data/countries.json`` say what kind of source it
names; appositions ("Wang, a member of ... and Chinese Foreign Minister,") give the roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from onrecord.attribution import lexicon
from onrecord.models import SpeakerKind

Token = Any

_NP_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "det", "nummod", "flat", "case", "punct", "npadvmod"}
)
_AFFILIATION = re.compile(
    r"\b(?:of|at|for|from)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:of|for|and|the|on|[A-Z][\w'’.-]*))*)"
)
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a source: its character span and what the words tell about the speaker."""

    start: int
    end: int
    text: str
    name: str  # the name as written ("Wang Yi", "Wang", "human rights experts"); the pronoun for pronouns
    kind: SpeakerKind
    pronoun: str | None = None  # lower-case pronoun where the mention is one ("he", "they")
    gender: str | None = None  # "male" | "female" where an honorific or pronoun says so
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    country: str | None = None
    on_behalf_of: str | None = None
    surname_only: bool = False  # one word of a person's name ("Wang", "Mr. Sanders")

    def moved(self, offset: int) -> Mention:
        """The same mention with its offsets moved by ``offset`` (paragraph to article)."""
        return replace(self, start=self.start + offset, end=self.end + offset)


def _strip_det(text: str) -> str:
    return _LEADING_DET.sub("", text.strip(" ,;:")).strip()


def _clean_name(text: str) -> str:
    text = re.sub(r"(?:'s|’s|')$", "", text.strip(' ,;:"“”')).strip()
    return _strip_det(text)


def _np_range(head: Token) -> tuple[int, int]:
    """Token range (end exclusive) of the noun phrase core: the head and its left modifiers."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:  # multi-word names the parser hangs to the right ("Yi" of "Wang Yi")
        if child.dep_ in {"flat", "compound"} and child.i == end:
            end = child.right_edge.i + 1
    return start, end


def _is_surname_he(token: Token) -> bool:
    """'He' as a (Chinese) surname: capitalized where no sentence starts, or followed by a name."""
    if token.text != "He":
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.ent_type_ == "PERSON":
        return True
    if token.is_sent_start:
        return False
    prev = token.nbor(-1)
    return not (prev.is_space or prev.text in {'"', "“", "''", "(", "—", ":", "‘"})


def _roles(head: Token) -> tuple[str, ...]:
    roles: list[str] = []
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        conjuncts = [c for c in child.rights if c.dep_ == "conj"]
        first_end = child.right_edge.i + 1
        for conj in conjuncts:
            first_end = min(first_end, conj.left_edge.i)
        pieces = [(child.left_edge.i, first_end)] + [(c.left_edge.i, c.right_edge.i + 1) for c in conjuncts]
        for start, end in pieces:
            words = [t for t in head.doc[start:end] if not t.is_space]
            while words and (words[-1].dep_ in {"cc", "punct"} or words[-1].lower_ in {"and", ","}):
                words.pop()
            while words and words[0].dep_ in {"cc", "punct"}:
                words.pop(0)
            if words:
                role = _strip_det(head.doc[words[0].i : words[-1].i + 1].text)
                if role and not role[0].isdigit():
                    roles.append(role)
    return tuple(roles)


def _split_roles(roles: list[str]) -> list[str]:
    """Roles joined by "and" that the parser left as one ("a member of X and Trade Minister")."""
    titles = lexicon.speakers().title_nouns
    out: list[str] = []
    for role in roles:
        pieces = role.split(" and ")
        current = pieces[0]
        for piece in pieces[1:]:
            words = piece.split()
            if words and words[0][:1].isupper() and words[-1].lower() in titles:
                out.append(current)
                current = _strip_det(piece)
            else:
                current = f"{current} and {piece}"
        out.append(current)
    return out


def _pre_title(tokens: list[Token], name_start: int) -> str | None:
    """A title written before the name ("China's top diplomat", "Republican nominee", "Foreign Minister"
    of "Chile's Foreign Minister Ana Example"). A title noun that is also an honorific stays in the title
    when other words of it come first ("Foreign Minister", not "Foreign"); the State named in the
    possessive that opens it is the speaker's country, not part of the post."""
    lex = lexicon.speakers()
    before = [t for t in tokens if t.i < name_start and t.dep_ != "det"]
    owner = next((t for t in before if t.dep_ == "case" and t.head.dep_ == "poss"), None)
    state = owner is not None and lexicon.countries().find(tokens[0].doc[before[0].i : owner.i].text)
    if owner is not None and state and any(t.i > owner.i for t in before):
        before = [t for t in before if t.i > owner.i]
    courtesy = lex.female_honorifics | lex.male_honorifics
    before = [
        t for t in before if t.text not in courtesy and not (t.text in lex.honorifics and "." in t.text)
    ]
    if all(t.text in lex.honorifics for t in before) and len(before) < 2:
        return None  # "Minister Ana Example", "Dr. Ana Example": an honorific, no title of its own
    if not before or not any(t.pos_ in {"NOUN", "ADJ", "PROPN"} for t in before):
        return None
    title = _strip_det(tokens[0].doc[before[0].i : before[-1].i + 1].text)
    return title or None


def _named_apposition(head: Token) -> tuple[Token | None, Token]:
    """The person a title is in apposition with, and the title's last word: "the spokesman, Ann
    Example," or, where the parser hangs the name on the country, "the delegate of Norway, Ambassador
    Rena Tolvik," (only a country: "a spokesman for the president, Joe Biden," names the president)."""

    def person(token: Token) -> Token | None:
        return next(
            (
                c
                for c in token.rights
                if c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and (c.ent_type_ == "PERSON" or (token.lower_ in titles and _unknown_name(list(c.subtree))))
            ),
            None,
        )

    titles = lexicon.speakers().title_nouns

    if (found := person(head)) is not None:
        return found, head
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
        for place in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in {"GPE", "NORP"}):
            if (found := person(place)) is not None:
                return found, place
    if head.lower_ in lexicon.speakers().title_nouns and head.text[:1].isupper():  # a post: "The Chair of"
        return _tail_apposition(head), head
    return None, head


def _title_then_name(head: Token) -> Any | None:
    """The person's name that ends the prepositional tail of a capitalized title heading the phrase,
    with no comma before it ("Minister in the Prime Minister's Department Ann Example", which the parse
    reads as the department's Ann Example): the PERSON entity ending the phrase, right after an
    organization's word (elsewhere the entity may be part of a name, "Nadia [Ferreira Holm]", or no
    name at all, "the Special Envoy for the [Sahel]"; and "Spokesperson for President Ann Example" names
    the president)."""
    if head.lower_ not in lexicon.speakers().title_nouns or not head.text[:1].isupper():
        return None
    if not any(c.dep_ == "prep" for c in head.rights):
        return None
    last = head.right_edge.i
    for ent in head.doc.ents:
        if ent.label_ == "PERSON" and ent.end == last + 1 and ent.start > head.i + 2:
            before = head.doc[ent.start - 1]
            return ent if before.text in lexicon.speakers().organization_words else None
    return None


def _occasion(head: Token, prep: Token) -> bool:
    """Whether the tail ``prep`` of a plural noun says where people spoke, not who they are ("Speakers at
    a side event on the margins of the session"; but "experts at Amnesty International", "members of
    the committee"): "at" or "with" a common noun."""
    target = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return (
        head.tag_ in {"NNS", "NNPS"}
        and prep.lower_ in {"at", "with"}
        and target is not None
        and target.pos_ == "NOUN"
        and target.ent_type_ not in {"ORG", "GPE"}
    )


def _unknown_name(words: list[Token]) -> bool:
    """Whether the proper nouns ``words`` are a name the tagger gave no person (or took for an
    organization: "Ana Lucía Prieto", "Tomasz Wielgosz") that has nothing of a place or an organization:
    two to four capitalized words, none an organization word, no place among them."""
    words = [t for t in words if not t.is_punct]
    return (
        2 <= len(words) <= 4
        and all(
            t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in {"GPE", "NORP", "LOC"}
            for t in words
        )
        and not {t.text for t in words} & lexicon.speakers().organization_words
    )


def _tail_apposition(title: Token) -> Token | None:
    """The name set off by commas after a title's prepositional tail, which the parse hangs on the
    tail's last noun ("The Chair of the Committee on the Elimination of ... against Women, Ana Example,
    said"): a capitalized proper noun that names neither a place nor an organization."""
    doc, lex = title.doc, lexicon.speakers()
    token = title
    for _ in range(6):
        prep = next((c for c in reversed(list(token.rights)) if c.dep_ == "prep"), None)  # the last
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None or pobj.lower_ in lex.title_nouns:
            return None  # "A spokesman for the President, Ann Example,": the name is the president's
        for appos in (c for c in pobj.rights if c.dep_ == "appos" and c.pos_ == "PROPN"):
            first, last = appos.left_edge.i, appos.right_edge.i
            words = [t for t in doc[first : last + 1] if t.is_alpha]
            if (
                first > 0
                and doc[first - 1].text == ","
                and last + 1 < len(doc)
                and doc[last + 1].text in {",", "("}
                and words
                and words[0].text[:1].isupper()
                and appos.ent_type_ not in {"GPE", "NORP", "ORG", "LOC", "FAC"}
                and not {t.text for t in words} & lex.organization_words
            ):
                return appos
        token = pobj
    return None


@cache
def _behalf() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon.speakers()

    def pattern(words: tuple[str, ...]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in words)
        return re.compile(rf"\b(?i:{alternatives})\s+((?:the\s+)?[A-Z][^,.;:()]*)")

    return pattern(lex.behalf_any), pattern(lex.behalf_known)


_LIST = re.compile(r"([A-Z][^,.;:()]*?(?:, [A-Z][^,.;:()]*?)*),? and ([A-Z][^,.;:()]*?)(?=[,.;:()]|$)")


def _states_listed(text: str) -> str | None:
    """A list of two or more States named one after another ("Chile, Colombia and Uruguay"), as written."""
    match = _LIST.match(text)
    if match is None:
        return None
    names = [*match.group(1).split(", "), match.group(2)]
    if all(name.strip() in lexicon.countries().names for name in names):
        return match.group(0)
    return None


def on_behalf_of(sentence_text: str) -> str | None:
    """The group a speaker speaks for ("on behalf of the African Group", "speaking for CELAC"): its
    canonical name where the groups lexicon knows it, else the name as written without "the"."""
    any_group, known_only = _behalf()
    match = any_group.search(sentence_text) or known_only.search(sentence_text) if sentence_text else None
    if match is None:
        return None
    written = match.group(1)
    listed = _states_listed(sentence_text[match.start(1) :])
    if listed is not None:  # "also speaking for Chile, Colombia and Uruguay": the States, as written
        return listed
    group = lexicon.groups().find(written)
    named = lexicon.groups().pattern.match(written.removeprefix("the ").removeprefix("The "))
    rest = written.removeprefix("the ").removeprefix("The ")[named.end() :] if named else ""
    if re.match(r"\s+(?:on|for|of|in|against)\s+(?:the\s+)?[A-Z]", rest):
        group = None  # "the Group of Friends on the Protection of Civilians": another group than the alias
    if group is None and match.re is known_only:
        return None  # "speaking for the Information Service": a spokesperson, not a group of States
    return group or _strip_det(written).strip() or None


def _country_of(token: Token) -> str | None:
    """The country a noun phrase names outright ("the Russian Federation", "China's"), if it does."""
    countries = lexicon.countries()
    aside = {  # "the United Kingdom, which holds the pen on Yemen,": the clause is no part of the name
        t.i for c in token.rights if c.dep_ in {"relcl", "acl", "appos"} for t in c.subtree
    }
    words = [
        t for t in token.subtree if not t.is_punct and t.dep_ not in {"det", "case"} and t.i not in aside
    ]
    if not words:
        return None
    phrase = token.doc[words[0].i : words[-1].i + 1].text
    found = countries.find(phrase)
    if found is None:
        return None
    match = countries.pattern.search(phrase)
    assert match is not None
    rest = (phrase[: match.start()] + phrase[match.end() :]).strip(" '’s")
    return found if not rest else None


def _state_agent(head: Token, sentence_text: str) -> Mention | None:
    """The State a delegate speaks for: "the representative of Egypt", "China's delegate", "the Chinese
    delegation", "Myanmar's Representative" -> the State (kind state, country the State)."""
    lex = lexicon.speakers()
    if head.lemma_.lower() not in lex.state_agents and head.lower_ not in lex.state_agents:
        return None
    country: str | None = None
    end_token = head
    for child in head.children:
        if child.dep_ == "poss" and child.i < head.i:
            country = _country_of(child)
        elif child.dep_ == "amod" and child.i < head.i and child.ent_type_ == "NORP":
            country = lexicon.countries().find(child.text)
        elif child.dep_ == "prep" and child.lower_ in {"of", "for", "from"} and child.i > head.i:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                country = _country_of(pobj)
                end_token = pobj.right_edge if country else head
        elif child.dep_ == "compound" and child.i < head.i and child.ent_type_ in {"GPE", "NORP"}:
            country = _country_of(child)
        if country:
            break
    if country is None:
        return None
    first = min(head.left_edge.i, head.i)
    while head.doc[first].dep_ == "det" or head.doc[first].is_punct:
        first += 1
    start, end = head.doc[first].idx, end_token.idx + len(end_token.text)
    return Mention(
        start,
        end,
        head.doc.text[start:end],
        country,
        SpeakerKind.STATE,
        country=country,
        on_behalf_of=on_behalf_of(sentence_text),
    )


def analyse(head: Token, sentence_text: str = "") -> Mention | None:
    """What the noun phrase headed by ``head`` names, or None where it names no possible source."""
    lex = lexicon.speakers()
    doc = head.doc
    lower = head.lower_
    surname_he = _is_surname_he(head)
    if not surname_he and ((lower in lex.pronouns and head.pos_ == "PRON") or lower == "he"):
        gender = lex.pronouns.get(lower)
        kind = SpeakerKind.PERSON if gender in {"male", "female"} else SpeakerKind.UNKNOWN
        return Mention(
            head.idx,
            head.idx + len(head.text),
            head.text,
            lower,
            kind,
            pronoun=lower,
            gender=gender if gender in {"male", "female"} else None,
        )
    if head.pos_ == "NUM" and lower not in lex.non_speakers:  # "One in five say", "Nearly nine out of 10"
        first, last = head.left_edge, head.right_edge
        text = doc.text[first.idx : last.idx + len(last.text)]
        return Mention(first.idx, last.idx + len(last.text), text, text, SpeakerKind.GROUP)
    if lower in lex.non_speakers or (head.pos_ in {"PRON", "SCONJ", "DET"} and head.text != "He"):
        return None
    held = _title_then_name(head)
    if held is not None:  # "Minister in the Prime Minister's Department Ann Example said"
        inner = analyse(held.root, sentence_text)
        if inner is not None and inner.kind is SpeakerKind.PERSON:
            title = doc[head.i : held.start].text.strip(" ,")
            return replace(
                inner,
                start=head.idx,
                text=doc.text[head.idx : inner.end],
                name=held.text,
                roles=(title,),
                country=lexicon.countries().of_role(title) or inner.country,
                surname_only=False,
            )
    named, title_end = _named_apposition(head)
    if named is None and (state := _state_agent(head, sentence_text)) is not None:
        return state
    # "the spokesman, Ann Example,", "The Assembly President, Ann Example,"
    titled_head = head.pos_ == "NOUN" or head.lower_ in lex.title_nouns
    if titled_head and named is not None:  # "the spokesman, Ann Example," / "top diplomat Wang Yi"
        inner = analyse(named, sentence_text)
        if inner is not None:
            gap = doc[title_end.i + 1 : named.left_edge.i]
            if (  # "the Special Rapporteur on the right to food, Ann Example,": the title's tail is its own
                len(gap) > 2
                and gap[0].dep_ == "prep"
                and gap[0].head.i == title_end.i
                and [t.text for t in gap].count(",") == 1
                and gap[-1].text == ","
            ):
                title_end = gap[-2]
            if title_end.lower_ in lex.title_nouns or head.lower_ in lex.title_nouns:
                inner = replace(inner, kind=SpeakerKind.PERSON, surname_only=False)  # a title's holder
            start, _ = _np_range(head)
            title_tokens = [t for t in doc[start : title_end.i + 1] if t.dep_ != "det"]
            title = _strip_det(doc[title_tokens[0].i : title_end.i + 1].text) if title_tokens else head.text
            first = doc[start]
            return replace(
                inner,
                start=first.idx,
                text=doc.text[first.idx : inner.end],
                roles=(title, *inner.roles),
                country=inner.country or lexicon.countries().of_role(title),
            )
    start, end = _np_range(head)
    tokens = [t for t in doc[start:end] if not t.is_space]
    if not tokens:
        return None
    span_start, span_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc.text[span_start:span_end]
    country_lex = lexicon.countries()
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= head.i < e.end), None)
    honorific = next((t.text for t in tokens if t.text in lex.honorifics), None)
    gender = (
        "female"
        if honorific in lex.female_honorifics
        else "male"
        if honorific in lex.male_honorifics
        else None
    )
    roles = list(_roles(head))
    name_tokens: list[Token]
    if person is not None:
        name_tokens = [t for t in person if t.i >= start and t.text not in lex.honorifics]
        if not name_tokens:
            name_tokens = [head]
    elif head.pos_ == "PROPN" or surname_he:
        name_tokens = []
        for t in reversed(tokens):
            if (t.pos_ == "PROPN" or t.text == "He") and t.text not in lex.honorifics and t.dep_ != "poss":
                name_tokens.insert(0, t)
            elif name_tokens and _name_hyphen(t, name_tokens[0]):
                name_tokens.insert(0, t)  # "Helena Varga-Lindqvist": the hyphen holds the surname whole
            elif name_tokens:
                break
        name_tokens = name_tokens or [head]
        # "Committee Chair Laila Farouk Haddad": the parse hung the rest of the name apart
        split = next(
            (
                c
                for c in head.rights
                if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.left_edge.i == head.i + 1
            ),
            None,
        )
        if split is not None and name_tokens[-1].i == head.i:
            name_tokens += [t for t in doc[head.i + 1 : split.i + 1] if t.ent_type_ == "PERSON"]
            roles = [r for r in roles if not r.startswith(doc[split.left_edge.i].text)]
            titles = [k for k, t in enumerate(name_tokens[:-2]) if t.lower_ in lex.title_nouns]
            if titles:  # the title before the name is a role, not part of it
                cut = titles[-1] + 1
                roles.insert(0, doc[name_tokens[0].i : name_tokens[cut - 1].i + 1].text)
                name_tokens = name_tokens[cut:]
    else:
        name_tokens = [t for t in tokens if t.dep_ not in {"det", "poss", "case"}]
        if name_tokens and name_tokens[-1].i == head.i and _word_hyphen(head):
            name_tokens.append(doc[head.i + 2])  # "the vice-minister": the parse split the word
        if head.i + 1 < len(doc):  # "a spokesman for the campaign": keep the prepositional tail
            for child in head.rights:
                if child.dep_ == "prep" and child.lower_ in {"for", "of", "at", "with"}:
                    if _occasion(head, child):
                        break
                    name_tokens = list(
                        doc[name_tokens[0].i if name_tokens else head.i : child.right_edge.i + 1]
                    )
                    break
    if name_tokens and (person is not None or head.pos_ == "PROPN"):
        name_tokens = _hyphen_joined(name_tokens)
        while (  # "... Prime Minister's Office Ann Example": no name opens so ("Deputy High Commissioner"
            len(name_tokens) > 2  # is a title, and stays whole)
            and name_tokens[-1].lower_ not in lex.title_nouns
            and (name_tokens[0].text in lex.organization_words or name_tokens[0].lower_ in lex.title_nouns)
        ):
            name_tokens = name_tokens[1:]
    organization = next((e for e in doc.ents if e.label_ == "ORG" and e.start <= head.i < e.end), None)
    leading = (  # "Front Line Advocates International": capitalized words the proper-noun run dropped
        organization is not None
        and name_tokens
        and organization.start < name_tokens[0].i
        and all(
            t.text[:1].isupper() and t.dep_ not in {"poss", "case"} for t in organization if t.dep_ != "det"
        )
    )
    if person is None and organization is not None and (organization.end > end or leading):
        # "X Commission on Human Rights"
        name_tokens = [t for t in organization if t.dep_ != "det"]
    name = _clean_name(doc[name_tokens[0].i : name_tokens[-1].i + 1].text) if name_tokens else ""
    if not name:
        return None
    title = _pre_title(tokens, name_tokens[0].i)
    held = title is not None and title.split()[-1].lower() in lex.title_nouns and _unknown_name(name_tokens)
    if title and (person is not None or held):  # "Committee member Ann Example": a title's holder
        roles.insert(0, title)
    roles = _split_roles(roles)
    titled = any(r.split(" of ")[0].split(" at ")[0].split()[-1].lower() in lex.title_nouns for r in roles)
    personal = person is not None or honorific is not None or surname_he or (head.pos_ == "PROPN" and titled)
    kind = _kind(head, name, personal, roles)
    if kind is SpeakerKind.PERSON and title is None and person is None and head.pos_ != "PROPN":
        roles.insert(0, name)  # "the spokesman said": the role is all we know
    affiliation = next((m.group(1).strip() for r in roles for m in [_AFFILIATION.search(r)] if m), None)
    country: str | None = None
    if kind is SpeakerKind.STATE:
        country = country_lex.find(name) or name
    else:
        for source in [*roles, affiliation or "", text]:
            country = country_lex.of_role(source) if source in roles else country_lex.find(source)
            if country:
                break
    on_behalf = on_behalf_of(sentence_text)
    return Mention(
        span_start,
        span_end,
        text,
        name,
        kind,
        gender=gender,
        roles=tuple(dict.fromkeys(roles)),
        affiliation=_strip_det(affiliation) if affiliation else None,
        country=country,
        on_behalf_of=on_behalf or None,
        surname_only=kind is SpeakerKind.PERSON and len(name.split()) == 1,
    )


def _word_hyphen(token: Token) -> bool:
    """``token`` the first part of a lower-case word the tokenizer split at its hyphen ("vice-minister")."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text in {"-", "‑"}
        and not token.whitespace_
        and not doc[token.i + 1].whitespace_
        and doc[token.i + 2].text.isalpha()
        and doc[token.i + 2].text.islower()
    )


def _name_hyphen(token: Token, after: Token) -> bool:
    """``token`` a hyphen inside a double-barrelled name, written without space between two capitalized
    parts ("Varga-Lindqvist")."""
    doc = token.doc
    return (
        token.text in {"-", "‑"}
        and token.i >= 1
        and after.i == token.i + 1
        and not token.whitespace_
        and not doc[token.i - 1].whitespace_
        and doc[token.i - 1].text[:1].isupper()
        and after.text[:1].isupper()
    )


def _hyphen_joined(tokens: list[Token]) -> list[Token]:
    """A name's tokens with the capitalized parts a hyphen joins to it without space ("Solberg-" of
    "Ms. Solberg-Amado", "-Baptiste" of "Laurent-Baptiste"), which the parse can leave outside."""
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    while (
        first >= 2
        and doc[first - 1].text in {"-", "‑"}
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
        and doc[first - 2].text[:1].isupper()
    ):
        first -= 2
    while (
        last + 2 < len(doc)
        and doc[last + 1].text in {"-", "‑"}
        and not doc[last].whitespace_
        and not doc[last + 1].whitespace_
        and doc[last + 2].text[:1].isupper()
    ):
        last += 2
    return list(doc[first : last + 1]) if (first, last) != (tokens[0].i, tokens[-1].i) else tokens


def _kind(head: Token, name: str, personal: bool, roles: list[str]) -> SpeakerKind:
    lex = lexicon.speakers()
    countries = lexicon.countries()
    words = set(name.split())
    if name in countries.names:
        return SpeakerKind.STATE
    if personal:
        return SpeakerKind.PERSON
    if head.lemma_.lower() == "delegation":
        return SpeakerKind.STATE
    if words & lex.organization_words:
        return SpeakerKind.ORGANIZATION
    if len(words) == 1 and head.pos_ == "PROPN":  # a bare surname is often tagged ORG by the model
        return SpeakerKind.ORGANIZATION if name.isupper() and len(name) > 1 else SpeakerKind.PERSON
    if head.ent_type_ == "ORG":
        return SpeakerKind.ORGANIZATION
    if head.tag_ in {"NNS", "NNPS"} and (head.lower_ in lex.group_nouns or head.pos_ == "NOUN"):
        return SpeakerKind.GROUP
    if head.lower_ in lex.title_nouns or head.lemma_.lower() in lex.title_nouns:
        return SpeakerKind.PERSON
    if head.pos_ == "PROPN":
        return SpeakerKind.PERSON if head.ent_type_ in {"PERSON", "ORG", ""} or roles else SpeakerKind.UNKNOWN
    return SpeakerKind.UNKNOWN
