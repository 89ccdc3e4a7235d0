"""The positions step by rules, model or both: a statement arguing against a position never gets it.

The table's sentences are real (General Debate speeches and UN meeting pages of the shared folder), read
from ``ONRECORD_SHARED`` by location like the gold, and none of them is in the gold's test split.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from onrecord.errors import ConfigError
from onrecord.models import MODEL, RULE
from onrecord.themes.position_gold import SharedTexts, sha1_prefix
from onrecord.themes.position_model import PositionModel
from onrecord.themes.stance import METHODS, PositionFinder, default_model

# (corpus, document, start, end, SHA-1 prefix, the position the sentence argues against)
ARGUING_AGAINST = [
    ("ungdc", "ISL_50", 6037, 6147, "b8be920fbd", "civilizational-diversity"),  # multiculturalism no pretext
    ("ungdc", "BEL_60", 5497, 5566, "0c517ec32a", "civilizational-diversity"),  # governance not imposed
    ("ungdc", "CAN_59", 3747, 3855, "ed4fcd3fdb", "non-interference"),  # multilateral intervention
    ("ungdc", "CRI_50", 8104, 8288, "b991422021", "non-interference"),  # sovereignty as a pretext
    ("ungdc", "PRT_47", 10964, 11118, "46f39c022d", "non-interference"),  # condemnation is not interference
    ("ungdc", "DNK_55", 8312, 8469, "2094baf133", "non-interference"),  # sovereignty no shield
    ("ungdc", "NER_67", 706, 933, "a04476dd24", "civil-society-space"),  # free expression insulting Islam
    ("ungdc", "MYS_67", 2328, 2434, "571a2ea3d6", "civil-society-space"),  # freedoms as a pretext
    ("ungdc", "DJI_67", 13222, 13651, "18b502bfe4", "civil-society-space"),  # incitement under free speech
    ("ungdc", "TJK_67", 1588, 1766, "e27593b850", "civil-society-space"),  # misusing free expression
    ("ungdc", "MDV_67", 2339, 2457, "f0ad67960c", "civil-society-space"),  # no excuse to insult religions
    (
        "unmeetings",
        "press-ga-12483-2022-third-committee-drafts.txt",
        1200,
        1363,
        "b284b51c29",
        "accountability",
    ),
    ("unmeetings", "press-ga-shc-4180-2016-myanmar-iran.txt", 1534, 1844, "55f171aed5", "accountability"),
]


@pytest.fixture(scope="module")
def both() -> PositionFinder:
    return PositionFinder("both")


@pytest.fixture(scope="module")
def documents(shared: Path) -> dict[tuple[str, str], str]:
    """The table's documents, the speeches read in one pass over the General Debate file."""
    reader = SharedTexts(shared)
    speeches = reader.ungdc({doc for corpus, doc, *_ in ARGUING_AGAINST if corpus == "ungdc"})
    return {
        (corpus, doc): speeches[doc] if corpus == "ungdc" else reader.text(corpus, doc)
        for corpus, doc, *_ in ARGUING_AGAINST
    }


@pytest.mark.data
@pytest.mark.parametrize(("corpus", "doc", "start", "end", "sha1", "position"), ARGUING_AGAINST)
def test_a_statement_arguing_against_a_position_never_gets_it(
    documents: dict[tuple[str, str], str],
    both: PositionFinder,
    corpus: str,
    doc: str,
    start: int,
    end: int,
    sha1: str,
    position: str,
) -> None:
    text = documents[(corpus, doc)]
    assert sha1_prefix(text[start:end]) == sha1, "the shared data has changed"
    found = {p.id for p in both.classify(text, start, end)}
    assert position not in found, found


def test_methods_and_sources() -> None:
    text = "We firmly reject any interference in the internal affairs of sovereign States."
    rules = PositionFinder("rules").classify(text)
    assert [p.id for p in rules] == ["non-interference"] and rules[0].source == RULE
    learned = PositionFinder("model").classify(text)
    assert "non-interference" in {p.id for p in learned}
    assert all(p.source == MODEL for p in learned)
    both = PositionFinder("both").classify(text)
    assert {p.id: p.source for p in both}["non-interference"] == RULE  # the rule's evidence wins


def test_model_evidence_is_the_clause_that_carries_the_position() -> None:
    text = (
        "Opening the debate, the minister thanked the President for his leadership, "
        "and said that the pandemic had shown how much vaccines must reach every country."
    )
    found = {p.id: p for p in PositionFinder("model").classify(text)}
    evidence = found["public-health"].evidence
    assert text[evidence.start : evidence.end] == evidence.text
    assert "vaccines" in evidence.text and "thanked" not in evidence.text


def test_a_multi_sentence_statement_is_read_sentence_by_sentence() -> None:
    text = "Thank you, Mr. President. Journalists and human rights defenders must be able to work freely."
    found = {p.id: p for p in PositionFinder("model").classify(text, 0, len(text))}
    assert found["civil-society-space"].evidence.start >= text.index("Journalists")


def test_batches_give_what_single_statements_give() -> None:
    finder = PositionFinder("both")
    texts = [
        "The right to development is a fundamental human right.",
        "The meeting adjourned at noon.",
        "Civilians must be protected in armed conflict, and those responsible for attacks held to account.",
    ]
    assert finder.classify_many([(t, 0, len(t)) for t in texts]) == [finder.classify(t) for t in texts]
    assert finder.classify_many([]) == []


def test_the_model_is_loaded_once_per_process() -> None:
    assert default_model() is default_model()
    assert isinstance(default_model(), PositionModel)


def test_bad_method_and_spans_are_refused() -> None:
    with pytest.raises(ConfigError, match="not one of"):
        PositionFinder("oracle")
    with pytest.raises(ValueError, match="does not lie within"):
        PositionFinder("rules").classify("short", 2, 50)
    assert METHODS == ("rules", "model", "both")


def test_the_model_overrules_a_rule_only_below_its_veto() -> None:
    text = "We firmly reject any interference in the internal affairs of sovereign States."
    model = default_model()
    j = model.ids.index("non-interference")
    probability = float(model.probabilities([text])[0, j])
    never = np.zeros(len(model.ids))
    above = never.copy()
    above[j] = min(1.0, probability + 0.01)  # the model would have to be surer than it is
    kept = PositionFinder("both", model=replace(model, veto=never, threshold_with_rules=never + 1.1))
    overruled = PositionFinder("both", model=replace(model, veto=above, threshold_with_rules=never + 1.1))
    assert "non-interference" in {p.id for p in kept.classify(text)}
    assert "non-interference" not in {p.id for p in overruled.classify(text)}
    rules_alone = PositionFinder("rules", model=replace(model, veto=above))
    assert "non-interference" in {p.id for p in rules_alone.classify(text)}  # the rules method has no veto
