"""The attribution stage: articles in, statements out (who said what, with the spans that show it).

News path: each paragraph is parsed by spaCy (batched with ``nlp.pipe``); cues, sources and contents
come from the parse (``clauses``), colon attributions from the layout (``layout``), speakers are
resolved across the article (``coref``) and uncued sentences that carry on a speech are attached
(``continuations``). UN Working Group reports take a rule path instead (``unreports``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from onrecord.attribution import nlp as nlp_loader
from onrecord.attribution import unrecords, unreports
from onrecord.attribution.clauses import Candidate, ParagraphReader
from onrecord.attribution.continuations import Piece, plain_continuations, quoted_continuations
from onrecord.attribution.coref import Cluster, Resolver, fuller_name, headline_speakers, speaker_of
from onrecord.attribution.layout import layout_statements
from onrecord.attribution.lexicon import countries as country_lexicon
from onrecord.attribution.lexicon import speakers as speaker_lexicon
from onrecord.attribution.pieces import lightened
from onrecord.attribution.pieces import pieces as parse_pieces
from onrecord.attribution.quotes import find_quotes, paragraphs
from onrecord.attribution.records import RecordReader
from onrecord.attribution.speeches import speech_statements
from onrecord.attribution.turns import turn_continuations
from onrecord.errors import StageError
from onrecord.ingest.speeches import speech_of
from onrecord.models import Article, Genre, Span, Speaker, SpeakerKind, Statement
from onrecord.pipeline import Work
from onrecord.settings import Settings
from onrecord.text import dateline_end


@dataclass(frozen=True, slots=True)
class ParsedParagraph:
    start: int
    doc: Any  # a spaCy Doc of the paragraph's text


class Attributor:
    """Finds the statements of articles. The spaCy model is loaded on first use, once per process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else Settings.load()

    @property
    def nlp(self) -> Any:
        return nlp_loader.load(self.settings.spacy_model)

    def attribute(self, article: Article) -> tuple[Statement, ...]:
        """The statements of one article, in text order."""
        return next(self.attribute_many([article]))

    def attribute_many(self, articles: Iterable[Article]) -> Iterator[tuple[Statement, ...]]:
        """The statements of each article, in input order (paragraphs parsed in batches)."""
        iterator = iter(articles)
        size = self.settings.nlp_batch_size
        while batch := list(islice(iterator, size)):
            news = [a for a in batch if not (a.genre is Genre.UN_REPORT and unreports.is_wg_report(a.text))]
            pieces = [
                (a, after_dateline(a.text, *p))
                for a in news
                for p in parse_pieces(a.text, paragraphs(a.text, lines=a.genre.is_un_record))
            ]
            docs = lightened(self.nlp.pipe((a.text[s:e] for a, (s, e) in pieces), batch_size=size))
            parsed: dict[int, list[ParsedParagraph]] = {id(a): [] for a in news}
            for (article, (start, _end)), doc in zip(pieces, docs, strict=True):
                parsed[id(article)].append(ParsedParagraph(start, doc))
            for article in batch:
                if id(article) in parsed:
                    yield read_news(article.text, parsed[id(article)], article.genre, self.nlp)
                else:
                    yield unreports.attribute_report(article.text)


def read_news(
    text: str, parsed: list[ParsedParagraph], genre: Genre = Genre.NEWS, nlp: Any = None
) -> tuple[Statement, ...]:
    """Statements of a news article (or of a UN meeting record: ``genre``) from its parsed paragraphs;
    ``nlp`` parses a sentence's rest alone where an opening clause hid the subject (news only)."""
    quotes = find_quotes(text)
    candidates: list[Candidate] = []
    people: list[tuple[int, str]] = []
    organizations: list[tuple[int, str]] = []
    sentences: list[tuple[int, int, int, bool, bool]] = []
    honorifics = speaker_lexicon().honorifics
    record = RecordReader(text) if genre.is_un_record else None
    for index, paragraph in enumerate(parsed):
        end = paragraph.start + len(paragraph.doc.text)
        mine = [q for q in quotes if paragraph.start <= q.outer_start < end]
        reparse = nlp if nlp is not None and not genre.is_un_record else None
        reader = ParagraphReader(text, paragraph.doc, paragraph.start, mine, index, reparse)
        if record is not None:
            candidates.extend(record.read(reader, index))
        else:
            found = reader.read()
            if not found:
                found = layout_statements(reader, headline=index == 0 and len(parsed) > 1)
            candidates.extend(found)
        # a Title Case headline (any of a UN record's) runs names into words ("Under-Secretary-General Warns
        # Progress ...")
        title_case = (index == 0 or record is not None) and _title_case(paragraph.doc)
        for ent in paragraph.doc.ents:
            if ent.label_ == "PERSON" and not title_case:  # a Title Case headline runs names into words
                words = [t for t in ent if t.text not in honorifics and not t.is_punct]
                name = paragraph.doc.text[words[0].idx : ent.end_char] if words else ""
                name = " ".join(name.split()).removesuffix("'s").removesuffix("’s").strip()
                offset = paragraph.start + words[0].idx if words else 0
                if record is not None and name:  # "Deputy Secretary-General Ana Example": the name alone
                    bare = unrecords.without_office(paragraph.doc.text[: words[0].idx], name)
                    if bare != name and name.endswith(bare):
                        offset, name = offset + len(name) - len(bare), bare
                if name:
                    people.append((offset, name))
            elif ent.label_ == "ORG" and len(ent) > 1:
                organizations.append((paragraph.start + ent.start_char, ent.text.removeprefix("the ")))
        for sentence in paragraph.doc.sents:
            tokens = [t for t in sentence if not t.is_space]
            if tokens:
                s_start = paragraph.start + tokens[0].idx
                s_end = paragraph.start + tokens[-1].idx + len(tokens[-1].text)
                sentences.append((index, s_start, s_end, _present(sentence), _about_someone(sentence)))
    resolver = Resolver(people, organizations)
    resolved: list[tuple[Candidate, Cluster]] = []
    floors = list(record.floors) if record is not None else []
    dropped: list[Candidate] = []  # statements nobody can be given: they end the running turn
    for candidate in sorted(candidates, key=_reading_order):
        while floors and floors[0][0].start < _reading_order(candidate):
            floor, floor_paragraph = floors.pop(0)  # a speaker on the floor without a reporting verb
            resolver.resolve(floor, floor_paragraph)
        if candidate.mention is None:
            continue
        mention = candidate.mention
        if record is not None:
            mention = unrecords.canonical(candidate.mention)
            if unrecords.is_questioner(mention) or unrecords.is_relayed(mention):  # nobody's statement here
                dropped.append(candidate)
                continue
            if unrecords.is_group_anaphor(mention):  # "The Group called for ...": the group's speaker
                turn = record.turn_at(candidate, resolved)
                if turn is not None and turn.on_behalf_of:
                    resolved.append((replace(candidate, mention=None), turn))
                else:
                    dropped.append(candidate)
                continue
            if unrecords.is_inner_source(mention):  # a report, the media: not a speaker at the meeting
                turn = record.turn_at(candidate, resolved)
                if turn is not None:
                    resolved.append((replace(candidate, mention=None), turn))
                continue
            candidate = replace(candidate, mention=mention)
        cluster = resolver.resolve(mention, candidate.paragraph)
        if record is not None and cluster is None:
            dropped.append(candidate)  # "They warn ..." with nobody they can be: it ends the turn too
        if record is not None and cluster is not None and unrecords.is_meeting_body(cluster.name):
            continue  # "as it continued its debate": the meeting acts, it does not speak
        if cluster is not None:
            resolved.append((candidate, cluster))
    if record is not None:
        resolved = record.settle(resolved, resolver, people)
        dropped += [c for c, k in resolved if unrecords.is_bare_title(k)]  # "The Chair said": who?
        resolved = [(c, k) for c, k in resolved if not unrecords.is_bare_title(k)]
    if record is None:
        resolved = headline_speakers(resolved, _headline_paragraphs(parsed), text)
    clusters = [c for c in resolver.clusters if c.speaks and any(k is c for _, k in resolved)]
    pieces = [_piece(text, c, clusters.index(k), parsed) for c, k in resolved]
    taken = [(c.start, c.end) for c, _ in resolved] + [
        (c.mention.start, c.mention.end) for c, _ in resolved if c.mention
    ]
    taken += [(c.cue[0], c.cue[1]) for c, _ in resolved if c.cue]
    taken += [(c.start, c.end) for c in dropped]
    extra = quoted_continuations(
        text, [(p.start, p.start + len(p.doc.text)) for p in parsed], quotes, pieces, taken
    )
    if genre.is_un_record:
        breaks = [floor.start for floor, _ in record.floors] if record is not None else []
        breaks += [_reading_order(c) for c in dropped]
        extra += turn_continuations(text, sentences, [*pieces, *extra], taken, breaks)
    else:
        extra += plain_continuations(sentences, [*pieces, *extra], taken)
    speakers = _speakers(clusters, resolved, text)
    statements = [
        Statement(
            content=Span.of(text, c.start, c.end),
            speaker=speakers[clusters.index(k)],
            kind=c.kind,
            cue=Span.of(text, *c.cue) if c.cue else None,
            speaker_mention=Span.of(text, c.mention.start, c.mention.end) if c.mention else None,
        )
        for c, k in resolved
    ]
    statements += [
        Statement(Span.of(text, p.start, p.end), speakers[p.speaker], p.kind, continuation=True)
        for p in extra
    ]
    return tuple(sorted((without_dateline(text, s) for s in statements), key=lambda s: s.content.start))


def _headline_paragraphs(parsed: list[ParsedParagraph]) -> set[int]:
    """The paragraphs before the body: the lines of a headline (with its byline, a caption, the page's
    furniture) end in no full stop; the first paragraph that does opens the body."""
    heads: set[int] = set()
    for index, paragraph in enumerate(parsed):
        if paragraph.doc.text.rstrip().endswith((".", "!", "?", '"', "”", "’")):
            break
        heads.add(index)
    return heads


def _reading_order(candidate: Candidate) -> int:
    """Where a statement begins to be read: its content or its speaker's mention, whichever is first."""
    return min(candidate.start, candidate.mention.start if candidate.mention else candidate.start)


def _title_case(doc: Any) -> bool:
    words = [t for t in doc if t.is_alpha and len(t.text) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) > 0.7 * len(words)


def _present(sentence: Any) -> bool:
    """Whether a sentence's main verb is in the present tense or carries a modal."""
    root = sentence.root
    if root.tag_ in {"VBZ", "VBP"}:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP", "MD"} for c in root.children)


def _about_someone(sentence: Any) -> bool:
    """Whether a sentence's subject is a person: a personal pronoun or a person's name."""
    subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    return (
        subject.pos_ == "PRON" and subject.lower_ not in {"it", "this", "that"}
    ) or subject.ent_type_ == "PERSON"


def _piece(text: str, candidate: Candidate, speaker: int, parsed: list[ParsedParagraph]) -> Piece:
    paragraph_start = parsed[candidate.paragraph].start
    first = min(candidate.start, candidate.mention.start if candidate.mention else candidate.start)
    opens = (
        candidate.mention is not None
        and candidate.cue is not None
        and candidate.mention.start < candidate.cue[0] < candidate.start
        and first == paragraph_start
    )
    return Piece(
        candidate.start,
        candidate.end,
        candidate.paragraph,
        speaker,
        candidate.kind,
        candidate.cue[0] if candidate.cue else None,
        opens_paragraph=opens,
    )


def _speakers(clusters: list[Cluster], resolved: list[tuple[Candidate, Cluster]], text: str) -> list[Speaker]:
    aliases: dict[int, list[str]] = {id(c): list(c.names) for c in clusters}
    for candidate, cluster in resolved:
        mention = candidate.mention
        if mention is not None and mention.pronoun is None:
            aliases[id(cluster)].append(mention.text)
    for cluster in clusters:
        if cluster.kind is SpeakerKind.PERSON and len(cluster.name.split()) <= 3:
            full = fuller_name(text, cluster.name)
            if full != cluster.name:
                aliases[id(cluster)].append(cluster.name)
                cluster.name = full
    made = [speaker_of(c, aliases[id(c)]) for c in clusters]
    named = [s for s in made if s.kind is SpeakerKind.PERSON and s.roles and len(s.name.split()) > 1]
    group_nouns = speaker_lexicon().group_nouns
    for i, speaker in enumerate(made):
        if speaker.kind is SpeakerKind.GROUP and speaker.name.split()[-1] in group_nouns and named:
            made[i] = replace(speaker, members=tuple(s.name for s in named))
    return made


class AttributeStage:
    """Pipeline stage: ``article`` -> ``statements``."""

    name: str = "attribute"
    requires: tuple[str, ...] = ("article",)
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self, attributor: Attributor | None = None) -> None:
        self.attributor = attributor if attributor is not None else Attributor()

    def __call__(self, work: Work) -> Work:
        return next(self.pipe([work]))

    def pipe(self, works: list[Work]) -> Iterator[Work]:
        """News and reports go to the attributor in one batch; a speech row is its speaker's."""
        articles = []
        for work in works:
            if work.article is None:
                raise StageError(self.name, "no article to attribute (the clean stage did not run)")
            articles.append(work.article)
        speeches = [speech_of(work.raw.fields) for work in works]
        attributed = self.attributor.attribute_many(
            a for a, sp in zip(articles, speeches, strict=True) if not sp
        )
        for work, article, speech in zip(works, articles, speeches, strict=True):
            statements = speech_statements(article, speech) if speech else next(attributed)
            yield replace(work, statements=statements)


# "GENEVA — ", "NEW YORK -- ", "GENEVA - ": a place in capitals and a dash (a hyphen with space on both
# sides), a dateline without its date; "KUALA LUMPUR: " with a colon only where the place is one the
# country lexicon knows (else "SMITH: " is a speaker's label)
_PLACE_DATELINE = re.compile(
    r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:\s*(—|–|--)\s*|\s+(-)\s+|(:)\s+)(?=\S)"
)


def _dateline_end(text: str, start: int, end: int) -> int | None:
    """Where a dateline opening ``text[start:end]`` ends: one with its date, or a place alone."""
    found = dateline_end(text, start, end)
    if found is not None:
        return found
    match = _PLACE_DATELINE.match(text, start, end)
    if match is None or len(match.group(1)) < 3 or match.end() >= end:
        return None
    if match.group(4):
        place = match.group(1).title()
        if country_lexicon().lookup.get(place) is None:
            return None
    return match.end()


def after_dateline(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph ``text[start:end]`` without the dateline that opens it, if one does: the parser reads
    "GENEVA, 3 March 2025 -- The delegate ... told" as a sentence whose subject is GENEVA otherwise."""
    found = _dateline_end(text, start, end)
    return (found, end) if found is not None else (start, end)


def without_dateline(text: str, statement: Statement) -> Statement:
    """The statement with a dateline that opens its paragraph left out of its content."""
    content = statement.content
    line_start = text.rfind("\n", 0, content.start) + 1
    if text[line_start : content.start].strip():
        return statement
    found = _dateline_end(text, content.start, content.end)
    if found is None:
        return statement
    return replace(statement, content=Span.of(text, found, content.end))
