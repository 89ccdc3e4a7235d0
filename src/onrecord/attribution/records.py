"""Reading the UN's own meeting records paragraph by paragraph (meeting coverage, summaries, briefings).

The parse finds most statements (``clauses``); this reader adds what the genre needs around it:

* headlines in Title Case are attributed by their layout (``headlines``), once each;
* "X, for OHCHR, read the following statement:" makes the next paragraph X's words;
* "..., the Third Committee was told today" names the addressee, not the speaker: the statement waits
  for the first person who speaks in the body (``agentless``);
* a cue in the past perfect inside a speaker's turn ("Kenya had noted recommendations ...") is reported
  speech, not a new speaker;
* reporting clauses with less than ``MIN_CONTENT`` characters of content ("described the vote as
  shocking") are topic-only acts, not statements;
* where the small parser misreads a formulaic sentence ("China's delegate opposed attempts to ...",
  parsed with "opposed" as an adjective), a rule reads it: a speaker phrase the record uses (a State's
  delegate, a State, a person the parse named, a collective, an office, a pronoun), a reporting verb
  in the past tense, and the rest of the sentence as what was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from onrecord.attribution import headlines, lexicon, unrecords
from onrecord.attribution.clauses import Candidate, ParagraphReader
from onrecord.attribution.coref import Cluster, Resolver
from onrecord.attribution.speakers import Mention, analyse, on_behalf_of
from onrecord.models import SpeakerKind, StatementKind

TURN_PARAGRAPHS = 3  # how far a turn of speech reaches to take in what an inner source "said"
MIN_CONTENT = 26  # characters: shorter is a topic-only act ("described the vote as shocking")
_ANNOUNCE = re.compile(r"\b(?:the\s+)?following\s+(?:joint\s+)?(?:statement|remarks|message)\s*:\s*$", re.I)
_PASSIVE_ADDRESSEE = frozenset({"tell", "inform", "brief"})
_LEAD_IN = frozenset({"VBG", "IN", "RB", "VBN"})  # "Echoing his stance, ...", "In his presentation, ..."
_PARTICLES = frozenset({"to", "on", "for", "out", "that", "with"})


@dataclass
class RecordReader:
    """The state carried from paragraph to paragraph of one record."""

    text: str
    seen_headlines: set[str] = field(default_factory=set)
    agentless: list[Candidate] = field(default_factory=list)
    announced: tuple[tuple[int, int], Mention] | None = None  # cue and speaker of "the following statement:"
    # a headline wrapped over lines: the line with no statement before one that opens with its content,
    # and the statement a line ending with "," or ";" leaves open for the next
    unattributed: tuple[int, int, int] | None = None  # start, end, paragraph
    open_headline: Candidate | None = None
    headlines: set[int] = field(default_factory=set)  # the paragraphs that are headlines
    # speakers who take the floor without a reporting verb ("Singapore's delegate introduced an
    # amendment."): the running turn ends there and a later "she said" is theirs
    floors: list[tuple[Mention, int]] = field(default_factory=list)

    def read(self, reader: ParagraphReader, index: int) -> list[Candidate]:
        """The cued statements of paragraph ``index`` of the record."""
        doc, offset = reader.doc, reader.offset
        start, end = offset, offset + len(doc.text)
        line = self.text[start:end]
        if self.announced is not None:
            cue, mention = self.announced
            self.announced = None
            content = _content_range(self.text, start, end)
            if content is not None:
                kind = StatementKind.DIRECT if line.lstrip()[:1] in '“"' else StatementKind.INDIRECT
                return [Candidate(*content, kind, index, cue, mention)]
        if headlines.is_headline(line):
            if line in self.seen_headlines:
                return []
            self.seen_headlines.add(line)
            self.headlines.add(index)
            return self._headline(line, start, end, index)
        self.unattributed = self.open_headline = None
        label = _LABEL.match(line)
        if label is not None and label.group("label").lower() in unrecords.question_labels():
            return []  # "Question:  ...": a journalist's question is nobody's statement
        labelled = _labelled(self.text, start, end, index)
        if labelled is not None:  # "Deputy Spokesperson:  No decision has been taken ..."
            return [labelled]
        found: list[Candidate] = []
        for candidate in reader.read():
            head = _cue_head(doc, offset, candidate)
            if head is not None and _addressee_told(head):
                self.agentless.append(replace(candidate, mention=None))
            elif head is not None and _backshifted(head) and candidate.mention is not None:
                continue
            elif head is not None and head.dep_ == "relcl" and _document(candidate.mention):
                continue  # "an amendment that would reaffirm ...": what a text does, not what was said
            elif candidate.end - candidate.start >= MIN_CONTENT:
                found.append(candidate)
        cues = [c.cue for c in found if c.cue is not None]
        found = [c for c in found if not any(c.start <= q[0] and q[1] <= c.end for q in cues if q != c.cue)]
        for sentence in doc.sents:
            s_start, s_end = offset + sentence.start_char, offset + sentence.end_char
            if any(c.start < s_end and s_start < c.end for c in found):
                continue
            announced = self._announcement(sentence, offset)
            if announced is not None:
                self.announced = announced
                continue
            rule = _rule_statement(self.text, sentence, offset, index)
            if rule is not None:
                found.append(rule)
            elif (floor := _floor(sentence)) is not None:
                self.floors.append((floor.moved(offset), index))
        return sorted(found, key=lambda c: c.start)

    def turn_at(self, candidate: Candidate, resolved: list[tuple[Candidate, Cluster]]) -> Cluster | None:
        """The speaker whose turn is running where an inner source "says" something (never a headline's,
        and only a few paragraphs on)."""
        turn = next((r for r in reversed(resolved) if r[0].paragraph not in self.headlines), None)
        if turn is None or candidate.paragraph - turn[0].paragraph > TURN_PARAGRAPHS:
            return None
        return turn[1]

    def settle(
        self, resolved: list[tuple[Candidate, Cluster]], resolver: Resolver, people: list[tuple[int, str]]
    ) -> list[tuple[Candidate, Cluster]]:
        """The record's statements once every speaker is known: an office's given to its holder, and an
        agentless headline's to the first person who speaks in the body."""
        named = unrecords.holders_named(self.text, people)
        for cluster in {id(k): k for _, k in resolved}.values():  # "..., Deputy Spokesperson for ...,"
            if (
                cluster.kind is SpeakerKind.PERSON
                and unrecords.is_post(cluster.name)
                and cluster.name not in named
            ):
                holders = unrecords.post_holders(self.text, people, cluster.name)
                if holders:
                    named[cluster.name] = holders
        resolved = _office_holders(resolved, resolver, named)
        return _agentless(resolved, self.agentless)

    def _headline(self, line: str, start: int, end: int, index: int) -> list[Candidate]:
        made = [
            Candidate(h.start, h.end, StatementKind.INDIRECT, index, h.cue, h.mention)
            for h in headlines.headline_statements(self.text, start, end)
        ]
        c_start, c_end = _content_range(self.text, start, end) or (start, start)
        c_start = start + len(line) - len(re.sub(r"^(?:Yet|But|And|Also|However),?\s+", "", line))
        if not made and self.open_headline is not None and c_end > c_start:
            made = [replace(self.open_headline, start=c_start, end=c_end, paragraph=index)]
        elif made and self.unattributed is not None and made[0].start == start:
            u_start, u_end, u_index = self.unattributed
            made.insert(0, replace(made[0], start=u_start, end=u_end, paragraph=u_index))
        self.unattributed = (start, end, index) if not made else None
        self.open_headline = made[-1] if made and line.rstrip().endswith((",", ";")) else None
        found = []
        for candidate in made:
            if candidate.mention is None:
                self.agentless.append(candidate)
            else:
                found.append(candidate)
        return found

    def _announcement(self, sentence: Any, offset: int) -> tuple[tuple[int, int], Mention] | None:
        if not _ANNOUNCE.search(sentence.text):
            return None
        verb = sentence.root
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return None
        mention = analyse(subject, sentence.text)
        if mention is None or mention.pronoun is not None:
            return None
        cue = (offset + verb.idx, offset + verb.idx + len(verb.text))
        return cue, mention.moved(offset)


_LABEL = re.compile(r"^\s*(?P<label>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s*:\s+")


def _labelled(text: str, start: int, end: int, index: int) -> Candidate | None:
    """A transcript's answer under its speaker's title ("Deputy Spokesperson:  ..."): the whole paragraph
    is the words of the post the label names (a question's label names no speaker)."""
    match = _LABEL.match(text[start:end])
    if match is None:
        return None
    label = match.group("label")
    if (
        label.split()[-1].lower() not in lexicon.speakers().title_nouns
        and unrecords.office_name(label) is None
    ):
        return None
    content = _content_range(text, start + match.end(), end)
    if content is None:
        return None
    l_start, l_end = start + match.start("label"), start + match.end("label")
    colon = start + text[start:end].index(":", match.end("label"))
    mention = Mention(l_start, l_end, label, label, SpeakerKind.PERSON, roles=(label,))
    return Candidate(*content, StatementKind.DIRECT, index, (colon, colon + 1), unrecords.canonical(mention))


def _document(mention: Mention | None) -> bool:
    """Whether a cue's source is a text or other inner source rather than someone at the meeting."""
    return (
        mention is not None
        and mention.pronoun is None
        and unrecords.is_inner_source(unrecords.canonical(mention))
    )


def _floor(sentence: Any) -> Mention | None:
    """The speaker a sentence without a reporting verb puts on the floor: a State's delegate or a person
    named in full as the subject of its main verb ("Before the vote, Singapore's delegate introduced an
    amendment"), else None."""
    subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
    if subject is None or sentence.root.pos_ not in {"VERB", "AUX"}:
        return None
    mention = analyse(subject, sentence.text)
    if mention is None or mention.pronoun is not None:
        return None
    mention = unrecords.canonical(mention)
    words = set(re.sub(r"[’']s\b", "", mention.text.lower()).split())
    if mention.kind is SpeakerKind.STATE and words & lexicon.speakers().state_agents:
        return mention
    if mention.kind is SpeakerKind.PERSON and unrecords.office_name(mention.name) is not None:
        return mention  # "The Secretary-General is deeply concerned ...  He reiterates ..."
    if (
        mention.kind is SpeakerKind.PERSON
        and subject.ent_type_ == "PERSON"  # a person the parse names, not "the UN General Assembly"
        and len(mention.name.split()) >= 2
        and not unrecords.is_title(mention.name)
        and unrecords.office_name(mention.name) is None
    ):
        return mention
    return None


def _content_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in "“\"'‘"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "”\"'’"):
        end -= 1
    return (start, end) if end - start >= MIN_CONTENT else None


def _cue_head(doc: Any, offset: int, candidate: Candidate) -> Any | None:
    if candidate.cue is None:
        return None
    start = candidate.cue[0] - offset
    return next((t for t in doc if t.idx == start), None)


def _addressee_told(head: Any) -> bool:
    """ "the Third Committee was told": a passive cue whose subject is the one spoken to."""
    return head.lemma_.lower() in _PASSIVE_ADDRESSEE and any(c.dep_ == "auxpass" for c in head.children)


def _backshifted(head: Any) -> bool:
    """A cue in the past perfect ("had noted"): what a speaker reports, not a new speaker."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children)


def _rule_statement(text: str, sentence: Any, offset: int, index: int) -> Candidate | None:
    """A formulaic sentence the parse misread: "[Lead-in,] SPEAKER[, apposition,] VERBED CONTENT"."""
    cues = lexicon.cues()
    tokens = [t for t in sentence if not t.is_space]
    if len(tokens) < 6:
        return None
    first = 0
    if tokens[0].tag_ in _LEAD_IN:  # skip a lead-in clause up to its comma
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is None or comma > 12:
            return None
        first = comma + 1
    verb_at = next(
        (
            i
            for i, t in enumerate(tokens[first:], start=first)
            if t.tag_ in {"VBD", "VBN"}
            and t.lemma_.lower() in (cues.speech | cues.object_verbs)
            and i > first
            and t.text[:1].islower()
        ),
        None,
    )
    if verb_at is None or verb_at - first > 25:
        return None
    subject_end = next((i for i in range(first, verb_at) if tokens[i].text == ","), verb_at)
    s_start = offset + tokens[first].idx
    s_end = offset + tokens[subject_end - 1].idx + len(tokens[subject_end - 1].text)
    mention = _phrase_mention(text, s_start, s_end, tokens[first:subject_end], sentence.text)
    if mention is None:
        return None
    content_first = verb_at + 1
    while content_first < len(tokens) and tokens[content_first].lower_ in _PARTICLES:
        content_first += 1
    if content_first >= len(tokens):
        return None
    c_start = offset + tokens[content_first].idx
    c_end = offset + tokens[-1].idx + len(tokens[-1].text)
    while c_end > c_start and text[c_end - 1] in ".;:,":
        c_end -= 1
    if c_end - c_start < MIN_CONTENT:
        return None
    verb = tokens[verb_at]
    cue = (offset + verb.idx, offset + verb.idx + len(verb.text))
    return Candidate(c_start, c_end, StatementKind.INDIRECT, index, cue, mention)


def _phrase_mention(text: str, start: int, end: int, tokens: list[Any], sentence: str) -> Mention | None:
    """What a speaker phrase of a meeting record names: a State's delegate, a State, a collective, an
    office, a person the parse named, or a pronoun."""
    named = unrecords.named_speaker(text, start, end)
    if named is not None:
        return replace(named, on_behalf_of=on_behalf_of(sentence))
    if len(tokens) == 1 and tokens[0].lower_ in {"he", "she", "they"}:
        pronoun = analyse(tokens[0])
        return pronoun.moved(start - tokens[0].idx) if pronoun is not None else None
    people = [t for t in tokens if t.ent_type_ == "PERSON"]
    if people and len(tokens) <= 6:
        words = [t.text for t in people if t.text not in lexicon.speakers().honorifics]
        if words:
            name = " ".join(words)
            return Mention(
                start, end, text[start:end], name, SpeakerKind.PERSON, surname_only=len(words) == 1
            )
    return None


def _office_holders(
    resolved: list[tuple[Candidate, Cluster]], resolver: Resolver, named_holders: dict[str, set[str]]
) -> list[tuple[Candidate, Cluster]]:
    """Statements of an office ("the High Commissioner", "President") given to its holder where the record
    names exactly one ("High Commissioner Zeid", "Secretary-General António Guterres", "Zeid, the High
    Commissioner"), and of a post ("Head of the Fact-Finding Mission") to the person whose role it is."""
    holders = {post: [resolver.person_named(n) for n in names] for post, names in named_holders.items()}
    people = [c for c in resolver.clusters if c.kind is SpeakerKind.PERSON]
    for cluster in people:
        office = unrecords.holder_office(cluster.roles)
        if office is not None and cluster.name != office and cluster not in holders.setdefault(office, []):
            holders[office].append(cluster)
    named = [c for c in people if c.roles and c.names]
    moved: list[tuple[Candidate, Cluster]] = []
    for candidate, cluster in resolved:
        found: list[Cluster] = []
        if cluster.kind is SpeakerKind.PERSON:
            found = holders.get(cluster.name, [])
            if not found and " " not in cluster.name:  # a bare title: the one post of that title
                posts = [h for post, h in holders.items() if cluster.name.lower() in post.lower().split()]
                found = posts[0] if len(posts) == 1 else []
            if not found and unrecords.is_title(cluster.name):
                found = [c for c in named if c is not cluster and unrecords.same_post(cluster.name, c.roles)]
            if not found and unrecords.is_post(cluster.name):  # "Special Envoy": the one person of that role
                found = [c for c in named if c is not cluster and unrecords.holds_post(cluster.name, c.roles)]
        if len(found) == 1:
            found[0].speaks = True
            cluster = found[0]
        moved.append((candidate, cluster))
    return moved


def _agentless(
    resolved: list[tuple[Candidate, Cluster]], agentless: list[Candidate]
) -> list[tuple[Candidate, Cluster]]:
    """ "..., the Third Committee was told": the statement of the first person who speaks after it."""
    if not agentless:
        return resolved
    last = max(a.paragraph for a in agentless)
    person = next((k for c, k in resolved if k.kind is SpeakerKind.PERSON and c.paragraph > last), None)
    if person is None:
        return resolved
    return sorted([*resolved, *((a, person) for a in agentless)], key=lambda pair: pair[0].start)
