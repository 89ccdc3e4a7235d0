"""Cue finding: the reporting expressions in a parsed sentence ("said", "stressing", "calls for",
"according to"), from the lexicon in ``data/cues.json``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from onrecord.attribution import lexicon

Token = Any  # a spaCy Token (spaCy ships no type information)

VERB_TAGS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting expression: its head token index and the token range it covers (end exclusive)."""

    head: int
    start: int
    end: int
    takes_object: bool = False  # what was said is the verb's object ("calls for X")
    phrase: bool = False  # a multi-word cue whose source is its object ("according to X")


def find_cues(sentence: Any) -> list[Cue]:
    """The cues of one spaCy sentence, in order."""
    lex = lexicon.cues()
    found: list[Cue] = []
    tokens = list(sentence)
    for position, token in enumerate(tokens):
        lower = token.lower_
        for phrase in lex.phrases:
            if lower == phrase[0] and [t.lower_ for t in tokens[position : position + len(phrase)]] == list(
                phrase
            ):
                found.append(Cue(token.i, token.i, token.i + len(phrase), phrase=True))
        if token.pos_ not in VERB_TAGS and token.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"}:
            continue
        lemma = token.lemma_.lower()
        if lemma not in lex.speech and lemma not in lex.object_verbs:
            continue
        subject_participle = token.dep_ == "acl" and token.tag_ == "VBG" and token.head.dep_ == "nsubj"
        if token.dep_ in {"amod", "compound", "acl"} and lemma != "say" and not subject_participle:
            continue  # "the stated goal", "a so-called expert" (but "X, noting that ..., said")
        particles = lex.particles.get(lemma, frozenset())
        particle = next(
            (
                c
                for c in token.children
                if c.dep_ in {"prt", "prep"} and c.lower_ in particles and c.i > token.i
            ),
            None,
        )
        if particle is None and token.i + 1 < len(token.doc):  # "called for X to be held to account":
            after = token.doc[token.i + 1]  # the particle opens the clause that is what was said
            if after.lower_ in particles and after.dep_ == "mark" and after.head.head.i == token.i:
                particle = after
        if (
            lemma in lex.needs_particle
            and particle is None
            and not any(c.dep_ == "ccomp" for c in token.children)
        ):
            continue  # "called for X" and "called it imperative that X" are cues; "called him" is not
        end = (particle.i if particle is not None else token.i) + 1
        clause = any(c.dep_ == "ccomp" for c in token.children)
        takes_object = (
            lemma in lex.object_verbs
            and (lemma not in lex.speech or particle is not None)
            and not (particle is None and clause)
        )
        found.append(Cue(token.i, token.i, end, takes_object=takes_object))
    return found
