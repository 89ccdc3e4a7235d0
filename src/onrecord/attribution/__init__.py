"""Attribution: who said what in an article, every field pointing to its span in the clean text.

    Attributor(settings).attribute(article) -> tuple[Statement, ...]
    Attributor(settings).attribute_many(articles) -> Iterator[tuple[Statement, ...]]   (nlp.pipe batches)
    AttributeStage                                       pipeline stage: article -> statements

Modules, in the order the work is done: ``quotes`` (quotation marks), ``cues`` (reporting expressions),
``clauses`` (source and content of each cue), ``speakers`` (what a mention says about its source),
``layout`` (headline colons, speaker labels), ``coref`` (one speaker per source), ``continuations``
(uncued sentences that carry on a speech), ``unreports`` (UN Working Group reports, a rule path).
Lexicons are data: ``onrecord/data/cues.json``, ``speakers.json``, ``countries.json``, ``unreports.json``.
"""

from __future__ import annotations

from onrecord.attribution.attributor import AttributeStage, Attributor

__all__ = ["AttributeStage", "Attributor"]
