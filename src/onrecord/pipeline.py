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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Protocol, runtime_checkable

from onrecord.errors import OnrecordError, PipelineError, StageError
from onrecord.models import Article, DecodedText, Failure, RawDocument, Statement

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Work:
    """One document on its way through the stages; fields fill in as stages run."""

    raw: RawDocument
    decoded: DecodedText | None = None
    article: Article | None = None
    statements: tuple[Statement, ...] | None = None


WORK_FIELDS = frozenset(f.name for f in fields(Work))


@runtime_checkable
class Stage(Protocol):
    """What every stage provides: a name, the ``Work`` fields it needs and fills, and a call."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> Work: ...


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

    def run(self, work: Work) -> Work | Failure:
        """Run every stage on one document; a stage's error becomes a ``Failure`` naming it."""
        for stage in self.stages:
            try:
                work = stage(work)
            except StageError as exc:
                return Failure(work.raw.source, exc.stage, exc.reason)
            except OnrecordError as exc:
                return Failure(work.raw.source, stage.name, str(exc) or type(exc).__name__)
            except Exception as exc:  # a bug in a stage must not stop the batch, nor vanish
                logger.exception("stage %s failed on %s", stage.name, work.raw.source)
                return Failure(work.raw.source, stage.name, f"internal error: {type(exc).__name__}: {exc}")
            for name in stage.assigns:
                if getattr(work, name) is None:
                    return Failure(work.raw.source, stage.name, f"stage did not assign {name!r}")
        return work

    def run_many(self, works: Iterable[Work]) -> Iterator[Work | Failure]:
        for work in works:
            yield self.run(work)
