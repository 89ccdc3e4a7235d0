"""UPR Working Group reports (``onrecord.attribution.unreports``): what is not a delegation's statement.

Each case is a made-up report in the layout of the A/HRC/WG.6 series, with invented sentences: a heading
line is no statement; a word before a State's name ("While", "Although", "Finally") is not part of it; a
place, an observance or a noun before a reporting verb is no speaker (the sentence carries on the
speaker of its paragraph, or is dropped where there is none); the voluntary commitments are the State
under review's; a report whose dialogue comes late, after a long presentation, is still read as one.
"""

from __future__ import annotations

import pytest

from onrecord.attribution.unreports import attribute_report, is_wg_report, state_name
from onrecord.models import SpeakerKind, Statement

REVIEWED = "Tuvalu"


def report(presentation: str = "", dialogue: str = "", commitments: str = "", filler: int = 0) -> str:
    """A Working Group report on Tuvalu: ``dialogue`` is paragraph 20 of the interactive dialogue."""
    padding = "".join(
        f"{7 + i}. The delegation described the harbour works of island {i}.\n" for i in range(filler)
    )
    text = (
        "Report of the Working Group on the Universal Periodic Review\n"
        "Tuvalu\n"
        "Introduction\n"
        "1. The Working Group on the Universal Periodic Review held its session in May. The review of Tuvalu "
        "was held at the 9th meeting.\n"
        "I. Summary of the proceedings of the review process\n"
        "A. Presentation by the State under review\n"
        "5. The delegation presented the national report on the outer islands.\n"
        f"6. {presentation or 'The delegation described the fisheries law.'}\n"
        f"{padding}"
        "B. Interactive dialogue and responses by the State under review\n"
        "19. During the interactive dialogue, statements were made by 12 delegations.\n"
        f"20. {dialogue or 'Chile asked about the fisheries law.'}\n"
        "21. Brazil commended the census of the outer islands. It made recommendations.\n"
        "II. Conclusions and/or recommendations\n"
        "22. The recommendations formulated during the interactive dialogue have been examined by Tuvalu.\n"
    )
    if commitments:
        text += f"III. VOLUNTARY COMMITMENTS OF THE STATE UNDER REVIEW\n23. {commitments}\nAnnex\n"
        text += "Composition of the delegation\nThe delegation of Tuvalu was headed by the Minister.\n"
    return text


def by(statements: tuple[Statement, ...], words: str) -> list[Statement]:
    """The statements whose content has ``words``."""
    return [s for s in statements if words in s.content.text]


def speakers(statements: tuple[Statement, ...]) -> set[str]:
    return {s.speaker.name for s in statements}


# --- a heading line is never a statement ------------------------------------------------------------


@pytest.mark.parametrize(
    "presentation",
    [
        "The delegation described the fisheries law.",
        "Finally, the delegation thanked the troika.",
        "The Minister stated that the census was complete.",
    ],
)
def test_the_dialogue_heading_is_no_statement_of_the_state_under_review(presentation: str) -> None:
    statements = attribute_report(report(presentation=presentation))
    assert not by(statements, "Interactive dialogue")
    assert by(statements, presentation.split()[-1])  # the presentation itself is still read


@pytest.mark.parametrize(
    "heading",
    ["C. Responses by the State under review", "D. Replies to advance questions", "IV. OTHER MATTERS"],
)
def test_a_heading_line_inside_a_paragraph_is_no_statement(heading: str) -> None:
    text = report(dialogue=f"Chile asked about the fisheries law.\n{heading}\nIt recommended a census.")
    statements = attribute_report(text)
    assert not [s for s in statements if heading in s.content.text]
    assert [s.speaker.name for s in by(statements, "a census")] == ["Chile"]


# --- a word before a State's name is not part of it -----------------------------------------------------


@pytest.mark.parametrize("word", ["While", "Although", "Though", "Finally,", "However,", "Therefore", "But"])
def test_a_word_before_a_state_is_not_its_name(word: str) -> None:
    text = report(dialogue=f"{word} Chile welcomed the fisheries law, it regretted the delays.")
    found = by(attribute_report(text), "the fisheries law, it regretted")
    assert [(s.speaker.name, s.speaker.kind) for s in found] == [("Chile", SpeakerKind.STATE)]
    assert found[0].speaker_mention is not None and found[0].speaker_mention.text == "Chile"


def test_a_word_before_the_government_is_not_a_state() -> None:
    text = report(presentation="While the Government welcomed the census, it was short of funds.")
    assert "While the Government" not in speakers(attribute_report(text))


def test_a_state_spoken_of_in_another_states_turn_does_not_take_the_floor() -> None:
    # "However, Tuvalu was not yet a party" is what Chile said of Tuvalu, not Tuvalu speaking
    text = report(
        dialogue="Chile welcomed the law. However, Tuvalu was not yet a party to CAT. It asked why."
    )
    found = attribute_report(text)
    assert {s.speaker.name for s in by(found, "a party to CAT") + by(found, "why")} == {"Chile"}


# --- a place, an observance or a noun is no speaker ---------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "Tashkent was the host of the regional meeting.",
        "Funafuti was the seat of the new commission.",
        "United Nations Day of Vesak was celebrated in the capital.",
        "Education was free at every level.",
        "Recommendations made during the dialogue are to be found in section II.",
        "The Constitution recognized the right to education.",
        "The State was committed to the census.",
    ],
)
def test_a_non_state_opening_is_no_speaker(opening: str) -> None:
    name = opening.split(" was ")[0].split(" made ")[0].split(" recognized ")[0].removeprefix("The ")
    # at the head of a paragraph of the dialogue: nobody is named, the paragraph gives no statement
    alone = attribute_report(report(dialogue=opening))
    assert name not in speakers(alone)
    assert not by(alone, opening[-20:])
    # inside a State's paragraph: what that State said
    inside = attribute_report(report(dialogue=f"Chile welcomed the fisheries law. {opening}"))
    assert name not in speakers(inside)
    assert {s.speaker.name for s in by(inside, opening[-20:])} <= {"Chile"}
    # in the presentation: the State under review's words
    presented = attribute_report(report(presentation=f"The delegation described the law. {opening}"))
    assert name not in speakers(presented)
    assert {s.speaker.country for s in by(presented, opening[-20:])} <= {REVIEWED}


@pytest.mark.parametrize(
    ("opening", "speaker", "kind"),
    [
        (
            "The Head of Delegation stated that the census was complete.",
            "Head of Delegation",
            SpeakerKind.PERSON,
        ),
        (
            "The State Secretary of Justice stated that the census was complete.",
            "State Secretary of Justice",
            SpeakerKind.PERSON,
        ),
        ("The Government noted that the census was complete.", "Government of Tuvalu", SpeakerKind.STATE),
    ],
)
def test_the_state_under_reviews_officials_and_government(
    opening: str, speaker: str, kind: SpeakerKind
) -> None:
    found = by(attribute_report(report(dialogue=opening)), "the census was complete")
    assert [(s.speaker.name, s.speaker.kind, s.speaker.country) for s in found] == [(speaker, kind, REVIEWED)]


# --- the voluntary commitments are the State under review's --------------------------------------------


@pytest.mark.parametrize(
    "commitment",
    [
        "Tuvalu referred to commitments undertaken, in particular to a registry of fishing boats.",
        "Tuvalu is committed to a registry of fishing boats.",
        "The State under review will keep a registry of fishing boats.",
    ],
)
def test_a_voluntary_commitment_is_the_state_under_reviews(commitment: str) -> None:
    found = by(attribute_report(report(commitments=commitment)), "registry of fishing boats")
    assert [s.speaker.name for s in found] == [REVIEWED]


def test_the_working_groups_own_words_in_the_commitments_are_no_statement() -> None:
    text = report(commitments="Reference is made to the commitments made by Tuvalu in its national report.")
    assert not by(attribute_report(text), "national report.")


# --- the genre ------------------------------------------------------------------------------------------


def test_a_dialogue_after_a_long_presentation_is_still_a_working_group_report() -> None:
    text = report(filler=400)  # the dialogue's heading some 25,000 characters in, no table of contents
    assert text.index("Interactive dialogue") > 20000
    assert is_wg_report(text)


# --- what a State is called -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("Chile", "Chile"),
        ("United States of America", "United States"),
        ("Libyan Arab Jamahiriya", "Libya"),
        ("Principality of Monaco", "Monaco"),
        ("Bolivia (Plurinational State of)", "Bolivia"),
        ("Democratic People’s Republic of Korea (DPRK)", "Democratic People's Republic of Korea"),
        ("Saudia Arabia", "Saudi Arabia"),
        ("Untied Kingdom", "United Kingdom"),
        ("Netherlands and the United Kingdom", "Netherlands"),
        ("Tashkent", None),
        ("Syrians", None),
        ("While Croatia", None),
        ("United Nations Day of Vesak", None),
        ("Government", None),
        ("Education", None),
    ],
)
def test_state_name(name: str, state: str | None) -> None:
    assert state_name(name) == state


# --- a leading clause is not the speaker --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "While noting the census, Chile asked about the registry of fishing boats.",
        "Regarding the outer islands, Chile asked about the registry of fishing boats.",
        "Concerned by overfishing, the Republic of Chile asked about the registry of fishing boats.",
    ],
)
def test_a_state_after_a_leading_clause_takes_the_floor(sentence: str) -> None:
    found = by(attribute_report(report(dialogue=sentence + " It recommended a census.")), "fishing boats")
    assert [s.speaker.name for s in found] == [
        sentence.split(", ")[1].split(" asked")[0].removeprefix("the ")
    ]
    assert found[0].content.text.startswith("about the registry")


@pytest.mark.parametrize(
    "sentence",
    [
        "Regarding the outer islands, Funafuti was the seat of the new commission.",
        "While noting the census, the Constitution recognized the right to education.",
    ],
)
def test_no_state_after_a_leading_clause_is_no_speaker(sentence: str) -> None:
    assert not by(attribute_report(report(dialogue=sentence)), sentence[-20:])


# --- a footnote inside a paragraph is not the paragraph's speaker's -----------------------------------


@pytest.mark.parametrize(
    ("note", "speaker"),
    [
        ("5 \tPeru noted that the harbour was not on the agenda.", "Peru"),
        ("6\tTherefore Peru requested that the remark be struck from the report.", "Peru"),
        ("7 \tThe remark was struck from the report.", None),
    ],
)
def test_a_footnote_speaks_for_itself(note: str, speaker: str | None) -> None:
    text = report(dialogue=f"Chile welcomed the fisheries law and the census of\n\n{note}\nits river ports.")
    statements = attribute_report(text)
    assert {s.speaker.name for s in by(statements, note[-25:])} == ({speaker} if speaker else set())
    assert {s.speaker.name for s in by(statements, "its river ports")} == {"Chile"}
    assert {s.speaker.name for s in by(statements, "law and the census of")} == {"Chile"}


# --- in another State's turn, "the delegation" is that State's ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The delegation noted the census of the river ports.",
        "The delegation of Chile recommended a census of the river ports.",
        "The delegation encouraged Tuvalu to take a census of the river ports.",
    ],
)
def test_the_delegation_in_another_states_turn_is_that_states(sentence: str) -> None:
    found = by(
        attribute_report(report(dialogue=f"Chile welcomed the fisheries law. {sentence}")), "river ports"
    )
    assert [s.speaker.name for s in found] == ["Chile"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tuvalu also needed to take a census of the river ports.",
        "Tuvalu continued to need a census of the river ports.",
    ],
)
def test_what_another_state_is_said_to_do_is_not_its_statement(sentence: str) -> None:
    found = by(
        attribute_report(report(dialogue=f"Chile welcomed the fisheries law. {sentence}")), "river ports"
    )
    assert [s.speaker.name for s in found] == ["Chile"]


def test_the_president_chairs_the_working_group() -> None:
    # "the President" of these reports chairs the Working Group: no member of the delegation
    sentence = "Subsequently, the President recalled that a census of the river ports was off the agenda."
    found = by(
        attribute_report(report(dialogue=f"The delegation stated that it had no census. {sentence}")), "river"
    )
    assert [(s.speaker.name, s.speaker.kind) for s in found] == [("Tuvalu", SpeakerKind.STATE)]


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("The representative of the United Kingdom stated that", "United Kingdom"),
        ("The delegation of Chile asked whether", "Chile"),
        ("The representative of Tuvalu stated that", "representative"),  # of the State under review
    ],
)
def test_a_representative_of_another_state_is_that_state(opening: str, speaker: str) -> None:
    found = by(attribute_report(report(dialogue=f"{opening} the river ports were open.")), "river ports")
    assert [s.speaker.name for s in found] == [speaker]
    assert (found[0].speaker.on_behalf_of == REVIEWED) == (speaker == "representative")


# --- a State's country is the lexicon's name, whatever the report's spelling -------------------------


@pytest.mark.parametrize(
    ("written", "country"),
    [
        ("The United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
        ("Saudia Arabia", "Saudi Arabia"),
        ("The Czech Republic", "Czechia"),
        ("Chile", "Chile"),
    ],
)
def test_a_states_country_is_the_lexicons_name_for_it(written: str, country: str) -> None:
    text = report(dialogue=f"{written} asked about the vaccination of children on the atolls.")
    [statement] = by(attribute_report(text), "the vaccination of children")
    assert statement.speaker.kind is SpeakerKind.STATE
    assert statement.speaker.country == country
    assert written.removeprefix("The ") in statement.speaker.name  # the name stays as the report writes it
