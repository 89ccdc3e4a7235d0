"""The position taxonomy and classifier: validation, both sides of each debate, seeds, span invariants.

Every example sentence here is invented for the test; none is taken from a corpus.
"""

from __future__ import annotations

import copy
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.errors import ConfigError
from onrecord.themes.positions import Position, PositionClassifier, load_taxonomy, parse_taxonomy

REQUIRED = {
    "non-selectivity",
    "politicization-accusation",
    "non-interference",
    "development-rights",
    "indivisibility",
    "civilizational-diversity",
    "dialogue-cooperation",
    "solidarity",
    "shared-future",
    "civilians-in-conflict",
    "emerging-technology",
    "public-health",
    "universality",
    "accountability",
    "civil-society-space",
}


@pytest.fixture(scope="module")
def classifier() -> PositionClassifier:
    return PositionClassifier()


def _raw() -> dict[str, Any]:
    text = (resources.files("onrecord") / "data" / "positions.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _ids(classifier: PositionClassifier, sentence: str) -> set[str]:
    return {p.id for p in classifier.classify(sentence)}


# --- the taxonomy ---------------------------------------------------------------------------------


def test_taxonomy_covers_both_sides_of_the_debate() -> None:
    taxonomy = load_taxonomy()
    assert set(taxonomy.ids) >= REQUIRED
    assert "onrecord" in taxonomy.about
    for position in taxonomy.positions:
        assert position.name and len(position.definition) > 40, position.id
        assert position.cues, position.id
    assert "accountability" in taxonomy.get("non-selectivity").counter
    assert "universality" in taxonomy.get("civilizational-diversity").counter


def test_unknown_position_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown position 'nope'"):
        load_taxonomy().get("nope")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["position"].append(copy.deepcopy(d["position"][0])), "duplicate position ids"),
        (lambda d: d["position"][0].update(counter=["no-such-position"]), "unknown counter ids"),
        (lambda d: d["position"][0]["cues"].append({"pattern": "(unclosed", "weight": 0.5}), "bad regular"),
        (lambda d: d["position"][0]["cues"].append({"pattern": "x", "weight": 1.5}), r"must be in \(0, 1\]"),
        (lambda d: d["position"][1].update(counter=d["position"][1]["id"]), "its own counter"),
        (lambda d: d.pop("about"), "'about'"),
        (lambda d: d["position"][2].pop("definition"), "missing \\['definition'\\]"),
        (lambda d: d.update(threshold=0), "'threshold'"),
    ],
)
def test_invalid_taxonomy_is_refused_with_reasons(mutate: Any, message: str) -> None:
    data = _raw()
    mutate(data)
    with pytest.raises(ConfigError, match=message):
        parse_taxonomy(data)


def test_several_problems_are_reported_together() -> None:
    data = _raw()
    data["position"][0]["counter"] = ["ghost"]
    data["position"][1]["cues"].append({"pattern": "[", "weight": 0.5})
    with pytest.raises(ConfigError) as caught:
        parse_taxonomy(data)
    assert "ghost" in str(caught.value) and "bad regular expression" in str(caught.value)


def test_unreadable_or_invalid_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_taxonomy(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("about = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_taxonomy(broken)


# --- both sides: invented sentences ---------------------------------------------------------------

FOR_AND_AGAINST = [
    # (sentence, positions it must take, positions it must not take)
    (
        "The Council must work in an objective and non-selective manner, free of double standards.",
        {"non-selectivity"},
        {"accountability"},
    ),
    (
        "Country-specific resolutions are necessary when a government tortures its critics.",
        {"accountability"},
        {"non-selectivity"},
    ),
    (
        "Human rights should not be used as a pretext to interfere in the internal affairs of Freedonia.",
        {"non-interference", "politicization-accusation"},
        set(),
    ),
    (
        "Our concern for the prisoners of Ruritania is not interference in its internal affairs.",
        set(),
        {"non-interference"},
    ),
    (
        "The so-called principle of non-interference must not shield abusers from scrutiny.",
        set(),
        {"non-interference"},
    ),
    ("Sovereignty can no longer be a shield for those who commit atrocities.", set(), {"non-interference"}),
    ("We will never interfere in the domestic affairs of our neighbours.", {"non-interference"}, set()),
    (
        "There is no such thing as cultural relativism when it comes to torture.",
        {"universality"},
        {"civilizational-diversity"},
    ),
    ("Human rights are universal and belong to every person in Zembla.", {"universality"}, set()),
    ("Human rights are not universal, the minister of Zembla claimed.", set(), {"universality"}),
    (
        "Tradition can never be an excuse for denying women their rights.",
        {"universality"},
        {"civilizational-diversity"},
    ),
    (
        "Every nation must be free to choose its own path; no country should impose its values on others.",
        {"civilizational-diversity"},
        set(),
    ),
    (
        "All human rights are indivisible and interdependent and deserve equal emphasis.",
        {"indivisibility"},
        set(),
    ),
    (
        "The right to development is the most basic right of the peoples of the South.",
        {"development-rights"},
        set(),
    ),
    (
        "Rights are best advanced through constructive dialogue and cooperation rather than confrontation.",
        {"dialogue-cooperation"},
        set(),
    ),
    (
        "The sanctions on Freedonia show that rights are used as political tools to suppress rivals.",
        {"politicization-accusation"},
        set(),
    ),
    (
        "Raising the fate of detained journalists is not politicization of human rights.",
        {"civil-society-space"},
        {"politicization-accusation"},
    ),
    (
        "Those who ordered the massacre must be brought to justice and impunity must end.",
        {"accountability"},
        set(),
    ),
    ("The minister promised to hold ourselves accountable for the school budget.", set(), {"accountability"}),
    (
        "The shelling of the market killed 40 civilians and displaced thousands of families.",
        {"civilians-in-conflict"},
        set(),
    ),
    ("The hurricane displaced thousands of families along the coast.", set(), {"civilians-in-conflict"}),
    ("Artificial intelligence must respect privacy and human rights.", {"emerging-technology"}, set()),
    ("Our new digital payments service reaches every village.", set(), {"emerging-technology"}),
    ("The pandemic showed that access to vaccines is a matter of human rights.", {"public-health"}, set()),
    ("International solidarity is the only answer to famine.", {"solidarity"}, set()),
    ("Let us build a community with a shared future for mankind.", {"shared-future"}, set()),
    (
        "Human rights defenders and independent media face harassment in Ruritania.",
        {"civil-society-space"},
        set(),
    ),
    ("The delegation of Zembla thanked the President for his kind words.", set(), REQUIRED),
    ("The peace of the region is indivisible from its security.", set(), {"indivisibility"}),
]


@pytest.mark.parametrize(("sentence", "takes", "refuses"), FOR_AND_AGAINST)
def test_both_sides(
    classifier: PositionClassifier, sentence: str, takes: set[str], refuses: set[str]
) -> None:
    found = _ids(classifier, sentence)
    assert takes <= found, f"missing {takes - found}"
    assert not (refuses & found), f"should not take {refuses & found}"


def test_not_only_is_no_negation(classifier: PositionClassifier) -> None:
    assert "universality" in _ids(classifier, "Not only are human rights universal, they are urgent.")


def test_classify_reads_only_the_statement_span(classifier: PositionClassifier) -> None:
    text = "Solidarity matters. The chair opened the session. International solidarity is vital."
    middle = text.index("The chair")
    assert classifier.classify(text, middle, middle + len("The chair opened the session.")) == ()
    found = classifier.classify(text, text.index("International"))
    assert [p.id for p in found] == ["solidarity"]
    assert found[0].evidence.start >= text.index("International")


def test_out_of_range_span_is_an_error(classifier: PositionClassifier) -> None:
    with pytest.raises(ValueError, match="does not lie within"):
        classifier.classify("short", 2, 10)


def test_scores_are_confidences_and_sorted(classifier: PositionClassifier) -> None:
    found = classifier.classify(
        "Human rights must not be used as a pretext to interfere in internal affairs; we need dialogue "
        "and cooperation and international solidarity."
    )
    assert len(found) >= 3
    assert all(0.5 <= p.score <= 1 for p in found)
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)


# --- the seed requirements (sentences read from the shared seeds at test time) --------------------

SEED_REQUIREMENTS = [
    ("fair and objective manner", "non-selectivity"),
    ("pretext to interfere", "non-interference"),
    ("diversity of world civilizations", "civilizational-diversity"),
    ("artificial intelligence and human rights", "emerging-technology"),
    ("cost the lives of nearly 30,000 civilians", "civilians-in-conflict"),
    ("used as excuses and even weapons", "politicization-accusation"),
    ("international solidarity is key", "solidarity"),
    ("community of a shared future", "shared-future"),
    ("consensus should be built through dialogue", "dialogue-cooperation"),
]


@pytest.mark.data
@pytest.mark.parametrize(("substring", "position"), SEED_REQUIREMENTS)
def test_seed_statements(shared: Path, classifier: PositionClassifier, substring: str, position: str) -> None:
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        at = text.find(substring)
        if at < 0:
            continue
        start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
        ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
        end = min(ends) + 1 if ends else len(text)
        found = classifier.classify(text, start, end)
        assert position in {p.id for p in found}, text[start:end]
        for p in found:
            assert text[p.evidence.start : p.evidence.end] == p.evidence.text
            assert start <= p.evidence.start <= p.evidence.end <= end
        return
    pytest.fail(f"{substring!r} not found in the seeds")


# --- span invariants ------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "human rights",
        "double standards",
        "not",
        "never",
        "pretext",
        "interfere",
        "internal affairs",
        "universal",
        "relativism",
        "dialogue",
        "cooperation",
        "solidarity",
        "shared future",
        "civilians",
        "displaced",
        "pandemic",
        "artificial intelligence",
        "impunity",
        "journalists",
        "İstanbul",
        "ß",
        "\n",
        ",",
        ".",
        "’",
        "development",
        "the",
        "of",
        "Zembla",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(_WORDS, max_size=30),
    prefix=st.text(max_size=20),
    data=st.data(),
)
def test_evidence_spans_index_the_text(
    classifier: PositionClassifier, words: list[str], prefix: str, data: st.DataObject
) -> None:
    text = prefix + " ".join(words)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for position in classifier.classify(text, start, end):
        assert isinstance(position, Position)
        ev = position.evidence
        assert text[ev.start : ev.end] == ev.text
        assert start <= ev.start < ev.end <= end
        assert 0 < position.score <= 1
        assert re.search(r"\S", ev.text)
