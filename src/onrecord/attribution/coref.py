"""One canonical speaker per source in an article: names, surnames and pronouns brought together.

Person names cluster when the words of one are among the words of the other ("Wang" and "Wang Yi",
"Mr. Sanders" and "Bernie Sanders"); names the parser tagged PERSON anywhere in the article are known
too, so "Mr. Sanders said" takes the full name written earlier. A pronoun ("he", "she") goes to the
nearest earlier compatible person, preferring the last person quoted; "they" and "it" go to the
nearest earlier group, organization or State quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from onrecord.attribution.lexicon import speakers
from onrecord.attribution.speakers import Mention
from onrecord.models import Speaker, SpeakerKind

if TYPE_CHECKING:
    from onrecord.attribution.clauses import Candidate

_PERSONAL = {"he", "she", "him", "her"}
_FUNCTION = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "and",
    "but",
    "while",
    "when",
    "after",
    "before",
    "said",
    "by",
}


@dataclass
class Cluster:
    """A speaker being assembled from its mentions (mutable while the article is read)."""

    name: str
    kind: SpeakerKind
    gender: str | None = None
    last_seen: int = -1
    last_paragraph: int = -1
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    on_behalf_of: str | None = None
    speaks: bool = False
    agent_spoke: bool = False  # a State that spoke through its delegate ("the representative of X")

    @property
    def words(self) -> set[str]:
        return {w for n in self.names for w in n.split()}

    def absorb(self, mention: Mention, paragraph: int) -> None:
        if mention.pronoun is None:
            if mention.name not in self.names:
                self.names.append(mention.name)
            if self.kind is SpeakerKind.PERSON and len(mention.name.split()) > len(self.name.split()):
                self.name = mention.name
            for role in mention.roles:
                if role not in self.roles and role != self.name:
                    self.roles.append(role)
            self.affiliation = self.affiliation or mention.affiliation
            self.country = self.country or mention.country
            self.on_behalf_of = self.on_behalf_of or mention.on_behalf_of
        if self.kind is SpeakerKind.UNKNOWN and mention.kind is not SpeakerKind.UNKNOWN:
            self.kind = mention.kind
        self.gender = self.gender or mention.gender
        if mention.kind is SpeakerKind.STATE and set(mention.text.lower().split()) & speakers().state_agents:
            self.agent_spoke = True
        self.last_seen = max(self.last_seen, mention.start)
        self.last_paragraph = max(self.last_paragraph, paragraph)


class Resolver:
    """Resolves mentions, in reading order, to clusters."""

    def __init__(
        self, people: list[tuple[int, str]], organizations: list[tuple[int, str]] | None = None
    ) -> None:
        self.clusters: list[Cluster] = []
        self.people = sorted(people)  # (offset, name) of every PERSON name in the article
        self._seen_people = 0
        self.organizations = sorted(organizations or [])  # (offset, name) of organization names, for "it"
        self.last_speaker: Cluster | None = None

    def _catch_up(self, position: int) -> None:
        """Register the PERSON names written before ``position`` (as known, not yet speaking)."""
        while self._seen_people < len(self.people) and self.people[self._seen_people][0] < position:
            offset, name = self.people[self._seen_people]
            self._seen_people += 1
            cluster = self._person(name)
            if cluster is None:
                cluster = Cluster(name, SpeakerKind.PERSON, names=[name])
                self.clusters.append(cluster)
            elif len(name.split()) > len(cluster.name.split()) and set(cluster.name.split()) <= set(
                name.split()
            ):
                cluster.name = name
                cluster.names.append(name)
            cluster.last_seen = max(cluster.last_seen, offset)

    def _person(self, name: str) -> Cluster | None:
        """The person cluster a name belongs to: one's words among the other's ("Wang" / "Wang Yi"). A
        bare title ("minister") is no name: it neither finds a person by its words nor is found by them
        ("Foreign minister" in a headline is not who "the minister" of the body is)."""
        if bare_title(name):
            return None
        words = set(name.split())
        best: Cluster | None = None
        for cluster in self.clusters:
            if cluster.kind is not SpeakerKind.PERSON or bare_title(cluster.name):
                continue
            mine = cluster.words
            known_surname = len(cluster.name.split()) == 1 and mine <= words
            if (words <= mine or known_surname) and (best is None or cluster.last_seen > best.last_seen):
                best = cluster
        return best

    def person_named(self, name: str) -> Cluster:
        """The person cluster of ``name``, made (not yet speaking) when there is none."""
        cluster = self._person(name)
        if cluster is None:
            cluster = Cluster(name, SpeakerKind.PERSON, names=[name])
            self.clusters.append(cluster)
        elif len(name.split()) > len(cluster.name.split()):
            cluster.name = name
        return cluster

    def _titled(self, mention: Mention) -> Cluster | None:
        """The person a bare title refers to ("the minister" after "Foreign Minister Ada Varga"): the
        latest person named before it with that word in a role or in the words that named them."""
        words = mention.name.split()
        if not words:
            return None
        titled = mention.text.split()[0].lower() == "the" and _title_noun(words[-1]) in speakers().title_nouns
        if not (bare_title(mention.name) or titled):
            return None  # a name, not a title ("The Minister said" is one)
        head = words[-1].lower()
        candidates = [
            c
            for c in self.clusters
            if c.kind is SpeakerKind.PERSON
            and not bare_title(c.name)
            and c.last_seen <= mention.start  # "The minister said ..., noting ...": one mention, two cues
            and any(head in phrase.lower().split() for phrase in (*c.roles, *c.names))
        ]
        return max(candidates, key=lambda c: c.last_seen) if candidates else None

    def _surname(self, mention: Mention) -> Cluster | None:
        """The person named earlier in full whose surname a name the tagger took for an organization is
        ("Teixeira Lobo" after "Marina Teixeira Lobo"): every word of it the last words of that name."""
        words = mention.name.split()
        if mention.kind not in {SpeakerKind.ORGANIZATION, SpeakerKind.UNKNOWN} or not words:
            return None
        if not all(w[:1].isupper() for w in words):
            return None
        fits = [
            c
            for c in self.clusters
            if c.kind is SpeakerKind.PERSON
            and c.last_seen < mention.start
            and any(n.split()[-len(words) :] == words and len(n.split()) > len(words) for n in c.names)
        ]
        return max(fits, key=lambda c: c.last_seen) if fits else None

    def resolve(self, mention: Mention, paragraph: int) -> Cluster | None:
        self._catch_up(mention.start)
        cluster: Cluster | None
        if mention.pronoun is not None:
            cluster = self._antecedent(mention, paragraph)
            if cluster is None:
                return None
        elif mention.kind is SpeakerKind.PERSON:
            cluster = self._person(mention.name) or self._titled(mention)
            if cluster is None:
                cluster = Cluster(mention.name, SpeakerKind.PERSON, names=[mention.name])
                self.clusters.append(cluster)
        else:
            key = mention.name.lower()
            cluster = next((c for c in self.clusters if c.name.lower() == key), None) or self._surname(
                mention
            )
            if cluster is None:
                cluster = Cluster(mention.name, mention.kind, names=[mention.name])
                self.clusters.append(cluster)
        cluster.absorb(mention, paragraph)
        cluster.speaks = True
        self.last_speaker = cluster
        return cluster

    def _antecedent(self, mention: Mention, paragraph: int) -> Cluster | None:
        pronoun = mention.pronoun or ""
        if pronoun in _PERSONAL:

            def fits(c: Cluster) -> bool:
                if c.kind is SpeakerKind.STATE:  # "The representative of Egypt ... He urged": the State
                    return c is self.last_speaker and c.agent_spoke
                return c.kind is SpeakerKind.PERSON and (c.gender is None or c.gender == mention.gender)
        else:

            def fits(c: Cluster) -> bool:
                if pronoun in {"they", "them"}:
                    return c.kind in {SpeakerKind.GROUP, SpeakerKind.ORGANIZATION, SpeakerKind.STATE}
                return c.kind in {SpeakerKind.ORGANIZATION, SpeakerKind.STATE}

        last = self.last_speaker
        if last is not None and fits(last) and last.last_paragraph >= paragraph - 1:
            return last
        candidates = [c for c in self.clusters if fits(c) and c.last_seen < mention.start]
        if candidates:
            return max(candidates, key=lambda c: c.last_seen)
        if pronoun == "it":  # an organization named earlier that has not spoken yet ("Acme ... It said")
            earlier = [(offset, name) for offset, name in self.organizations if offset < mention.start]
            if earlier:
                offset, name = earlier[-1]
                cluster = Cluster(name, SpeakerKind.ORGANIZATION, names=[name], last_seen=offset)
                self.clusters.append(cluster)
                return cluster
        return None


def headline_speakers(
    resolved: list[tuple[Candidate, Cluster]], heads: set[int], text: str
) -> list[tuple[Candidate, Cluster]]:
    """The statements of a headline (``heads``: its paragraphs), each in its own line and given to the
    speaker the body names. A headline shortens its speaker: a title ("Ruritania's foreign minister
    tells ...") is the one person the body names with that title, else the statement is dropped; a
    State that speaks nowhere in the body ("Ruritania tells ...") is the one person of that State who
    does with a post that speaks for it (``state_titles``: a minister, not a lawyer), where there is
    one."""
    body = [k for c, k in resolved if c.paragraph not in heads]
    unique = {id(k): k for k in body}.values()
    people = [k for k in unique if k.kind is SpeakerKind.PERSON and not bare_title(k.name)]
    out: list[tuple[Candidate, Cluster]] = []
    for candidate, cluster in resolved:
        if candidate.paragraph not in heads:
            out.append((candidate, cluster))
            continue
        line_end = text.find("\n", candidate.start, candidate.end)
        if line_end >= 0:  # "... as session opens\nBy Ann Example": the byline is no part of it
            candidate = replace(
                candidate, end=len(text[candidate.start : line_end].rstrip()) + candidate.start
            )
        if bare_title(cluster.name):
            head = cluster.name.split()[-1].lower()
            holders = [
                k
                for k in people
                if any(head in phrase.lower().split() for phrase in (*k.roles, *k.names))
                and (cluster.country is None or k.country in {None, cluster.country})
            ]
            if len(holders) != 1:
                continue  # a title the body gives nobody, or several: whose words they are is a guess
            cluster = holders[0]
        elif cluster.kind is SpeakerKind.STATE and all(k is not cluster for k in body):
            posts = speakers().state_titles
            own = [
                k
                for k in people
                if k.country == cluster.name and any(w in posts for r in k.roles for w in r.lower().split())
            ]
            cluster = own[0] if len(own) == 1 else cluster
        out.append((candidate, cluster))
    return out


def _title_noun(word: str) -> str:
    """The title noun a word ends in ("minister" of "vice-minister"), lower case."""
    return re.split(r"[-‑]", word.lower())[-1]


def bare_title(name: str) -> bool:
    """Whether a name is a title and no one's name: its words lower case but for the first of several,
    which may open a sentence or a headline, and its last word a title noun ("minister", "Foreign
    minister"; not "King", a surname as likely as a title)."""
    words = name.split()
    titles = speakers().title_nouns
    return (
        bool(words)
        and _title_noun(words[-1]) in titles
        and all(w[:1].islower() or w.lower() in titles for w in words[1:])
        and (len(words) > 1 or words[0][:1].islower())
    )


def speaker_of(cluster: Cluster, aliases: list[str]) -> Speaker:
    """The ``Speaker`` record of a finished cluster. A name that is a common noun ("the spokesperson",
    "human rights experts") is no proper name: a group keeps it capitalized, anyone else becomes an
    unknown speaker under the words that named them (the mention is kept on the statement)."""
    name, kind = cluster.name, cluster.kind
    if name[:1].islower():
        name = name[:1].upper() + name[1:]
        kind = kind if kind is SpeakerKind.GROUP else SpeakerKind.UNKNOWN
    return Speaker(
        name=name,
        kind=kind,
        roles=tuple(cluster.roles),
        affiliation=cluster.affiliation,
        country=cluster.country,
        on_behalf_of=cluster.on_behalf_of,
        aliases=tuple(a for a in dict.fromkeys(aliases) if a != name),
    )


def fuller_name(text: str, name: str) -> str:
    """The fullest form of a person's name written in ``text`` as a name is introduced ("Joaquín
    Alexander Maza Martelli (El Salvador)," for "Maza Martelli"), where the parser missed it."""
    lex = speakers()
    before = r"(?<![\w.])((?:(?:[A-Z][a-zà-ÿ][\w’'-]*|[A-Z]\.)[ \t]+){1,3})"
    pattern = re.compile(before + re.escape(name) + r"(?=\s*[(,])")
    best = name
    for match in pattern.finditer(text):
        words = match.group(1).split()
        titled = [i for i, w in enumerate(words) if _title_word(w)]
        if titled:  # "Board Chair Laila" before "Farouk Aziz": the words after the title
            words = words[titled[-1] + 1 :]
        while words and (
            _title_word(words[0]) or words[0] in lex.honorifics or words[0].lower() in _FUNCTION
        ):
            words.pop(0)
        if words and not any(_title_word(w) or w in lex.honorifics for w in words):
            candidate = " ".join([*words, name])
            if len(candidate) > len(best):
                best = candidate
    return best


def _title_word(word: str) -> bool:
    """A title noun, hyphenated ones too ("Minister", "Secretary-General", "Under-Secretary-General")."""
    titles = speakers().title_nouns
    parts = [part for part in word.lower().replace("‑", "-").split("-") if part]
    return (
        bool(parts)
        and parts[-1] in titles
        and all(part in titles or part in _TITLE_PREFIXES for part in parts)
    )


_TITLE_PREFIXES = frozenset({"under", "co", "ex", "vice"})  # "Under-Secretary-General", "Co-Chair"
