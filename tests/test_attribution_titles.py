"""A bare title ("the minister") refers to the person named with that role before it."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("introduced", "role", "country"),
    [
        ("Norway's Foreign Minister Ingrid Solvang", "Foreign Minister", "Norway"),
        ("Kenya's Deputy Minister Amani Wekesa", "Deputy Minister", "Kenya"),
        ("Peru's Justice Minister Rosa Quispe", "Justice Minister", "Peru"),
    ],
)
def test_a_title_before_the_name_is_kept_whole(introduced: str, role: str, country: str) -> None:
    """An honorific that ends a title ("Minister") stays in it; the possessive State is the country."""
    text = (
        "Invented headline about a ministerial speech\n\n"
        f"{introduced} said the talks had to resume next week.\n\n"
        "The minister said every delegation deserved the same hearing."
    )
    statements = Attributor().attribute(Article(text=text))
    name = introduced.split(" ", 3)[-1] if "Deputy" not in introduced else "Amani Wekesa"
    assert {s.speaker.name for s in statements} == {name}
    speaker = statements[0].speaker
    assert role in speaker.roles
    assert speaker.country == country


@pytest.mark.parametrize(
    "later",
    [
        "The minister said every delegation deserved the same hearing.",
        "The Minister said every delegation deserved the same hearing.",
        "The minister said the hearing had been fair, noting that the vote was close.",
    ],
)
def test_a_title_in_the_headline_is_not_whom_the_body_names_by_it(later: str) -> None:
    """ "Foreign minister" of a headline is a title, not a name: "the minister" of the body is the person
    named with that title, and the headline's words do not make a speaker of their own for it."""
    text = (
        "Norway's foreign minister urges council to keep talking\n\n"
        "Norway's Foreign Minister Ingrid Solvang said the talks had to resume next week.\n\n"
        f"{later}"
    )
    statements = Attributor().attribute(Article(text=text))
    said = {s.content.text: s.speaker.name for s in statements}
    assert said.get("every delegation deserved the same hearing", "Ingrid Solvang") == "Ingrid Solvang"
    assert said.get("the vote was close", "Ingrid Solvang") == "Ingrid Solvang"
    assert set(said.values()) & {"Minister", "minister"} == set()
    assert said.get("council to keep talking") == "Ingrid Solvang"  # the headline's title is hers


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Norway tells council that talks must go on\nBy Ann Reporter, Oslo correspondent", "Ingrid Solvang"),
        ("Norway's foreign minister says talks must go on", "Ingrid Solvang"),
        ("UN trade expert says talks must go on", None),  # a title the body gives nobody: dropped
    ],
)
def test_a_headline_speaker_is_the_one_the_body_names(headline: str, speaker: str | None) -> None:
    """A headline shortens its speaker; its statement goes to the person the body names (in its own
    line: the byline under it is no part of it), or to nobody."""
    text = (
        f"{headline}\n\n"
        "OSLO — Norway's Foreign Minister Ingrid Solvang said on Monday that the talks had to resume.\n\n"
        "Kari Nordby, an analyst at an invented institute, said the speech was well received."
    )
    statements = Attributor().attribute(Article(text=text))
    said = {s.content.text: s.speaker.name for s in statements}
    assert said.pop("talks must go on", None) == speaker
    assert said == {
        "the talks had to resume": "Ingrid Solvang",
        "the speech was well received": "Kari Nordby",
    }


def test_a_headline_state_is_not_a_citizen_without_a_post_for_it() -> None:
    """Only a person with a post that speaks for the State ("Foreign Minister") stands for it."""
    text = (
        "Norway tells council that talks must go on\n\n"
        "Kari Nordby, a Norwegian lawyer at an invented institute, said the speech was well received."
    )
    said = {s.content.text: s.speaker.name for s in Attributor().attribute(Article(text=text))}
    assert said.get("talks must go on") == "Norway"


@pytest.mark.parametrize("honorific", ["Ms.", "Daw"])
def test_an_honorific_is_no_part_of_the_name(honorific: str) -> None:
    text = (
        "Invented headline about an exiled activist\n\n"
        f"{honorific} Nwe Ni Lwin, an activist living in exile, said that the elections could not be free "
        "while the leaders of the opposition remained in prison."
    )
    names = {s.speaker.name for s in Attributor().attribute(Article(text=text))}
    assert names == {"Nwe Ni Lwin"}


def test_a_hyphenated_title_resolves_to_its_holder() -> None:
    text = (
        "Invented headline on a review\n\n"
        "Peru's Vice-Minister for Justice, Rosa Quispe Lanza, told the review on Tuesday that the number of "
        "attacks on journalists had fallen sharply.\n\n"
        "The vice-minister, who led a 12-member delegation, said the government had created a protection "
        "fund for reporters in 2025."
    )
    said = {s.content.text[:30]: s.speaker.name for s in Attributor().attribute(Article(text=text))}
    assert said.get("the government had created a p") == "Rosa Quispe Lanza", said
