"""A speech row: a table row (CSV/JSONL) with a ``speaker`` column is one speech by that speaker.

``data/ingest.json`` lists the column names accepted for the speaker, their country and role, and the body,
session and segment where the speech was given. The row's fields are read once, here, as a ``Speech``;
the later stages read that record: cleaning decides the genre (``speech``), attribution makes every
paragraph a direct statement of the speaker (``attribution.speeches``) and the events stage places them at
the event the row names (``events.speeches``)::

    speech = speech_of(work.raw.fields)           # None for anything but a speech row
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping


@dataclasses.dataclass(frozen=True, slots=True)
class Speech:
    """Who gave a speech and where, as the row gives it."""

    speaker: str
    country: str | None = None
    role: str | None = None
    body: str | None = None
    session: int | None = None
    segment: str | None = None

    @property
    def by_state(self) -> bool:
        """Whether the speaker is the State itself (the row names no person)."""
        return self.country is not None and self.speaker.casefold() == self.country.casefold()


def speech_of(fields: Mapping[str, str]) -> Speech | None:
    """The speech a row's fields describe, or None when the row names no speaker."""
    speaker = " ".join(fields.get("speaker", "").split())
    if not speaker:
        return None
    session = fields.get("session", "").strip()
    return Speech(
        speaker=speaker,
        country=" ".join(fields.get("country", "").split()) or None,
        role=" ".join(fields.get("role", "").split()) or None,
        body=" ".join(fields.get("body", "").split()) or None,
        session=int(session) if session.isdigit() else None,
        segment=" ".join(fields.get("segment", "").split()) or None,
    )
