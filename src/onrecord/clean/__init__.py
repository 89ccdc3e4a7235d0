"""Clean text and metadata: from a decoded document to an ``Article``.

    make_article(raw, decoded) -> Article       dispatching on the document's media type:

    TEXT    scraped page text: a line classifier (rules in data/furniture.toml) drops furniture and
            recovers date, byline and outlet (known outlets in data/outlets.toml); UN documents (cover
            page, symbol) have their own profile
    HTML    trafilatura for the main text and metadata, the page's markup for what it misses
    RECORD  a table row: its text lightly cleaned, title/date/url from its fields

The clean text is the headline, a blank line, then the body paragraphs separated by blank lines; body
lines keep their characters (only their ends are stripped), since every later offset indexes this text.
"""

from __future__ import annotations

from dataclasses import replace

from onrecord.clean.genre import decide_genre
from onrecord.clean.language import choose_language, detect_language
from onrecord.clean.records import record_article
from onrecord.clean.scraped import scraped_article
from onrecord.clean.undocs import is_un_document, un_article
from onrecord.clean.webpages import html_article
from onrecord.errors import ExtractionError
from onrecord.ingest.speeches import speech_of
from onrecord.models import Article, DecodedText, MediaType, RawDocument
from onrecord.pipeline import Work

__all__ = [
    "CleanStage",
    "choose_language",
    "decide_genre",
    "detect_language",
    "html_article",
    "is_un_document",
    "make_article",
    "record_article",
    "scraped_article",
    "un_article",
]


def make_article(raw: RawDocument, decoded: DecodedText) -> Article:
    """The article of one document; raises ``ExtractionError`` (with the reason) when none can be made."""
    url = (raw.fields.get("url") or "").strip() or None
    un_document = False
    if raw.media_type is MediaType.HTML:
        article = html_article(decoded.text, url=url)
        evidence = "\n".join([article.text, *(line.text for line in article.removed)])
    elif raw.media_type is MediaType.RECORD:
        article = record_article(decoded.text, raw.fields)
        evidence = article.text
        article = replace(article, language=detect_language(article.text))
    elif raw.media_type is MediaType.TEXT:
        evidence = decoded.text
        un_document = is_un_document(evidence)
        article = un_article(evidence, url=url) if un_document else scraped_article(evidence, url=url)
        article = replace(article, language=detect_language(article.text))
    else:  # pragma: no cover - MediaType is closed; a new member must be handled here
        raise ExtractionError(f"no cleaner for media type {raw.media_type!r}")
    genre = decide_genre(
        evidence, url=article.url or url, speech=speech_of(raw.fields) is not None, un_document=un_document
    )
    return replace(article, genre=genre)


class CleanStage:
    """The pipeline stage that fills ``Work.article`` from ``Work.raw`` and ``Work.decoded``."""

    name = "clean"
    requires: tuple[str, ...] = ("raw", "decoded")
    assigns: tuple[str, ...] = ("article",)

    def __call__(self, work: Work) -> Work:
        if work.decoded is None:
            raise ExtractionError("the document was not decoded before cleaning")
        return replace(work, article=make_article(work.raw, work.decoded))
