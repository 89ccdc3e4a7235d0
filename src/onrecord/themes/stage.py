"""Pipeline stages that give each statement its topics and the positions it takes."""

from __future__ import annotations

from dataclasses import replace

from onrecord.pipeline import Work
from onrecord.themes.stance import PositionFinder
from onrecord.themes.topics import TopicModel, TopicPredictor


class PositionStage:
    """The positions each statement's content takes, with the evidence span that triggered each."""

    name: str = "positions"
    requires: tuple[str, ...] = ("article", "statements")
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self, classifier: PositionFinder | None = None) -> None:
        self.classifier = classifier if classifier is not None else PositionFinder()

    def __call__(self, work: Work) -> Work:
        assert work.article is not None and work.statements is not None
        text = work.article.text
        found = self.classifier.classify_many(
            [(text, st.content.start, st.content.end) for st in work.statements]
        )
        statements = tuple(
            replace(st, positions=positions) for st, positions in zip(work.statements, found, strict=True)
        )
        return replace(work, statements=statements)


class TopicStage:
    """The UPR Info issue labels of each statement's content."""

    name: str = "topics"
    requires: tuple[str, ...] = ("statements",)
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self, model: TopicPredictor | None = None) -> None:
        self.model = model if model is not None else TopicModel.default()

    def __call__(self, work: Work) -> Work:
        assert work.statements is not None
        if not work.statements:
            return work
        predicted = self.model.predict([st.content.text for st in work.statements])
        statements = tuple(
            replace(st, topics=tuple(topics)) for st, topics in zip(work.statements, predicted, strict=True)
        )
        return replace(work, statements=statements)
