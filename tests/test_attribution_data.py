"""Attribution measured on real data, guarded by the floors in tests/floors/attribution.json.

* PolNeAR dev (84 news articles, brat gold): content and content+source P/R/F1, the shared scorer's
  matching (``onrecord.evaluation.attribution``); the bar is content+source F1 on speech cues >= 0.80.
* UPR Working Group reports (192): delegation paragraphs of the interactive dialogue found with the
  right State, the reports ingested and exported and counted as ``checks/check_wg.py`` counts.
* The two seed articles: every expected statement with the right speaker, no wrong speaker, roles and
  country (``seeds/expected.json``, read at run time).

Floors are never lowered; raise them when the figures improve.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from onrecord.attribution import Attributor
from onrecord.evaluation.attribution import (
    evaluate_wg,
    join_continuations,
    polnear_gold,
    score_polnear,
)
from onrecord.models import Article, Statement
from onrecord.settings import Settings

pytestmark = [pytest.mark.data, pytest.mark.slow]

FLOORS = json.loads((Path(__file__).parent / "floors" / "attribution.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    return Attributor(Settings.load(env={}))


@pytest.fixture(scope="module")
def polnear_dev(
    shared: Path, attributor: Attributor
) -> tuple[dict[str, str], dict[str, tuple[Statement, ...]]]:
    gold = polnear_gold(shared / "data" / "polnear" / "dev")
    names = sorted(gold)
    texts = {n: gold[n][0] for n in names}
    statements = dict(
        zip(names, attributor.attribute_many(Article(text=texts[n]) for n in names), strict=True)
    )
    return texts, statements


def test_polnear_spans_index_the_text(
    polnear_dev: tuple[dict[str, str], dict[str, tuple[Statement, ...]]],
) -> None:
    texts, statements = polnear_dev
    count = 0
    for name, found in statements.items():
        for s in found:
            for span in (s.content, s.cue, s.speaker_mention):
                if span is not None:
                    assert texts[name][span.start : span.end] == span.text, name
                    count += 1
    assert count > 1000


def test_polnear_dev_floors(
    shared: Path, polnear_dev: tuple[dict[str, str], dict[str, tuple[Statement, ...]]]
) -> None:
    _, statements = polnear_dev
    gold = {n: g for n, (_, g) in polnear_gold(shared / "data" / "polnear" / "dev").items()}
    report = score_polnear(gold, {n: join_continuations(s) for n, s in statements.items()})
    floors = FLOORS["polnear_dev"]
    measured = {
        "content_f1": report.content.f1,
        "content_source_f1": report.content_source.f1,
        "speech_content_f1": report.speech_content.f1,
        "speech_content_source_f1": report.speech_content_source.f1,
    }
    print(report)
    for key, floor in floors.items():
        if key.startswith("_"):
            continue
        assert measured[key] >= floor, f"{key} {measured[key]:.3f} fell below its floor {floor}"
    assert report.speech_content_source.f1 >= 0.80, "the bar: content+source F1 on speech cues"
    # every stored statement on its own, as a plain statements export is scored: guarded too
    plain = score_polnear(gold, statements)
    print("per statement:", plain.speech_content_source)
    assert plain.speech_content_source.f1 >= FLOORS["polnear_dev_per_statement"]["speech_content_source_f1"]


def test_wg_reports_recall(shared: Path) -> None:
    """Ingested, exported and counted as checks/check_wg.py counts (tests/test_eval_wg.py)."""
    report = evaluate_wg(shared / "data" / "upr" / "wg_reports", Settings.load(env={}))
    print(report)
    assert report.reports == report.events == 192
    assert report.recall >= FLOORS["wg_recall"] >= 0.95


def _fold(text: str | None) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _stand_in(path: Path, title: str) -> Article:
    """The seed page minus its furniture: the title, then the lines that read as sentences."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    body = [line for line in lines if len(line.split()) >= 8 and line[-1:] in '.!?"”' and line != title]
    return Article(text=title + "\n\n" + "\n\n".join(body), title=title)


def test_seed_statements(shared: Path, attributor: Attributor) -> None:
    expected = json.loads((shared / "seeds" / "expected.json").read_text(encoding="utf-8"))
    seeds = {k: v for k, v in expected.items() if not k.startswith("_")}
    missed: list[str] = []
    wrong: list[str] = []
    for name, seed in seeds.items():
        article = _stand_in(shared / "seeds" / name, seed["title"])
        statements = attributor.attribute(article)
        for st in seed["statements"]:
            names = {
                _fold(s.speaker.name) for s in statements if _fold(st["contains"]) in _fold(s.content.text)
            }
            if _fold(st["speaker"]) not in names:
                missed.append(f"{st['speaker']}: {st['contains'][:50]!r} got {sorted(names)}")
            member_lists = [
                s.speaker.members for s in statements if _fold(st["contains"]) in _fold(s.content.text)
            ]
            if st.get("members") and not any(set(st["members"]) <= set(m) for m in member_lists):
                wrong.append(f"members of {st['speaker']!r}: {member_lists}")
        allowed = {_fold(s["name"]) for s in seed["speakers"]} | {
            _fold(st["speaker"]) for st in seed["statements"]
        }
        for s in statements:
            if _fold(s.speaker.name) not in allowed:
                wrong.append(f"wrong speaker {s.speaker.name!r} for {s.content.text[:50]!r}")
        for person in seed["speakers"]:
            spoken = [s.speaker for s in statements if _fold(s.speaker.name) == _fold(person["name"])]
            assert spoken, f"{person['name']} never speaks"
            speaker = spoken[0]
            if _fold(speaker.country) != _fold(person["country"]):
                wrong.append(f"{person['name']}: country {speaker.country!r}")
            roles = " ".join(_fold(r) for r in speaker.roles)
            wrong.extend(
                f"{person['name']}: role missing {r!r}" for r in person["roles"] if _fold(r) not in roles
            )
    assert not missed and not wrong, "\n".join(missed + wrong)
    assert FLOORS["seed_statements_missed"] == 0
