"""Scoring attribution against PolNeAR and UN Working Group reports.

``evaluate_polnear`` implements the matching of the shared scorer ``checks/score_polnear.py``: a
predicted statement matches a gold attribution when their content tokens overlap by at least half of
each side (one-to-one, best first); the source is right when the predicted speaker mention or name
shares a token (articles aside) with the gold source, or both have none. ``evaluate_wg`` measures what
``checks/check_wg.py`` measures on an export of a full ingest, the same way: the reports ingested by the
ingest's code, their statements exported, the share of delegation paragraphs of the interactive dialogue
found with the right State by the check's rules, and the reports that give the event of their review;
``audit_wg`` counts what no scorer counts in that export: heading lines taken for statements, and
statements whose speaker is no State, no member of the State under review's delegation, no known body.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from onrecord.errors import ConfigError
from onrecord.models import Article, Span, Statement
from onrecord.text import state_under_review

if TYPE_CHECKING:
    from onrecord.pipeline import Stage
    from onrecord.settings import Settings

SPEECH = re.compile(
    r"\b(said|says|say|saying|told|tells|tell|add(ed|s)?|stat(ed|es)|according to|announc(ed|es)|"
    r"argu(ed|es)|ask(ed|s)|claim(ed|s)|not(ed|es|ing)|explain(ed|s)|wr(ote|ites)|insist(ed|s)|"
    r"warn(ed|s)|urg(ed|es)|call(ed|s) for|declar(ed|es)|repl(ied|ies)|respond(ed|s)|"
    r"acknowledg(ed|es)|admit(ted|s)|stress(ed|es|ing)|emphasi[sz](ed|es)|recall(ed|s)|"
    r"remark(ed|s)|comment(ed|s)|reported|tweeted|testified|pledged|vowed|promised)\b",
    re.I,
)  # the speech cues of the shared scorer, kept identical so that the figures agree
_ARTICLES = frozenset({"the", "a", "an", "of", "'s"})


class Attributes(Protocol):
    def attribute_many(self, articles: Iterable[Article]) -> Iterator[tuple[Statement, ...]]: ...


@dataclass(frozen=True, slots=True)
class Gold:
    source: str
    cue: str
    content: str

    @property
    def speech(self) -> bool:
        return bool(SPEECH.search(self.cue))


@dataclass(frozen=True, slots=True)
class Score:
    label: str
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"{self.label:30s} P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"


@dataclass(frozen=True, slots=True)
class AttributionReport:
    """P/R/F1 for content and content+source, on all attributions and on the speech-cue ones."""

    articles: int
    content: Score
    content_source: Score
    speech_content: Score
    speech_content_source: Score

    @property
    def rows(self) -> tuple[Score, ...]:
        return (self.content, self.content_source, self.speech_content, self.speech_content_source)

    def __str__(self) -> str:
        head = (
            f"articles {self.articles}, gold attributions {self.content.gold} "
            f"({self.speech_content.gold} with speech cues)"
        )
        return "\n".join([head, *(str(r) for r in self.rows)])


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower().replace("\u2019", "'"))


def _content_tokens(text: str) -> set[str]:
    return {t for t in _tokens(text) if t not in _ARTICLES}


def overlap(a: str, b: str) -> float:
    """Share of common tokens, the smaller of the two sides' shares."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    return min(common / len(ta), common / len(tb))


def read_brat(text: str, ann: str) -> list[Gold]:
    """Attributions of one brat standoff file (lines that do not parse, e.g. stray text, are skipped)."""
    spans: dict[str, str] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t", 2)
            if len(parts) < 3 or " " not in parts[1]:
                continue
            _label, offsets = parts[1].split(" ", 1)
            try:
                pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            except ValueError:
                continue
            spans[parts[0]] = " ".join(text[a:b] for a, b in pieces)
        elif line.startswith("E") and "\t" in line:
            events.append(dict(p.split(":", 1) for p in line.split("\t")[1].split() if ":" in p))
    found = []
    for event in events:

        def get(key: str, event: dict[str, str] = event) -> str:
            return spans.get(event.get(key, ""), "")

        if get("Content"):
            found.append(Gold(get("Source"), get("Cue"), get("Content")))
    return found


def polnear_gold(split_dir: Path) -> dict[str, tuple[str, list[Gold]]]:
    """Text and attributions of each article of a PolNeAR split (the first annotator where two are)."""
    if not (split_dir / "attributions").is_dir():
        raise ConfigError(f"{split_dir} is not a PolNeAR split (no attributions/ folder)")
    out: dict[str, tuple[str, list[Gold]]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.name.rsplit("_", 1)[0]
        if name in out:
            continue
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        out[name] = (text, read_brat(text, ann.read_text(encoding="utf-8")))
    return out


def score_polnear(
    gold: dict[str, list[Gold]], predicted: dict[str, tuple[Statement, ...]]
) -> AttributionReport:
    """Score statements per article name against the gold attributions (the shared scorer's matching)."""
    counts: Counter[str] = Counter()
    for name, attributions in gold.items():
        preds = predicted.get(name, ())
        pairs = sorted(
            (
                (overlap(p.content.text, g.content), i, j)
                for i, p in enumerate(preds)
                for j, g in enumerate(attributions)
            ),
            reverse=True,
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for value, i, j in pairs:
            if value < 0.5:
                break
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            g, p = attributions[j], preds[i]
            mention = p.speaker_mention.text if p.speaker_mention else ""
            if g.source:
                right = bool(_content_tokens(mention + " " + p.speaker.name) & _content_tokens(g.source))
            else:
                right = not mention
            counts["tp"] += 1
            counts["tp_src"] += right
            if g.speech:
                counts["tp_sp"] += 1
                counts["tp_sp_src"] += right
        counts["gold"] += len(attributions)
        counts["gold_sp"] += sum(g.speech for g in attributions)
        counts["pred"] += len(preds)
        counts["pred_sp"] += sum(bool(SPEECH.search(p.cue.text if p.cue else "said")) for p in preds)
    return AttributionReport(
        len(gold),
        Score("content, all", counts["tp"], counts["pred"], counts["gold"]),
        Score("content+source, all", counts["tp_src"], counts["pred"], counts["gold"]),
        Score("content, speech cues", counts["tp_sp"], counts["pred_sp"], counts["gold_sp"]),
        Score("content+source, speech cues", counts["tp_sp_src"], counts["pred_sp"], counts["gold_sp"]),
    )


def predict_polnear(
    split_dir: Path, attributor: Attributes, limit: int | None = None
) -> dict[str, tuple[Statement, ...]]:
    """Statements for each article of a split, its .txt text taken as the clean text (as stored)."""
    names = sorted(polnear_gold(split_dir))[:limit]
    articles = [Article(text=(split_dir / "text" / f"{n}.txt").read_text(encoding="utf-8")) for n in names]
    return dict(zip(names, attributor.attribute_many(articles), strict=True))


def evaluate_polnear(
    split_dir: Path, attributor: Attributes, limit: int | None = None, *, join: bool = True
) -> AttributionReport:
    """Attribution scores on a PolNeAR split (``limit``: the first articles only, for quick runs).

    With ``join`` (PolNeAR's unit) a cued statement and its continuations count as one attribution;
    without it every stored statement counts on its own, as in a plain statements export.
    """
    joined, plain = evaluate_polnear_both(split_dir, attributor, limit)
    return joined if join else plain


def evaluate_polnear_both(
    split_dir: Path, attributor: Attributes, limit: int | None = None
) -> tuple[AttributionReport, AttributionReport]:
    """Both counts from one attribution run: (PolNeAR's unit, every statement on its own)."""
    gold = polnear_gold(split_dir)
    predicted = predict_polnear(split_dir, attributor, limit)
    wanted = {n: gold[n][1] for n in predicted}
    joined = {name: join_continuations(statements) for name, statements in predicted.items()}
    return score_polnear(wanted, joined), score_polnear(wanted, predicted)


def join_continuations(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """One statement per run of speech: a cued statement with the continuations next to it.

    PolNeAR annotates a quotation interrupted by its attribution ('"A," she said. "B."') or running on
    into the next paragraphs as ONE attribution whose content is the pieces joined by a space; onrecord
    records the pieces (the later ones with ``continuation=True``). This joins them the same way, so the
    two are compared like for like. Runs break where the speaker changes or a second cue begins.
    """
    runs: list[list[Statement]] = []
    for statement in sorted(statements, key=lambda s: s.content.start):
        current = runs[-1] if runs else None
        if (
            current is not None
            and current[-1].speaker == statement.speaker
            and (statement.continuation or all(s.continuation for s in current))
        ):
            current.append(statement)
        else:
            runs.append([statement])
    joined = []
    for run in runs:
        head = next((s for s in run if not s.continuation), run[0])
        if len(run) == 1:
            joined.append(head)
            continue
        text = " ".join(s.content.text for s in run)
        content = Span(0, len(text), text)  # offsets no longer index the article: only the text is scored
        joined.append(replace(head, content=content))
    return tuple(joined)


# --- UPR Working Group reports: delegation paragraphs found with the right State ------------------------

# The gold paragraphs and the matching as the shared check (checks/check_wg.py) defines them, kept
# identical so that the figures agree: a numbered paragraph of the interactive dialogue opening with a
# name and one of these verbs, found by an exported statement of that report whose content (its first 80
# characters) lies in the paragraph and whose speaker is the same State (``_wg_same_state``).
_WG_VERBS = (
    "recognized|recognised|commended|welcomed|noted|acknowledged|appreciated|encouraged|urged|"
    "expressed|highlighted|applauded|congratulated|praised|asked|requested|regretted|called|"
    "stated|said|emphasized|emphasised|stressed|remained|was concerned|referred|inquired|enquired|"
    "thanked|observed|underlined|underscored|made|reiterated|raised|hoped|lauded|mentioned"
)
_WG_PARA = re.compile(
    rf"^\s*(\d+)\.\s+(?:The\s+)?([A-Z][\w'’().-]*(?:\s+(?:of|the|and|[A-Z][\w'’().-]*))*?)\s+(?:{_WG_VERBS})\b",
    re.M,
)
_WG_SKIP = frozenset(
    {"it", "the delegation", "delegation", "they", "he", "she", "during", "in", "on", "with", "regarding"}
)
_WG_STOP = frozenset(
    {"the", "of", "and", "republic", "state", "states", "kingdom", "united", "democratic", "people", "s"}
)


def _wg_norm(text: str | None) -> str:
    return re.sub(r"[^a-z ]", " ", (text or "").lower())


def _wg_words(text: str | None) -> set[str]:
    return {w for w in _wg_norm(text).split() if w not in _WG_STOP}


def _wg_same_state(state: str, speaker: str | None) -> bool:
    """The check's rule: the speaker's name shares a word with the State's, words such as "united" and
    "kingdom" aside; where the State's name is made of such words only ("United Kingdom", "United
    States"), every word of it is in the speaker's name."""
    who = _wg_words(state)
    if who:
        return bool(who & _wg_words(speaker))
    return set(_wg_norm(state).split()) - {"the"} <= set(_wg_norm(speaker).split())


def _wg_section(text: str) -> str:
    starts = [
        m.end()
        for m in re.finditer(
            r"Interactive dialogue and responses by the State under review[ \t]*\n\s*\d+\.", text
        )
    ]
    if not starts:
        return ""
    rest = text[text.rfind("\n", 0, starts[-1]) :]
    end = re.search(r"\n\s*II\.\s+Conclusions and/or recommendations", rest)
    return rest[: end.start()] if end else rest


@dataclass(frozen=True, slots=True)
class WgReport:
    """Delegation paragraphs of the interactive dialogues, how many were found with the right State, and
    how many reports gave the event of their review; with the audit of every statement exported
    (``audit_wg``), which no scorer counts."""

    reports: int
    paragraphs: int
    found: int
    events: int = 0
    audit: WgAudit | None = None

    @property
    def recall(self) -> float:
        return self.found / self.paragraphs if self.paragraphs else 0.0

    def __str__(self) -> str:
        events = f"events with UPR review and State under review {self.events}/{self.reports}"
        found = f"{self.found}/{self.paragraphs} = {self.recall:.3f}"
        lines = f"reports {self.reports}, {events}\ndelegation statements found with the right State: {found}"
        return lines + (f"\n{self.audit}" if self.audit is not None else "")


# --- UPR Working Group reports: an audit of every statement exported ------------------------------------

# A heading line taken for a statement: its content's first line is a lettered or numbered title with no
# sentence's end ("B. Interactive dialogue and responses by the State under review"), or a line in capitals.
_WG_HEADING = re.compile(
    r"\s*(?:(?:[A-Z]|[IVXL]{1,5}|\d{1,2})\.[ \t]+[A-Z][^\n]*?(?<![.;:?!,])|[A-Z][A-Z ,/()-]{8,})"
    r"[ \t]*(?:\n|$)"
)
WG_KINDS = {
    "word": "a word before a State's name ('While Croatia')",
    "place": "a place or a people of a country ('Tashkent')",
    "government": "'Government' taken for the name of a State",
    "title": "an official's title taken for a State",
    "person": "a person named",
    "other": "another word or name (a noun, an observance, a law: 'United Nations Day of Vesak')",
}


def wg_heading(content: str) -> bool:
    """Whether a statement's content is a heading line of the report."""
    return _WG_HEADING.match(content) is not None


def wg_speaker_error(speaker: Mapping[str, Any], reviewed: str | None) -> str | None:
    """None where the speaker is a State (``unreports.state_name``), the State under review's delegation,
    officials or Government, or a body, office or group the lexicons know; otherwise the kind of wrong
    speaker, a key of ``WG_KINDS``."""
    from onrecord.attribution.lexicon import countries, groups
    from onrecord.attribution.unreports import rules, state_name
    from onrecord.events.bodies import find_body

    name = " ".join(str(speaker.get("name") or "").split())
    if not name:
        return "other"
    reviewed_state = state_name(reviewed) if reviewed else None
    if state_name(name) is not None:
        return None
    ours = reviewed is not None and (
        speaker.get("on_behalf_of") == reviewed
        or name in {reviewed, f"Government of {reviewed}"}
        or (
            reviewed_state is not None
            and state_name(str(speaker.get("on_behalf_of") or "")) == reviewed_state
        )
    )
    if name.endswith(" Government") and reviewed_state is not None:  # "the Lao Government" in its turn
        ours = (
            ours or state_name(" ".join(w for w in name.split()[:-1] if w != "the") or "-") == reviewed_state
        )
        ours = ours or countries().find(name) == reviewed_state
    if ours or groups().pattern.fullmatch(name) or find_body(name) or _wg_office(name):
        return None
    if name == "Government":
        return "government"
    words = name.split()
    rest = " ".join(words[1:]).removeprefix("the ")
    if len(words) > 1 and (state_name(rest) is not None or rest == "Government"):
        return "word"
    if countries().pattern.fullmatch(name):
        return "place"
    *modifiers, title = name.split(" of ")[0].casefold().split() or [""]
    r = rules()
    if title in r.official_titles and all(m in r.title_modifiers for m in modifiers):
        return "title"
    if speaker.get("kind") == "person" or re.match(r"(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s", name):
        return "person"
    return "other"


def _wg_office(name: str) -> bool:
    return name in _wg_offices()


@cache
def _wg_offices() -> frozenset[str]:
    """The offices' and organisations' names in ``data/offices.json``, read once (not per statement)."""
    from onrecord.datafiles import read_json

    data = read_json("offices.json")
    known = set(data["offices"]) | set(data["organizations"])
    known |= {alias for aliases in data["organizations"].values() for alias in aliases}
    return frozenset(known)


@dataclass(frozen=True, slots=True)
class WgAudit:
    """Statements exported from the Working Group reports that are not a delegation's words by a State:
    heading lines, and speakers that are no State, no member of the State under review's delegation and
    no known body (by kind, with a few examples)."""

    statements: int
    headings: int
    wrong: Counter[str]
    examples: dict[str, list[str]]

    @property
    def wrong_speakers(self) -> int:
        return sum(self.wrong.values())

    def __str__(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.wrong.most_common())
        return (
            f"statements exported: {self.statements}\n"
            f"heading lines taken as statements: {self.headings}\n"
            f"statements whose speaker is not a State or a known office: {self.wrong_speakers}"
            + (f" ({kinds})" if kinds else "")
        )


def audit_wg(
    rows_by_report: Mapping[str, Iterable[Mapping[str, Any]]], reviewed: Mapping[str, str | None]
) -> WgAudit:
    """The audit of the statements exported from each report (``rows_by_report``: the report's file name
    to its rows), ``reviewed`` giving each report's State under review."""
    statements = headings = 0
    wrong: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for report, rows in rows_by_report.items():
        for row in rows:
            statements += 1
            content = str((row.get("content") or {}).get("text") or "")
            speaker: Mapping[str, Any] = row.get("speaker") or {}
            if wg_heading(content):
                headings += 1
                examples.setdefault("heading", []).append(f"{report}: {speaker.get('name')}: {content[:80]}")
                continue
            kind = wg_speaker_error(speaker, reviewed.get(report))
            if kind is not None:
                wrong[kind] += 1
                examples.setdefault(kind, []).append(f"{report}: {speaker.get('name')}: {content[:80]}")
    return WgAudit(statements, headings, wrong, examples)


def score_wg(text: str, rows: Iterable[Mapping[str, Any]]) -> tuple[int, int]:
    """(paragraphs, found) for one report's text and its statements as exported (JSONL rows)."""
    mine = [
        (
            re.sub(r"\s+", " ", (r.get("content") or {}).get("text") or "")[:80],
            (r.get("speaker") or {}).get("name"),
        )
        for r in rows
    ]
    total = found = 0
    for paragraph in re.split(r"\n(?=\s*\d+\.\s)", _wg_section(text)):
        match = _WG_PARA.match(paragraph)
        if not match or _wg_norm(match.group(2)).strip() in _WG_SKIP:
            continue
        total += 1
        body = re.sub(r"\s+", " ", paragraph)
        if any(head in body and _wg_same_state(match.group(2), name) for head, name in mine):
            found += 1
    return total, found


def wg_event_found(report: Path, rows: Iterable[Mapping[str, Any]]) -> bool:
    """Whether the report's statements (as exported) give an event of a periodic review whose State under
    review is the one the file is named after ("peru2008.txt"), as the check decides it."""
    event = next((r.get("event") for r in rows if r.get("event")), None) or {}
    state = _wg_norm(re.sub(r"\d{4}$", "", report.stem))
    upr = re.search(r"periodic|\bupr\b", _wg_norm(event.get("body")) + " " + _wg_norm(event.get("kind")))
    under_review = _wg_norm(event.get("state_under_review")).replace(" ", "")
    return bool(upr and under_review and (state[:5] in under_review or under_review[:5] in state))


def statement_stages(settings: Settings) -> list[Stage]:
    """The stages ``onrecord ingest`` runs, up to the one that places statements in their events: the
    later ones (figures, topics, positions) only annotate each statement, and nothing scored here reads
    what they add."""
    from onrecord.process import default_stages

    stages = default_stages(settings)
    last = next(i for i, stage in enumerate(stages) if "events" in stage.assigns)
    return stages[: last + 1]


def evaluate_wg(reports_dir: Path, settings: Settings) -> WgReport:
    """Delegation-paragraph recall over the UPR Working Group reports (``*.txt``) in ``reports_dir``,
    measured as the shared check measures it: the folder is ingested into a temporary store by the
    ingest's own code (``onrecord.process.ingest``, the stages of ``statement_stages``), its statements
    exported as ``onrecord export`` writes them, and those rows scored by the check's rules."""
    from onrecord.pipeline import Pipeline
    from onrecord.process import ingest
    from onrecord.store import Store
    from onrecord.store.statements import export_rows

    paths = sorted(reports_dir.glob("*.txt"))
    if not paths:
        raise ConfigError(f"no reports (*.txt) in {reports_dir}")
    by_report: dict[str, list[dict[str, Any]]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="onrecord-eval-wg-") as folder,
        Store(Path(folder) / "wg.db") as store,
    ):
        ingest([str(reports_dir)], store, settings, pipeline=Pipeline(statement_stages(settings)))
        for row in export_rows(store.conn):
            document: Mapping[str, Any] = row.get("document") or {}  # type: ignore[assignment]
            by_report.setdefault(Path(str(document.get("source") or "")).name, []).append(row)
    total = found = events = 0
    reviewed: dict[str, str | None] = {}
    for path in paths:
        rows = by_report.get(path.name, [])
        text = path.read_text(encoding="utf-8")
        t, f = score_wg(text, rows)
        total += t
        found += f
        events += wg_event_found(path, rows)
        reviewed[path.name] = state_under_review(text)
    mine = {path.name: by_report.get(path.name, []) for path in paths}
    return WgReport(len(paths), total, found, events, audit_wg(mine, reviewed))
