"""The stage contract and the loop that runs stages.

A ``Work`` record carries one document through the pipeline; each stage reads the fields it
``requires`` and returns a new ``Work`` with the fields it ``assigns`` filled in. The pipeline checks
when it is built that every required field is assigned by an earlier stage, so a mis-ordered pipeline
fails at once rather than halfway through a corpus (as spaCy's ``requires=``/``assigns=`` do).

When a stage raises, the loop turns the error into a ``Failure`` that names the stage and the reason:
one bad document never stops a batch, and its reason is never lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Protocol, runtime_checkable

from onrecord.errors import OnrecordError, PipelineError, StageError
from onrecord.models import Article, DecodedText, Event, Failure, RawDocument, Statement

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Work:
    """One document on its way through the stages; fields fill in as stages run."""

    raw: RawDocument
    decoded: DecodedText | None = None
    article: Article | None = None
    statements: tuple[Statement, ...] | None = None
    events: tuple[Event, ...] | None = None  # every event the document's statements were made at


WORK_FIELDS = frozenset(f.name for f in fields(Work))


@runtime_checkable
class Stage(Protocol):
    """What every stage provides: a name, the ``Work`` fields it needs and fills, and a call."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> Work: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the pipeline made of one document: the work as far as it got, and the failure if any.

    A document whose analysis failed after cleaning still has its article, so it is stored with the
    failure beside it: nothing that succeeded is thrown away.
    """

    work: Work
    failure: Failure | None = None


class Pipeline:
    """Stages run in order over ``Work`` records."""

    def __init__(self, stages: Sequence[Stage], given: Iterable[str] = ("raw",)) -> None:
        available = set(given)
        for stage in stages:
            unknown = (set(stage.requires) | set(stage.assigns)) - WORK_FIELDS
            if unknown:
                raise PipelineError(
                    f"stage {stage.name!r} names fields {sorted(unknown)} that Work does not have; "
                    f"Work has {sorted(WORK_FIELDS)}"
                )
            missing = set(stage.requires) - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns "
                    f"(stages: {[s.name for s in stages]})"
                )
            available |= set(stage.assigns)
        self.stages = tuple(stages)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def run(self, work: Work, *, on_stage: Callable[[str], None] | None = None) -> Outcome:
        """Run every stage on one document; a stage's error becomes a ``Failure`` naming it.

        ``on_stage`` is told each stage's name as it starts (a worker process tells its parent, which
        names the stage of a document that ran out of time).
        """
        for stage in self.stages:
            if on_stage is not None:
                on_stage(stage.name)
            result = _apply(stage, work)
            if isinstance(result, Failure):
                return Outcome(work, result)
            work = result
        return Outcome(work)

    def run_many(self, works: Iterable[Work], batch_size: int = 16) -> Iterator[Outcome]:
        """Run the stages over batches; stages with a ``pipe`` method get a batch at a time.

        Outcomes come out in input order. Where a batched call fails, the batch is run one document at a
        time so that only the document at fault fails.
        """
        batch: list[Work] = []
        for work in works:
            batch.append(work)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Work]) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(batch)
        live = list(enumerate(batch))
        for stage in self.stages:
            pipe = getattr(stage, "pipe", None)
            results: list[Work | Failure] | None = None
            if pipe is not None and len(live) > 1:
                try:
                    results = list(pipe([w for _, w in live]))
                except Exception:  # find the document at fault one by one below
                    logger.debug("batched stage %s failed; retrying one by one", stage.name, exc_info=True)
                    results = None
                if results is not None and len(results) != len(live):
                    results = None
            if results is None:
                results = [_apply(stage, w) for _, w in live]
            still = []
            for (index, before), result in zip(live, results, strict=True):
                checked = result if isinstance(result, Failure) else _assigned(stage, result)
                if isinstance(checked, Failure):
                    outcomes[index] = Outcome(before, checked)
                else:
                    still.append((index, checked))
            live = still
        for index, work in live:
            outcomes[index] = Outcome(work)
        return [o for o in outcomes if o is not None]


def _apply(stage: Stage, work: Work) -> Work | Failure:
    """One stage on one document, its error turned into a ``Failure`` that names the stage."""
    try:
        result = stage(work)
    except StageError as exc:
        return Failure(work.raw.source, exc.stage, exc.reason)
    except OnrecordError as exc:
        return Failure(work.raw.source, stage.name, str(exc) or type(exc).__name__)
    except Exception as exc:  # a bug in a stage must not stop the batch, nor vanish
        logger.exception("stage %s failed on %s", stage.name, work.raw.source)
        return Failure(work.raw.source, stage.name, f"internal error: {type(exc).__name__}: {exc}")
    return _assigned(stage, result)


def _assigned(stage: Stage, result: Work) -> Work | Failure:
    """The stage's result, or a ``Failure`` where it left a field it assigns empty."""
    missing = [name for name in stage.assigns if getattr(result, name) is None]
    if missing:
        return Failure(result.raw.source, stage.name, f"stage did not assign {missing}")
    return result
