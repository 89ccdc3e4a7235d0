"""A bare title ("the minister") refers to the person named with that role before it."""

from __future__ import annotations

from onrecord.attribution import Attributor
from onrecord.models import Article


def test_a_title_resolves_to_the_person_who_holds_it() -> None:
    text = (
        "Invented headline about a ministerial speech\n\n"
        "Anja Korhonen, the foreign minister of Veldoria, said the negotiations would continue.\n\n"
        "The minister also said that every delegation deserved the same hearing."
    )
    statements = Attributor().attribute(Article(text=text))
    said = {s.content.text: s.speaker.name for s in statements}
    assert said.get("every delegation deserved the same hearing") == "Anja Korhonen"
    assert "minister" not in set(said.values())


def test_a_title_nobody_holds_stays_its_own_speaker() -> None:
    text = (
        "Invented headline\n\n"
        "Analyst Petra Lind said the vote was close.\n\n"
        "The ambassador said the result would stand."
    )
    names = {s.speaker.name for s in Attributor().attribute(Article(text=text))}
    assert "Petra Lind" in names
    assert any("ambassador" in n.lower() for n in names)
