"""Metadata a web page declares in its markup: the fallbacks for what the extractor misses.

Read from the parsed page only (nothing is fetched): ``<html lang>``, ``<title>``, ``og:title``,
``article:published_time`` and its kin, JSON-LD ``headline`` / ``datePublished`` / ``author`` /
``publisher``, author ``<meta>`` tags, ``og:site_name``, and the texts of the page's visible byline
elements (``rel="author"``, ``itemprop="author"``, classes and ids naming a byline or an author).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from onrecord.clean.dates import parse_date

# In the order Readability.js prefers them; keys are lower case, "dc:" and "dc." both occur.
_TITLE_META = (
    "dc:title",
    "dc.title",
    "dcterm:title",
    "dcterms.title",
    "og:title",
    "title",
    "twitter:title",
    "parsely-title",
)
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
)
_AUTHOR_META = (
    "dc:creator",
    "dc.creator",
    "dcterm:creator",
    "dcterms.creator",
    "author",
    "parsely-author",
    "article:author",
    "sailthru.author",
)
_SITE_META = ("og:site_name", "application-name")
# Elements that hold a visible byline (the marks Readability.js looks for too).
_BYLINE_PATH = (
    ".//body//*[@rel='author' or contains(@itemprop, 'author') or contains(@class, 'byline')"
    " or contains(@class, 'author') or contains(@id, 'byline') or contains(@id, 'author')]"
)
_BYLINE_MAX_FOUND = 12
_BYLINE_MAX_CHARS = 100
# What pages wrap JSON-LD in, for old browsers: CDATA sections and HTML comments (with "//" before them).
_JSON_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


@dataclass(frozen=True, slots=True)
class PageMarkup:
    """What the markup of a page says about it; any field may be missing."""

    lang: str | None = None
    title_tag: str | None = None
    meta_title: str | None = None
    published: dt.date | None = None
    author: str | None = None
    site_name: str | None = None
    visible_bylines: tuple[str, ...] = ()  # the texts of the page's byline elements, in page order


def read_markup(tree: Any) -> PageMarkup:
    """The declared metadata of the page ``tree`` (an ``lxml.html`` element; lxml ships no type stubs)."""
    meta = dict(_meta_pairs(tree))
    articles = [obj for obj in _json_ld_objects(tree) if _is_article(obj)]  # JSON-LD of the article
    title_tag = tree.findtext(".//title")
    return PageMarkup(
        lang=_lang(tree),
        title_tag=" ".join(title_tag.split()) if title_tag and title_tag.strip() else None,
        meta_title=_ld_text(articles, "headline", "name") or _first(meta, _TITLE_META),
        published=_first_date(meta, articles),
        author=_ld_author(articles) or _first(meta, _AUTHOR_META),
        site_name=_first(meta, _SITE_META) or _ld_publisher(articles),
        visible_bylines=_visible_bylines(tree),
    )


def _lang(tree: Any) -> str | None:
    root = tree.getroottree().getroot()
    value = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return value.strip() or None if value else None


def _meta_pairs(tree: Any) -> Iterator[tuple[str, str]]:
    for element in tree.iterfind(".//meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            for key in (element.get(attribute) or "").lower().split():
                yield key, " ".join(content.split())


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value and not value.startswith(("http://", "https://")):
            return value
    return None


def _first_date(meta: dict[str, str], articles: list[dict[str, Any]]) -> dt.date | None:
    """The first declared publication date (JSON-LD, then meta tags); where it is given in UTC and
    another source gives the same instant in the publisher's own time zone, that day is the one."""
    values = [
        value
        for obj in articles
        for value in (obj.get("datePublished"), obj.get("dateCreated"))
        if isinstance(value, str)
    ]
    values += [meta[key] for key in _DATE_META if meta.get(key)]
    for index, value in enumerate(values):
        date = parse_date(value)
        if date is None:
            continue
        instant = _instant(value)
        if instant is not None and instant.utcoffset() == dt.timedelta(0):
            for other in values[index + 1 :]:
                local = _instant(other)
                if (
                    local is not None
                    and local.utcoffset() not in (None, dt.timedelta(0))
                    and local == instant
                ):
                    return local.date()
        return date
    return None


def _instant(value: str) -> dt.datetime | None:
    """A timestamp with its time zone ("2031-02-23T17:18:13-08:00"), else ``None``."""
    try:
        stamp = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


def _is_article(obj: dict[str, Any]) -> bool:
    kinds = obj.get("@type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(str(kind).endswith(("Article", "Posting", "Report", "Blog", "WebPage")) for kind in kinds)


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of the page, ``@graph`` members included; unreadable blocks are skipped."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(_JSON_WRAPPERS.sub("", script.text or ""))
        except json.JSONDecodeError:
            continue  # a malformed block says nothing; the other sources remain
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k == "@graph" or k == "mainEntity")
            elif isinstance(item, list):
                stack.extend(item)


def _ld_text(articles: list[dict[str, Any]], *keys: str) -> str | None:
    for obj in articles:
        for key in keys:
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
    return None


def _ld_author(articles: list[dict[str, Any]]) -> str | None:
    for obj in articles:
        author = obj.get("author")
        names: list[str] = []
        for item in author if isinstance(author, list) else [author]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append(item["name"].strip())
            elif isinstance(item, str):
                names.append(item.strip())
        if any(names):
            return ", ".join(n for n in names if n)
    return None


def _ld_publisher(articles: list[dict[str, Any]]) -> str | None:
    for obj in articles:
        publisher = obj.get("publisher")
        name = publisher.get("name") if isinstance(publisher, dict) else publisher
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())
    return None


def _visible_bylines(tree: Any) -> tuple[str, ...]:
    """The texts of the first short byline elements of the page's body."""
    found: list[str] = []
    for element in tree.xpath(_BYLINE_PATH):
        text = " ".join(element.text_content().split())
        if text and len(text) <= _BYLINE_MAX_CHARS and text not in found:
            found.append(text)
            if len(found) >= _BYLINE_MAX_FOUND:
                break
    return tuple(found)
