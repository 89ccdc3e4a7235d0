"""The outlets onrecord knows, read once from ``data/outlets.toml``, and how a page names its outlet.

    outlet_of_url(url)        a known outlet whose host (or host and path) the URL is on, else the host
    known_outlet_of_url(url)  the same, known outlets only
    outlet_of_title(title)    a known outlet a page title names after a separator ("... | Reuters")
    outlet_of_lines(lines)    the known outlet whose furniture lines ("In progress at UNHQ", "Meeting
                              Summaries", a press code) weigh most in page text saved without its address
    canonical_outlet(name)    a known outlet as the data writes it ("UNOG" -> "UN Geneva"), else the name

The names, hosts and signs are data; this module only reads, checks and applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from onrecord.datafiles import parse_toml, read_text
from onrecord.errors import ConfigError

OUTLETS_FILE = "outlets.toml"
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " » ")


@dataclass(frozen=True, slots=True)
class Sign:
    """A line of page furniture that gives an outlet away."""

    pattern: re.Pattern[str]
    weight: int = 2
    within: int | None = None  # counts only among the first ``within`` non-blank lines


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    signs: tuple[Sign, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletBook:
    outlets: tuple[Outlet, ...]
    min_weight: int
    names: Mapping[str, str]  # every name and alias, folded, to the outlet's recorded name

    def by_host(self, host: str, path: str = "") -> Outlet | None:
        """The outlet of ``host`` (sub-domains included) and ``path``; a host-and-path entry wins."""
        host = host.lower().removeprefix("www.")
        first = path.strip("/").split("/", 1)[0].lower()
        parts = host.split(".")
        for start in range(len(parts) - 1):  # en.wikinews.org, then wikinews.org
            suffix = ".".join(parts[start:])
            for key in (f"{suffix}/{first}", suffix) if first else (suffix,):
                for outlet in self.outlets:
                    if key in outlet.hosts:
                        return outlet
        return None


@cache
def outlet_book() -> OutletBook:
    """The outlets of ``onrecord/data/outlets.toml`` (read on first use, then kept)."""
    return parse_outlets(read_text(OUTLETS_FILE))


def parse_outlets(text: str) -> OutletBook:
    """Read an outlet file's TOML text; raises ``ConfigError`` naming the outlet at fault."""
    data = parse_toml(text, OUTLETS_FILE)
    try:
        outlets = tuple(_outlet(entry) for entry in data["outlet"])
        min_weight = int(data["min_weight"])
    except KeyError as exc:
        raise ConfigError(f"{OUTLETS_FILE} lacks the entry {exc}") from None
    names: dict[str, str] = {}
    for outlet in outlets:
        for name in (outlet.name, *outlet.aliases):
            names.setdefault(_fold(name), outlet.name)
    return OutletBook(outlets, min_weight, names)


def _outlet(entry: Mapping[str, Any]) -> Outlet:
    name = str(entry.get("name", "?"))
    try:
        return Outlet(
            name=str(entry["name"]),
            aliases=tuple(str(a) for a in entry.get("aliases", ())),
            hosts=tuple(str(h).lower() for h in entry.get("hosts", ())),
            signs=tuple(
                Sign(re.compile(s["pattern"]), int(s.get("weight", 2)), s.get("within"))
                for s in entry.get("sign", ())
            ),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ConfigError(f"{OUTLETS_FILE}: outlet {name!r} is malformed: {exc}") from None


def canonical_outlet(name: str) -> str:
    """A known outlet's recorded name for ``name`` or one of its aliases; else ``name``, whitespace folded."""
    folded = " ".join(name.split())
    return outlet_book().names.get(_fold(folded), folded)


def is_known_outlet(name: str) -> bool:
    return _fold(name) in outlet_book().names


def known_outlet_of_url(url: str | None) -> str | None:
    """The known outlet the URL ``url`` is on, or ``None``."""
    host, path = _host_and_path(url)
    outlet = outlet_book().by_host(host, path) if host else None
    return outlet.name if outlet else None


def outlet_of_url(url: str | None) -> str | None:
    """The outlet a URL names: a known outlet's name, else its host without ``www.``."""
    host, _ = _host_and_path(url)
    return known_outlet_of_url(url) or host or None


def outlet_of_lines(lines: Iterable[str]) -> str | None:
    """The known outlet whose signs the page's lines carry with the most weight (each sign once)."""
    book = outlet_book()
    weights: dict[str, int] = {}
    seen: set[tuple[str, int]] = set()
    position = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        position += 1
        for outlet in book.outlets:
            for index, sign in enumerate(outlet.signs):
                if (outlet.name, index) in seen or (sign.within is not None and position > sign.within):
                    continue
                if sign.pattern.fullmatch(line):
                    seen.add((outlet.name, index))
                    weights[outlet.name] = weights.get(outlet.name, 0) + sign.weight
    if not weights:
        return None
    order = {outlet.name: i for i, outlet in enumerate(book.outlets)}
    name, weight = min(weights.items(), key=lambda item: (-item[1], order[item[0]]))
    return name if weight >= book.min_weight else None


def outlet_of_title(title: str | None) -> str | None:
    """The known outlet a title names after (or before) a separator: "Accord signed | Reuters"."""
    if not title:
        return None
    for separator in _TITLE_SEPARATORS:
        if separator in title:
            for piece in (title.rsplit(separator, 1)[1], title.split(separator, 1)[0]):
                if is_known_outlet(piece.strip()):
                    return canonical_outlet(piece.strip())
    return None


def _host_and_path(url: str | None) -> tuple[str, str]:
    if not url or not url.strip():
        return "", ""
    url = url.strip()
    parts = urlsplit(url if "//" in url else f"//{url}")
    return (parts.hostname or "").lower().removeprefix("www."), parts.path


def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()
