"""Cued statements in one parsed paragraph: for each cue, its source mention and its content.

The content is, in order of preference: the quotation the cue's clause sits next to or inside; the
cue's clausal complement (``ccomp``: "Wang said *human rights protection is an ongoing process*"); the
object of an object-taking cue ("calls for *respect for diversity*"); for "according to X", the rest of
the sentence; for a cue the parser hangs off the clause it reports ("X is Y, he said" read as
parataxis), the sentence before the cue's clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from onrecord.attribution import lexicon
from onrecord.attribution.cues import Cue, find_cues
from onrecord.attribution.quotes import Quote
from onrecord.attribution.speakers import Mention, analyse
from onrecord.models import StatementKind

Token = Any
Doc = Any

_TRIM = frozenset(",.;:—–-\"“”'‘’«»()[]")
_JOINER = re.compile(r"^[\s,;:—–-]*$")
_MIN_WORDS = 2
_ADDRESSED = frozenset({"ask", "question", "quiz", "press"})  # a participle whose subject was spoken to


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement before its speaker is resolved: character offsets into the article text."""

    start: int
    end: int
    kind: StatementKind
    paragraph: int
    cue: tuple[int, int] | None = None
    mention: Mention | None = None
    continuation: bool = False


def _subject(verb: Token, depth: int = 0) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "expl"}:
            if child.dep_ == "expl":
                return None
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.lemma_.lower() in _ADDRESSED:
        return None  # "Asked whether ..., he said": the question was put to him, he did not ask it
    if depth < 3 and verb.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl"} and verb.head is not verb:
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in {"nsubj", "nsubjpass"}:
            return verb.head  # "China's delegate, noting that ..., called ...": the subject notes
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            noun = verb.head  # "released a statement saying ...": the statement's sender speaks
            if noun.lemma_.lower() not in lexicon.cues().message_nouns or noun.head is noun:
                return None
            return _subject(noun.head, depth + 1) if noun.dep_ in {"dobj", "pobj"} else None
        head = verb.head
        # "He stressed that only States could prosecute ..., and urged the Council ...": a reporting verb
        # joined to a verb of what was said continues the report, not what was reported
        joined = verb.dep_ == "conj" and head.dep_ == "ccomp"
        if joined and _reports(verb) and _reports(head.head) and not _reports(head):
            return _subject(head.head, depth + 1)
        return _subject(head, depth + 1)
    return None


def _finite(doc: Doc, start: int, end: int) -> bool:
    """Whether the tokens ``start:end`` hold a clause of their own: a verb with its subject there."""
    return any(
        t.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in {"nsubj", "nsubjpass"} and start <= c.i < end for c in t.children)
        for t in doc[start:end]
    )


def _reports(verb: Token) -> bool:
    """Whether ``verb`` is a verb of saying (its lemma a speech cue)."""
    words = lexicon.cues()
    return verb.pos_ in {"VERB", "AUX"} and (
        verb.lemma_.lower() in words.speech or verb.lemma_.lower() in words.object_verbs
    )


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without surrounding punctuation, quotation marks and a leading 'that'."""
    while start < end and (doc[start].text in _TRIM or doc[start].is_space or doc[start].text == "''"):
        start += 1
    if start < end and doc[start].lower_ == "that" and doc[start].dep_ == "mark":
        start += 1
    while end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space or doc[end - 1].text == "''"):
        end -= 1
    return start, end


def _words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_alpha or t.like_num)


def _next_speech(comps: list[Token], head: Token) -> int:
    """Where a second speech act inside the reported clause begins (", telling reporters that ...",
    "... and promised to stay out of it")."""
    lex = lexicon.cues()
    end = 10**9
    for comp in comps:
        for token in comp.subtree:
            lemma = token.lemma_.lower()
            if (
                token.i > comp.i
                and token.dep_ in {"advcl", "conj"}
                and (lemma in lex.speech or lemma in lex.object_verbs)
                and (token.tag_ == "VBG" or token.dep_ == "conj")
                # "reservations continued to undermine ...": a clause-only verb with an infinitive
                and not (lemma in lex.clause_only and any(c.dep_ == "xcomp" for c in token.children))
            ):
                end = min(end, token.left_edge.i)
            elif token.i > comp.i and _message_clause(token) is not None:
                end = min(end, token.left_edge.i)  # "... issued a statement, in which he said that ..."
    return end


def _message_clause(verb: Token) -> Token | None:
    """The sender of the message a relative clause reports ("X issued a video statement, in which he
    said ...": X), where ``verb`` is a reporting verb in a clause on a message noun."""
    lex = lexicon.cues()
    noun = verb.head
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in lex.speech:
        return None
    if any(c.lower_ == "which" for t in verb.lefts for c in (t, *t.children)):
        # "a message from X on the Day against Y, in which he said": the parse may hang the clause on
        # the last noun of the message's prepositional tail; climb back to the message
        for _ in range(4):
            if noun.lemma_.lower() in lex.message_nouns or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
                break
            noun = noun.head.head
    if noun.lemma_.lower() not in lex.message_nouns or noun.dep_ not in {"dobj", "nsubjpass"}:
        return None
    for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"from", "by"}):
        sender = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if sender is not None:  # "read out a message from the Secretary-General": the sender is named
            return sender
    return next((c for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"} and c is not noun), None)


def _quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    return next((q for q in quotes if q.outer_start <= start and end <= q.outer_end), None)


def _adjacent_quote(text: str, quotes: list[Quote], clause_start: int, clause_end: int) -> Quote | None:
    """A quotation written right before ("...," he said) or right after (he said: "...") a clause."""
    before = [
        q for q in quotes if q.outer_end <= clause_start and _JOINER.match(text[q.outer_end : clause_start])
    ]
    if before:
        return before[-1]
    after = [
        q for q in quotes if q.outer_start >= clause_end and _JOINER.match(text[clause_end : q.outer_start])
    ]
    return after[0] if after else None


class ParagraphReader:
    """Finds the cued statements of one paragraph parsed as ``doc`` at ``offset`` in the article."""

    def __init__(
        self,
        text: str,
        doc: Doc,
        offset: int,
        quotes: list[Quote],
        paragraph: int,
        reparse: Callable[[str], Doc] | None = None,
    ) -> None:
        self.text = text  # the whole article text
        self.doc = doc
        self.offset = offset
        self.quotes = quotes
        self.paragraph = paragraph
        self.reparse = reparse  # parses a stretch of text alone (``_after_opening``), where given

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets in the article of the token range ``start:end``."""
        doc = self.doc
        return self.offset + doc[start].idx, self.offset + doc[end - 1].idx + len(doc[end - 1].text)

    def read(self) -> list[Candidate]:
        found: list[Candidate] = []
        for sentence in self.doc.sents:
            for cue in find_cues(sentence):
                candidate = self._statement(sentence, cue)
                if candidate is not None and not any(
                    c.start < candidate.end and candidate.start < c.end for c in found
                ):
                    found.append(candidate)
        return sorted(found, key=lambda c: c.start)

    def _statement(self, sentence: Any, cue: Cue) -> Candidate | None:
        doc = self.doc
        head = doc[cue.head]
        cue_chars = self.chars(cue.start, cue.end)
        if _quote_at(self.quotes, *cue_chars):
            return None  # a reporting verb inside a quotation belongs to the quoted speech
        sentence_text = sentence.text
        if cue.phrase:
            return self._according_to(sentence, cue, cue_chars, sentence_text)
        subject = _subject(head)
        if subject is not None and subject.pos_ == "PRON" and (sender := _message_clause(head)) is not None:
            subject = sender  # "X issued a statement, in which he said ...": "he" is X
        if subject is None:
            return self._after_opening(sentence, cue)
        mention = analyse(subject, sentence_text)
        if mention is None:
            return None
        mention = mention.moved(self.offset)
        subject_range = (subject.left_edge.i, subject.right_edge.i + 1)
        content = self._content(sentence, head, cue, subject_range)
        if content is None:
            return None
        start, end, kind = content
        if start < mention.end and mention.start < end:
            return None  # the content cannot hold its own source
        return Candidate(start, end, kind, self.paragraph, cue_chars, mention)

    def _after_opening(self, sentence: Any, cue: Cue) -> Candidate | None:
        """The statement of a cue the parse gave no subject because a clause set off by a comma opens
        the sentence ("Introducing the text, Italy's ambassador, Ann Example, said ...", "Leading the
        delegation at the review, which ..., Minister Ann Example said ...", "Hunger is a weapon, the
        Special Rapporteur, Ann Example, told the Council"): the rest of the sentence after one of the
        commas is parsed alone, and read where the cue's subject opens it. The opening clause is what
        was said only when it is a clause of its own (a verb with its subject) and nothing is said after
        the cue; a participle or a prepositional phrase opening the sentence is the reporter's."""
        doc, head = self.doc, self.doc[cue.head]
        first = sentence[0]
        opener = (
            first.tag_ in {"VBG", "VBN"} or first.pos_ == "ADP" or _finite(doc, sentence.start, cue.start)
        )
        if self.reparse is None or cue.phrase or head.tag_ not in {"VBD", "VBZ", "VBP"} or not opener:
            return None
        for comma in (t for t in doc[sentence.start : cue.start] if t.text == ","):
            rest = comma.i + 1
            while rest < cue.start and doc[rest].is_space:
                rest += 1
            start_char = doc[rest].idx
            alone = self.reparse(doc.text[start_char : sentence.end_char])
            reader = ParagraphReader(self.text, alone, self.offset + start_char, self.quotes, self.paragraph)
            verb = next((t for t in alone if t.idx == head.idx - start_char), None)
            if verb is None:
                continue
            subject = _subject(verb)
            if subject is None or subject.left_edge.i != 0 or subject.pos_ not in {"NOUN", "PROPN"}:
                continue
            sub_cue = next((c for c in find_cues(verb.sent) if c.head == verb.i), None)
            if sub_cue is None:
                return None
            found = reader._statement(verb.sent, sub_cue)
            if found is not None:
                return found
            if not _finite(doc, sentence.start, comma.i):
                return None
            mention = analyse(subject, sentence.text)
            content = self.classify(sentence.start, comma.i)
            if mention is None or content is None:
                return None
            start, end, kind = content
            return Candidate(
                start, end, kind, self.paragraph, self.chars(cue.start, cue.end), mention.moved(reader.offset)
            )
        return None

    def classify(self, start: int, end: int) -> tuple[int, int, StatementKind] | None:
        """Character range and kind for the content token range ``start:end``."""
        start, end = _trim(self.doc, start, end)
        if end <= start or _words(self.doc, start, end) < _MIN_WORDS:
            return None
        c_start, c_end = self.chars(start, end)
        inside = _quote_at(self.quotes, c_start, c_end)
        if inside is not None:
            return inside.start, inside.end, StatementKind.DIRECT
        touching = [q for q in self.quotes if q.start < c_end and c_start < q.end]
        if touching:
            c_end = max([c_end, *(q.end for q in touching if q.start >= c_start)])
            return c_start, c_end, StatementKind.MIXED
        return c_start, c_end, StatementKind.INDIRECT

    def _content(
        self, sentence: Any, head: Token, cue: Cue, subject: tuple[int, int]
    ) -> tuple[int, int, StatementKind] | None:
        doc = self.doc
        lex = lexicon.cues()
        lemma = head.lemma_.lower()
        clause_start = min(subject[0], cue.start)
        clause_end = max(subject[1], cue.end)
        if not cue.takes_object:
            comps = [
                c
                for c in head.children
                if c.dep_ in {"ccomp", "parataxis"} and not subject[0] <= c.i < subject[1]
            ]
            if comps:
                comp = comps[0] if comps[0].dep_ == "ccomp" else comps[-1]
                comps = [c for c in comps if c.dep_ == comp.dep_ and (c.i < head.i) == (comp.i < head.i)]
                start = min(c.left_edge.i for c in comps)
                end = min(max(c.right_edge.i for c in comps) + 1, _next_speech(comps, head))
                if comp.i < head.i and start > sentence.start and doc[start - 1].dep_ == "cc":
                    start = sentence.start  # "X, but Y, experts said": what was said runs from the start
                found = self.classify(start, end)
                if found is not None:
                    return found
            found = self._that_clause(head)
            if found is not None:
                return found
            quote = _adjacent_quote(self.text, self.quotes, *self.chars(clause_start, clause_end))
            if quote is not None and len(self.text[quote.start : quote.end].split()) >= _MIN_WORDS:
                return quote.start, quote.end, StatementKind.DIRECT
        if cue.takes_object or lemma in lex.object_verbs or lemma not in lex.clause_only:
            objects = [c for c in head.children if c.dep_ in {"dobj", "xcomp"} and c.i > head.i]
            particle = doc[cue.end - 1]
            if particle.i != head.i:
                objects += [c for c in particle.children if c.dep_ == "pobj"]
                if particle.dep_ == "mark":  # "called for X to be held ...": the clause it opens
                    objects.append(particle.head)
            if objects:
                start = max(min(o.left_edge.i for o in objects), cue.end)
                end = max(o.right_edge.i for o in objects) + 1
                if doc[start].lower_ == "that" and doc[start].dep_ == "det" and start == cue.end:
                    # "underlined that starvation ... is prohibited": a that-clause the parse read as an
                    # object, its verb hung on the cue without a subject of its own
                    verbs = [
                        c
                        for c in head.rights
                        if c.dep_ == "conj"
                        and c.i > end - 1
                        and any(g.dep_ in {"aux", "auxpass"} for g in c.children)
                        and not any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in c.children)
                    ]
                    if verbs:
                        return self.classify(start + 1, max(v.right_edge.i for v in verbs) + 1)
                for child in head.rights:  # "calls for X to improve Y": purpose clauses belong to X
                    if child.i >= end and child.dep_ in {"advcl", "prep", "xcomp"} and child.tag_ != "VBG":
                        end = max(end, child.right_edge.i + 1)
                return self.classify(start, end)
            if cue.takes_object:
                return None
        if (
            head.dep_ in {"parataxis", "advcl", "conj", "ccomp"}
            and head.head.i < clause_start
            and head.right_edge.i + 1 >= sentence.end - 1
        ):  # "The economy is weak, he said": the parser hung the cue off the clause it reports
            return self.classify(sentence.start, clause_start)
        last = head.right_edge.i
        if (
            head.dep_ == "parataxis"
            and head.head.i < clause_start
            and doc[last].text == ","
            and last + 1 < sentence.end
            and doc[last + 1].dep_ == "cc"
        ):  # "The law is clear, she said, and every State must ...": what was said before the aside
            return self.classify(sentence.start, clause_start)
        return None

    def _that_clause(self, head: Token) -> tuple[int, int, StatementKind] | None:
        """A that-clause hung on the cue's object ("noted with concern that X", "expressed regret that
        X", "expressed the hope that X"): X is what was said."""
        for token in head.subtree:
            if token.i <= head.i or token.dep_ not in {"acl", "ccomp", "relcl"}:
                continue
            mark = next((c for c in token.children if c.dep_ == "mark" and c.lower_ == "that"), None)
            up, steps = token.head, 0
            while up.i != head.i and up.dep_ in {"prep", "pobj", "dobj"} and steps < 4:
                up, steps = up.head, steps + 1
            if mark is not None and up.i == head.i:
                return self.classify(mark.i + 1, token.right_edge.i + 1)
        return None

    def _according_to(
        self, sentence: Any, cue: Cue, cue_chars: tuple[int, int], sentence_text: str
    ) -> Candidate | None:
        doc = self.doc
        to = doc[cue.end - 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = (
                doc[cue.end]
                if cue.end < sentence.end and doc[cue.end].pos_ in {"PROPN", "NOUN", "PRON"}
                else None
            )
        if source is None:
            return None
        mention = analyse(source, sentence_text)
        if mention is None:
            return None
        phrase_start = doc[cue.start].left_edge.i if doc[cue.start].dep_ == "prep" else cue.start
        phrase_end = max(cue.end, source.right_edge.i + 1)
        before = (sentence.start, phrase_start)
        after = (phrase_end, sentence.end)
        side = after if _words(doc, *after) >= _words(doc, *before) else before
        found = self.classify(*side)
        if found is None:
            return None
        start, end, kind = found
        return Candidate(start, end, kind, self.paragraph, cue_chars, mention.moved(self.offset))
