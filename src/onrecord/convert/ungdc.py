"""The UN General Debate corpus (UNGDC) as speech rows onrecord ingests.

The corpus keeps the speeches (``speeches_*.jsonl.gz``: ``iso3``, ``session``, ``year``, ``text``) apart
from who gave them (``speakers_*.csv``: Year, Session, ISO Code, Country, Name of Person Speaking, Post).
``ungdc_rows`` joins the two on session and ISO code into rows with the speech columns of
``data/ingest.json`` (speaker, country, role, body, session, segment), so that each speech is stored as
one document whose paragraphs are its speaker's statements at the General Assembly::

    onrecord convert ungdc ../shared/data/ungdc --since 1990 --output ungdc.jsonl
    onrecord ingest ungdc.jsonl

A speech whose speaker the table does not name is given to the State itself.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onrecord.attribution.lexicon import countries as country_lexicon
from onrecord.errors import ConfigError

BODY = "UN General Assembly"
SEGMENT = "General Debate"


# "Mr. Mohammad Ashraf Ghani", "H.E. Ms. ...": forms of address, not part of the name
_ADDRESS = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mme|Dr|H\.\s?E|His Excellency|Her Excellency|Sir)\.?\s+)+")


@dataclass(frozen=True, slots=True)
class Who:
    name: str | None
    post: str | None


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if not found:
        raise ConfigError(f"no {pattern} in {folder}: give the folder of the UN General Debate corpus")
    return found[-1]


def read_speakers(path: Path) -> tuple[dict[tuple[int, str], Who], dict[str, str]]:
    """Who spoke at each (session, ISO code), and each ISO code's country (its latest name, as the
    country lexicon has it where it knows that name: "United States of America" -> United States)."""
    speakers: dict[tuple[int, str], Who] = {}
    countries: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("ISO Code") or "").strip().upper()
            session = (row.get("Session") or "").strip()
            official = " ".join((row.get("Country") or "").split())
            if not code or not session.isdigit() or not official:
                continue
            # the lexicon's name where it knows this one whole ("United States of America" -> United States)
            country = country_lexicon().lookup.get(official, official)
            name = _ADDRESS.sub("", " ".join((row.get("Name of Person Speaking") or "").split())) or None
            post = " ".join((row.get("Post") or "").split()) or None
            speakers[(int(session), code)] = Who(name, post)
            countries.setdefault(code, country)  # the file runs newest first
    return speakers, countries


def ungdc_rows(
    folder: Path, since: int | None = None, until: int | None = None
) -> Iterator[dict[str, object]]:
    """One speech row per speech of the corpus in ``folder`` (years ``since``..``until``), in its order."""
    speakers, countries = read_speakers(_one(folder, "speakers_*.csv"))
    with gzip.open(_one(folder, "speeches_*.jsonl.gz"), "rt", encoding="utf-8") as handle:
        for line in handle:
            speech = json.loads(line)
            year, session, code = int(speech["year"]), int(speech["session"]), str(speech["iso3"]).upper()
            if (since is not None and year < since) or (until is not None and year > until):
                continue
            who = speakers.get((session, code))
            country = countries.get(code, code)  # one name per ISO code, whatever the year's spelling
            speaker = who.name if who and who.name else country
            post = who.post if who and who.name else None
            title = (
                f"{country} at the General Debate of the {_ordinal(session)} session of the General Assembly"
            )
            yield {
                "title": f"{title} ({year})" + (f": {speaker}, {post}" if post else ""),
                "speaker": speaker,
                "speaker_country": country,
                "speaker_role": post,
                "event_body": BODY,
                "session": session,
                "segment": SEGMENT,
                "year": year,
                "text": speech["text"],
            }


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
