"""The hand-labelled gold of positions: its lines, and the shared texts they point into.

The gold (``data/positions_gold.jsonl``) holds no third-party text: each line points at a sentence of a
document in the shared folder by corpus, document and character offsets, with the first ten hex digits
of the SHA-1 of that sentence so that drift in the shared data is caught rather than scored::

    {"corpus": "ungdc", "doc": "CUB_60", "start": 1200, "end": 1350, "sha1": "0a1b2c3d4e",
     "positions": ["non-selectivity"], "split": "tune", "batch": 1, "note": "..."}

Corpora: ``ungdc`` (UN General Debate speeches; ``doc`` is ``ISO3_session``), ``wg`` (UPR Working Group
reports; ``doc`` is the file name), ``seeds`` (the two seed articles; ``doc`` is the file name),
``unmeetings`` (the UN meeting pages; the file name) and ``news`` (Wikinews; ``FILE.csv#Page_name``).

Both the position model's training (``position_training``) and its evaluation read the gold from here.
``candidate_sentences`` helps a person find sentences worth labelling; the labels are theirs.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from onrecord.errors import ConfigError
from onrecord.text.reading import sentence_spans

CORPORA = ("ungdc", "wg", "seeds", "unmeetings", "news")
SPLITS = ("tune", "holdout", "train", "test")
TEST_SPLIT = "test"
_UNGDC_FILE = Path("data/ungdc/speeches_s01-s77.jsonl.gz")
_WG_DIR = Path("data/upr/wg_reports")
_SEEDS_DIR = Path("seeds")
_UNMEETINGS_DIR = Path("data/unmeetings/pages")
_NEWS_DIR = Path("data/news")
_FOLDERS = {"wg": _WG_DIR, "seeds": _SEEDS_DIR, "unmeetings": _UNMEETINGS_DIR}


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One hand-labelled sentence, by location."""

    line: int
    corpus: str
    doc: str
    start: int
    end: int
    sha1: str
    positions: tuple[str, ...]
    split: str
    batch: int = 1
    note: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may be worth labelling: where it is, and its text (never stored in the project)."""

    corpus: str
    doc: str
    start: int
    end: int
    sha1: str
    text: str


def default_gold_path() -> Path:
    return Path(str(resources.files("onrecord") / "data" / "positions_gold.jsonl"))


def sha1_prefix(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def load_gold(path: Path | None = None) -> tuple[GoldItem, ...]:
    """The gold lines, checked for shape; raises ``ConfigError`` naming the line at fault."""
    path = default_gold_path() if path is None else path
    items: list[GoldItem] = []
    seen: set[tuple[str, str, int, int]] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            item = GoldItem(
                line=number,
                corpus=str(record["corpus"]),
                doc=str(record["doc"]),
                start=int(record["start"]),
                end=int(record["end"]),
                sha1=str(record["sha1"]),
                positions=tuple(str(p) for p in record["positions"]),
                split=str(record["split"]),
                batch=int(record.get("batch", 1)),
                note=str(record.get("note", "")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a gold line ({type(exc).__name__}: {exc})") from None
        if item.corpus not in CORPORA:
            raise ConfigError(f"{path}:{number}: corpus {item.corpus!r} is not one of {CORPORA}")
        if item.split not in SPLITS:
            raise ConfigError(f"{path}:{number}: split {item.split!r} is not one of {SPLITS}")
        if not 0 <= item.start < item.end:
            raise ConfigError(f"{path}:{number}: offsets {item.start}..{item.end} are not a span")
        key = (item.corpus, item.doc, item.start, item.end)
        if key in seen:
            raise ConfigError(f"{path}:{number}: the same sentence is labelled twice")
        seen.add(key)
        items.append(item)
    return tuple(items)


class SharedTexts:
    """The texts of shared documents by (corpus, doc), read lazily from the shared folder."""

    def __init__(self, shared_dir: Path) -> None:
        self.shared_dir = shared_dir
        self._ungdc: Mapping[str, str] | None = None
        self._news: dict[str, Mapping[str, str]] = {}

    def ungdc(self, wanted: Iterable[str] | None = None) -> Mapping[str, str]:
        """General Debate speeches by ``ISO3_session`` (only ``wanted`` ones when given)."""
        if self._ungdc is not None and wanted is None:
            return self._ungdc
        keep = None if wanted is None else set(wanted)
        texts: dict[str, str] = {}
        path = self.shared_dir / _UNGDC_FILE
        if not path.is_file():
            raise ConfigError(f"General Debate speeches not found at {path}")
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for raw in lines:
                record = json.loads(raw)
                key = f"{record['iso3']}_{record['session']}"
                if keep is None or key in keep:
                    texts[key] = record["text"]
        if keep is None:
            self._ungdc = MappingProxyType(texts)
        return texts

    def news(self, file: str) -> Mapping[str, str]:
        """Wikinews articles of one CSV file of the shared folder, by the last part of their address."""
        if file not in self._news:
            path = self.shared_dir / _NEWS_DIR / file
            if not path.is_file() or "/" in file:
                raise ConfigError(f"Wikinews table not found at {path}")
            csv.field_size_limit(2**31 - 1)
            with path.open(encoding="utf-8", newline="") as table:
                self._news[file] = MappingProxyType(
                    {row["url"].rsplit("/", 1)[-1]: row["text"] for row in csv.DictReader(table)}
                )
        return self._news[file]

    def text(self, corpus: str, doc: str) -> str:
        if corpus == "ungdc":
            texts = self._ungdc if self._ungdc is not None else self.ungdc([doc])
            if doc not in texts:
                raise ConfigError(f"no General Debate speech {doc!r} (expected ISO3_session)")
            return texts[doc]
        if corpus == "news":
            file, _, article = doc.partition("#")
            articles = self.news(file)
            if article not in articles:
                raise ConfigError(f"no Wikinews article {article!r} in {file} (expected FILE.csv#Page_name)")
            return articles[article]
        folder = _FOLDERS.get(corpus)
        if folder is None:
            raise ConfigError(f"corpus {corpus!r} is not one of {CORPORA}")
        path = self.shared_dir / folder / doc
        if not path.is_file():
            raise ConfigError(f"{corpus} document not found at {path}")
        return path.read_text(encoding="utf-8")

    def resolve(self, items: Iterable[GoldItem]) -> dict[tuple[str, str], str]:
        """Texts of the documents the gold items point at, each item's SHA-1 checked."""
        items = tuple(items)
        ungdc_docs = {i.doc for i in items if i.corpus == "ungdc"}
        texts: dict[tuple[str, str], str] = {}
        if ungdc_docs:
            for doc, text in self.ungdc(ungdc_docs).items():
                texts[("ungdc", doc)] = text
        for item in items:
            key = (item.corpus, item.doc)
            if key not in texts:
                texts[key] = self.text(item.corpus, item.doc)
            found = sha1_prefix(texts[key][item.start : item.end])
            if found != item.sha1:
                raise ConfigError(
                    f"gold line {item.line}: {item.corpus}/{item.doc} {item.start}..{item.end} has SHA-1 "
                    f"{found}, the gold expects {item.sha1}: the shared data has changed"
                )
        return texts


def candidate_sentences(
    shared_dir: Path, pattern: str, corpus: str, docs: Iterable[str] | None = None
) -> Iterator[Candidate]:
    """Sentences of ``corpus`` matching ``pattern`` (a case-insensitive regex), for a person to label."""
    found = re.compile(pattern, re.IGNORECASE)
    shared = SharedTexts(shared_dir)
    if corpus == "ungdc":
        texts: Mapping[str, str] = shared.ungdc(docs)
    elif corpus == "news":
        files = sorted(p.name for p in (shared_dir / _NEWS_DIR).glob("*.csv"))
        texts = {
            f"{file}#{name}": text
            for file in files
            for name, text in shared.news(file).items()
            if docs is None or f"{file}#{name}" in set(docs)
        }
    else:
        folder = shared_dir / _FOLDERS[corpus]
        names = sorted(p.name for p in folder.glob("*.txt")) if docs is None else list(docs)
        texts = {name: shared.text(corpus, name) for name in names}
    for doc, text in texts.items():
        for start, end in sentence_spans(text):
            if found.search(text, start, end):
                sentence = text[start:end]
                yield Candidate(corpus, doc, start, end, sha1_prefix(sentence), sentence)
