"""The pages: each renders its resource's data (``views``, exactly as its JSON twin gives it) through a
template. What only a page needs (links to narrow a search, the article cut at the statement's spans) is
worked out here from that data, beside it, never into it.

Text from documents is only ever given to templates as data, which Jinja escapes; the two places that
add markup (highlighted matches, marked spans of an article) escape the text first themselves. Links
taken from documents are rendered only when they are http or https (``web_link``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from itertools import pairwise
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from onrecord.charts import svg_bars, svg_timeline
from onrecord.timeline import Timeline

Data = dict[str, Any]

_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's environment, reading ``row.name`` from a plain dict (all the pages' data is plain dicts)
    without the AttributeError Jinja raises and catches first: that exception, once per lookup, was a
    quarter of a search page's time. The answer is Jinja's own (a dict's methods still win)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


templates = Jinja2Templates(
    env=_Environment(
        loader=jinja2.FileSystemLoader(str(resources.files("onrecord.web") / "templates")),
        autoescape=jinja2.select_autoescape(),
        auto_reload=False,  # the templates are the installed package's: no stat of each per request
    )
)
_MATCH = re.compile(r"«([^«»]*)»")
_WEB_SCHEMES = frozenset({"http", "https"})


def highlighted(text: str) -> Markup:
    """Search matches (between « and ») as <mark>, the rest escaped."""
    return Markup(_MATCH.sub(r"<mark>\1</mark>", str(escape(text))))


def web_link(url: object) -> str | None:
    """``url`` when it is an http(s) address a page may link to; None for anything else
    (``javascript:``, ``data:``, relative or unreadable addresses)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in _WEB_SCHEMES and parts.netloc else None


def chart(data: dict[str, Any], title: str) -> Markup:
    """A timeline's data (as the JSON twin gives it) drawn as an inline SVG chart."""
    return Markup(svg_timeline(Timeline.from_dict(data), title))


def bars(rows: list[dict[str, Any]], title: str) -> Markup:
    return Markup(svg_bars([(r["value"], r["count"]) for r in rows], title))


templates.env.filters["highlighted"] = highlighted
templates.env.filters["web_link"] = web_link
templates.env.globals.update(chart=chart, bars=bars)


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """``text`` cut at every span boundary: each piece with the names of the spans that cover it."""
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    pieces = []
    for start, end in pairwise(cuts):
        names = tuple(name for s, e, name in spans if s <= start and end <= e)
        pieces.append((text[start:end], names))
    return pieces


def _with(request: Request, **changes: object) -> str:
    """This page's address with some parameters set (a None leaves its parameter as it is); paging
    starts again unless ``offset`` is among the changes."""
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    return "?" + urlencode(params)


def _facet_filter(name: str, value: str) -> dict[str, object]:
    if name == "year":
        return {"from": f"{value}-01-01", "to": f"{value}-12-31"}
    return {name: value}


def _search_links(request: Request, data: Data) -> Data:
    """Links of the search page: each facet value narrows the search; previous and next pages."""
    links: Data = {
        "facets": {
            name: {v["value"]: _with(request, **_facet_filter(name, v["value"])) for v in values}
            for name, values in data["facets"].items()
        }
    }
    offset, limit = data["offset"], data["limit"]
    if offset > 0:
        links["previous"] = _with(request, offset=max(offset - limit, 0))
    if offset + limit < data["total"]:
        links["next"] = _with(request, offset=offset + limit)
    return links


def _statement_segments(request: Request, data: Data) -> Data:
    spans = [
        (span["start"], span["end"], name)
        for name in ("content", "cue", "speaker_mention")
        if (span := data[name]) is not None
    ]
    return {"segments": segments(data["document"]["text"], spans)}


# what a page works out from its data, by template
_EXTRAS: dict[str, Callable[[Request, Data], Data]] = {
    "search.html": _search_links,
    "statement.html": _statement_segments,
}


def renderer(
    template: str,
    title: Callable[[Data], str],
    twin: str | None,
    defaults: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Callable[[Request, Data], HTMLResponse]:
    """How the page of a resource renders its data: ``twin`` is the path of its JSON (None: /api/v1
    followed by the page's own path); ``defaults``, the parameters the page gave for the request."""
    extras = _EXTRAS.get(template)

    def render(request: Request, data: Data) -> HTMLResponse:
        page = extras(request, data) if extras else {}
        return _page(request, template, data, title(data), twin, page, defaults)

    return render


def _page(
    request: Request,
    template: str,
    data: Data,
    title: str,
    twin: str | None,
    page: Data | None = None,
    defaults: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> HTMLResponse:
    link = twin or "/api/v1" + request.url.path
    given = list(request.query_params.multi_items())
    given += [(name, v) for name, values in defaults if name not in request.query_params for v in values]
    if given:
        link += "?" + urlencode(given)
    context = {"data": data, "page": page or {}, "title": title, "twin": link}
    return templates.TemplateResponse(request, template, context)


def api_page(request: Request) -> HTMLResponse:
    """The API's routes and parameters, read from its OpenAPI description."""
    spec = request.app.openapi()
    routes = [
        {
            "path": path,
            "summary": operation.get("summary", ""),
            "parameters": [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ],
        }
        for path, methods in spec["paths"].items()
        for operation in methods.values()
    ]
    data = {"routes": routes, "version": spec["info"]["version"]}
    return _page(request, "api.html", data, "API", "/openapi.json")
