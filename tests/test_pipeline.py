"""The stage contract: built pipelines check their order; failures name the stage; batches isolate faults."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from onrecord.errors import ExtractionError, PipelineError
from onrecord.models import Article, DecodedText, MediaType, RawDocument
from onrecord.pipeline import Pipeline, Work


@dataclass
class Decode:
    name: str = "decode"
    requires: tuple[str, ...] = ("raw",)
    assigns: tuple[str, ...] = ("decoded",)

    def __call__(self, work: Work) -> Work:
        return replace(work, decoded=DecodedText(work.raw.data.decode("utf-8"), "utf-8"))


@dataclass
class Clean:
    name: str = "clean"
    requires: tuple[str, ...] = ("decoded",)
    assigns: tuple[str, ...] = ("article",)
    calls: int = 0

    def __call__(self, work: Work) -> Work:
        assert work.decoded is not None
        if "poison" in work.decoded.text:
            raise ExtractionError("the text asks to be rejected")
        if "bug" in work.decoded.text:
            raise KeyError("a bug")
        return replace(work, article=Article(text=work.decoded.text.strip()))


@dataclass
class BatchedClean(Clean):
    batches: int = 0

    def pipe(self, works: list[Work]) -> list[Work]:
        self.batches += 1
        return [self(w) for w in works]


def raw(text: str, source: str = "doc.txt") -> Work:
    return Work(raw=RawDocument(source, text.encode(), MediaType.TEXT))


def test_a_misordered_pipeline_fails_when_built() -> None:
    with pytest.raises(PipelineError, match="requires \\['decoded'\\]"):
        Pipeline([Clean(), Decode()])


def test_unknown_fields_fail_when_built() -> None:
    @dataclass
    class Odd(Decode):
        assigns: tuple[str, ...] = ("nonsense",)

    with pytest.raises(PipelineError, match="nonsense"):
        Pipeline([Odd()])


def test_run_fills_fields_in_order() -> None:
    outcome = Pipeline([Decode(), Clean()]).run(raw(" A statement. "))
    assert outcome.failure is None
    assert outcome.work.article is not None
    assert outcome.work.article.text == "A statement."


@pytest.mark.parametrize(
    ("text", "stage", "reason"),
    [("poison", "clean", "asks to be rejected"), ("bug", "clean", "internal error: KeyError")],
)
def test_a_failure_names_its_stage_and_keeps_earlier_work(text: str, stage: str, reason: str) -> None:
    outcome = Pipeline([Decode(), Clean()]).run(raw(text, "bad.txt"))
    assert outcome.failure is not None
    assert (outcome.failure.source, outcome.failure.stage) == ("bad.txt", stage)
    assert reason in outcome.failure.reason
    assert outcome.work.decoded is not None  # what succeeded is kept


def test_run_many_keeps_order_and_isolates_the_bad_document_in_a_batch() -> None:
    stage = BatchedClean()
    texts = ["one", "two", "poison", "four", "five"]
    outcomes = list(Pipeline([Decode(), stage]).run_many([raw(t, t) for t in texts], batch_size=3))
    assert [o.work.raw.source for o in outcomes] == texts
    assert [o.failure is not None for o in outcomes] == [False, False, True, False, False]
    assert stage.batches == 2  # both batches went to pipe; the poisoned one then ran one by one


def test_a_stage_that_assigns_nothing_is_a_failure() -> None:
    @dataclass
    class Lazy(Decode):
        def __call__(self, work: Work) -> Work:
            return work

    outcome = Pipeline([Lazy()]).run(raw("x"))
    assert outcome.failure is not None
    assert "did not assign" in outcome.failure.reason
