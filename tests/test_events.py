"""Events: bodies and their names, the session calendar, the event of a news article.

Every sentence here is invented for the test (fictional speakers, fictional news).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from onrecord.events import (
    ancestors,
    bodies,
    find_bodies,
    find_body,
    find_event,
    find_session,
    parse_ordinal,
    session_on,
)
from onrecord.events.finder import sentences
from onrecord.events.stage import place
from onrecord.models import Article, Event, Genre, Span, Speaker, Statement, StatementKind

D = dt.date


# --- bodies -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "session"),
    [
        ("Delegates at the UNHRC applauded.", "UN Human Rights Council", None),
        ("The United Nations Human Rights Council closed.", "UN Human Rights Council", None),
        ("At HRC55 the vote was close.", "UN Human Rights Council", 55),
        ("Side events at HRC 52 drew crowds.", "UN Human Rights Council", 52),
        ("the Human Rights Council's 47th session", "UN Human Rights Council", None),
        ("Its Universal Periodic Review came early.", "UPR Working Group", None),
        ("during UPR41 in Geneva", "UPR Working Group", 41),
        (
            "the UN General Assembly's Third Committee heard",
            "Third Committee of the UN General Assembly",
            None,
        ),
        ("speaking at UNGA78 on climate", "UN General Assembly", 78),
        ("the U.N. Security Council met", "UN Security Council", None),
        ("The Committee against Torture asked", "Committee against Torture", None),
        (
            "the Inter-American Commission on Human Rights said",
            "Inter-American Commission on Human Rights",
            None,
        ),
        (
            "the Special Rapporteur on the right to food said on Monday",
            "Special Rapporteur on the right to food",
            None,
        ),
    ],
)
def test_body_aliases(text: str, name: str, session: int | None) -> None:
    mentions = find_bodies(text)
    assert mentions, text
    assert (mentions[0].name, mentions[0].session) == (name, session)
    assert text[mentions[0].span.start : mentions[0].span.end] == mentions[0].span.text


@pytest.mark.parametrize(
    "text",
    [
        "See document A/HRC/12/9 for details.",
        "The human rights situation worsened.",
        "The council estate grew.",
        "The Maryland General Assembly passed the bill.",
        "The General Assembly of the Church of Eastland met.",
    ],
)
def test_no_body_is_found_where_none_is_named(text: str) -> None:
    assert find_bodies(text) == ()


def test_the_council_points_back_to_the_council_last_named() -> None:
    text = "The Security Council met first. Later the Human Rights Council met. The Council adopted a text."
    mentions = find_bodies(text)
    assert [(m.name, m.anaphoric) for m in mentions] == [
        ("UN Security Council", False),
        ("UN Human Rights Council", False),
        ("UN Human Rights Council", True),
    ]


def test_the_council_alone_names_no_body() -> None:
    assert find_bodies("The Council adopted a text.") == ()


def test_every_body_has_a_known_parent_and_the_upr_sits_under_the_council() -> None:
    names = {b.name for b in bodies()}
    assert len(names) == len(bodies())
    assert ancestors("UPR Working Group") == ("UN Human Rights Council", "UN General Assembly")
    assert find_body("UNHRC") is find_body("UN Human Rights Council")
    for body in bodies():
        if body.parent is not None and body.parent in names:
            assert body.name not in ancestors(body.parent)


# --- ordinals and the calendar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("55th", 55),
        ("1st", 1),
        ("22nd", 22),
        ("forty-seventh", 47),
        ("Forty seventh", 47),
        ("Twelfth", 12),
        ("twentieth", 20),
        ("seventy-eighth", 78),
        ("one hundred and first", 101),
        ("fifty", None),
        ("session", None),
    ],
)
def test_ordinals(words: str, value: int | None) -> None:
    assert parse_ordinal(words) == value


@pytest.mark.parametrize(
    ("body", "number", "start"),
    [
        ("UN Human Rights Council", 1, D(2006, 6, 19)),
        ("HRC", 55, D(2024, 2, 26)),
        ("UPR Working Group", 1, D(2008, 4, 7)),
        ("UPR", 5, D(2009, 5, 4)),
        ("UN General Assembly", 77, D(2022, 9, 13)),
        ("UN General Assembly", 78, D(2023, 9, 5)),
        ("UN General Assembly", 79, D(2024, 9, 10)),
    ],
)
def test_sessions_given_by_number_are_dated_from_the_calendar(body: str, number: int, start: dt.date) -> None:
    session = find_session(body, number)
    assert session is not None
    assert session.start == start
    assert session.start <= session.end
    assert session.source


def test_calendar_tables_are_complete_ordered_and_sourced() -> None:
    for name, last in (("HRC", 60), ("UPR", 45)):
        rows = [find_session(name, n) for n in range(1, last + 1)]
        assert all(r is not None for r in rows), name
        present = [r for r in rows if r is not None]
        for earlier, later in itertools.pairwise(present):
            assert earlier.end < later.start, (earlier, later)
        assert all(r.source for r in present)
    assert find_session("HRC", 999) is None
    assert find_session("UN Security Council", 1) is None


def test_a_day_falls_in_its_session() -> None:
    hrc = session_on("UN Human Rights Council", D(2021, 7, 2))
    assert hrc is not None and hrc.number == 47
    ga = session_on("GA", D(2024, 1, 15))
    assert ga is not None and ga.number == 78
    assert session_on("HRC", D(2021, 8, 15)) is None


# --- sentences ----------------------------------------------------------------------------------------


def test_sentences_do_not_split_at_abbreviations() -> None:
    text = "The U.N. Human Rights Council met on Feb. 26 in Geneva. Delegates spoke.\nA new line."
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == [
        "The U.N. Human Rights Council met on Feb. 26 in Geneva.",
        "Delegates spoke.",
        "A new line.",
    ]


# --- events of news articles --------------------------------------------------------------------------


def _event(text: str, published: dt.date | None) -> Event:
    event = find_event(Article(text=text, published=published))
    assert event is not None
    for span in event.evidence:
        assert text[span.start : span.end] == span.text
    return event


def test_high_level_segment_on_monday() -> None:
    text = (
        "Minister Lena Vask of Norland said at the High-level Segment of the 55th Session of the United "
        "Nations Human Rights Council which opened in Geneva on Monday that dialogue matters.\n\n"
        "She addressed the session by video message."
    )
    e = _event(text, D(2024, 2, 27))
    assert (e.body, e.session, e.segment, e.kind) == (
        "UN Human Rights Council",
        55,
        "High-level Segment",
        "plenary",
    )
    assert (e.location, e.remote, e.date, e.date_source) == ("Geneva", True, D(2024, 2, 26), "relative")
    assert e.date_published == D(2024, 2, 27)


def test_online_side_event_with_the_day_in_another_sentence() -> None:
    text = (
        "Cooperation is vital, scholars from Eastland said on Friday.\n\n"
        "Professor Amo Tell spoke at an online side event of the ongoing UN Human Rights Council's "
        "forty-seventh session."
    )
    e = _event(text, D(2021, 7, 5))
    assert (e.body, e.session, e.kind, e.remote, e.location) == (
        "UN Human Rights Council",
        47,
        "side event",
        True,
        None,
    )
    assert (e.date, e.date_source) == (D(2021, 7, 2), "relative")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Westria spoke in the general debate under item 4 at HRC52 on Wednesday.",
            D(2023, 3, 24),
            {
                "session": 52,
                "segment": "general debate under item 4",
                "kind": "plenary",
                "date": D(2023, 3, 22),
            },
        ),
        (
            "Envoys joined the interactive dialogue with the Special Rapporteur on the right to food at the "
            "Human Rights Council on 7 March.",
            D(2024, 3, 9),
            {"kind": "interactive dialogue", "date": D(2024, 3, 7), "date_source": "explicit"},
        ),
        (
            "Speaking at the 78th UN General Assembly in New York, the fictional president urged peace.",
            D(2023, 9, 22),
            {
                "body": "UN General Assembly",
                "session": 78,
                "location": "New York",
                "date_source": "published",
            },
        ),
        (
            "The UN General Assembly's Third Committee heard the report of the fictional panel in New York.",
            D(2023, 10, 20),
            {"body": "Third Committee of the UN General Assembly", "location": "New York"},
        ),
        (
            "The Universal Periodic Review of Eastland took place at the Human Rights Council.",
            D(2023, 11, 10),
            {"body": "UPR Working Group", "kind": "UPR review", "state_under_review": "Eastland"},
        ),
        (
            "Northland's fourth Universal Periodic Review ended with many recommendations.",
            D(2023, 11, 10),
            {"kind": "UPR review", "state_under_review": "Northland"},
        ),
        (
            "The minister told a press conference after the Security Council meeting that talks go on.",
            D(2024, 1, 10),
            {"body": "UN Security Council", "kind": "press conference", "date_source": "published"},
        ),
    ],
)
def test_event_fields(text: str, published: dt.date, expected: dict[str, object]) -> None:
    e = _event(text, published)
    assert {k: getattr(e, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (  # the parent voting at its named session, its committee named in passing
            "The UN General Assembly on Tuesday adopted a resolution on the fictional matter at its "
            "seventy-ninth session.\n\nThe text, first approved by the Assembly's Third Committee in "
            "November, was adopted in a recorded vote.",
            D(2024, 12, 19),
            {"body": "UN General Assembly", "session": 79, "date": D(2024, 12, 17)},
        ),
        (  # no session named: the calendar's session on the day said; the place from the dateline
            "GENEVA, March 5 (Tidewater Wire) - A fictional UN expert told the Human Rights Council on "
            "Wednesday that hunger was being used as a weapon of war.",
            D(2025, 3, 6),
            {"session": 58, "location": "Geneva", "date": D(2025, 3, 5), "date_source": "relative"},
        ),
        (  # a dateline on a line of its own
            "NEW YORK\n\nThe General Assembly on Tuesday adopted a text on the fictional matter.",
            D(2024, 12, 19),
            {"body": "UN General Assembly", "session": 79, "location": "New York"},
        ),
        (  # a treaty body's "the committee" points back to it, and its press conference is the kind
            "The UN Committee against Torture closed its 81st session in Geneva on Friday.\n\nAt a press "
            "conference, the committee's chair said that reprisals had to stop.",
            D(2024, 12, 2),
            {"body": "Committee against Torture", "session": 81, "kind": "press conference"},
        ),
        (  # no publication date given: "on Wednesday" against the page's own byline date
            "Staff reporter | September 27, 2024\n\nDelegations clashed in Geneva on Wednesday in the "
            "general debate under item 4 of the Human Rights Council's 57th session.",
            None,
            {"session": 57, "date": D(2024, 9, 25), "date_source": "relative"},
        ),
        (  # news names: "the UN rights council"; an agency dateline in title case
            "Geneva (Tidewater) - Delegates at the UN rights council on Monday rejected a fictional motion.",
            D(2025, 3, 4),
            {"body": "UN Human Rights Council", "session": 58, "kind": "plenary", "location": "Geneva"},
        ),
        (
            "The UN's top human rights body voted on Friday to extend the mandate of its fictional expert.",
            D(2024, 10, 12),
            {"body": "UN Human Rights Council", "session": 57, "date": D(2024, 10, 11)},
        ),
        (  # the Assembly's "human rights committee" is its Third Committee, which meets in its sessions
            "The General Assembly's human rights committee on Wednesday approved a fictional draft.",
            D(2024, 11, 15),
            {"body": "Third Committee of the UN General Assembly", "session": 79},
        ),
        (  # a mandate's name ends before what its holder did; the venue gives the city
            "The Special Rapporteur on torture presented her report to the Human Rights Council at the "
            "Palais des Nations on Tuesday.",
            D(2025, 3, 13),
            {"body": "UN Human Rights Council", "session": 58, "location": "Geneva"},
        ),
        (  # more words for taking part from afar, and for a side event
            "In a video statement to the Human Rights Council's 58th session, the fictional minister said "
            "dialogue mattered.",
            D(2025, 2, 27),
            {"session": 58, "remote": True},
        ),
        (
            "At a side meeting on the margins of the Human Rights Council's 57th session on 20 September, "
            "fictional experts spoke.",
            D(2024, 9, 25),
            {"session": 57, "kind": "side event", "date": D(2024, 9, 20)},
        ),
        (  # the State that underwent its review
            "On Tuesday Eastland underwent its fourth Universal Periodic Review in Geneva.",
            D(2024, 1, 24),
            {"body": "UPR Working Group", "session": 45, "state_under_review": "Eastland"},
        ),
        (
            "The UPR of Eastland was held in Geneva on Tuesday.",
            D(2024, 1, 24),
            {"kind": "UPR review", "state_under_review": "Eastland"},
        ),
        (  # a dialogue "with the Council" names no partner
            "Presenting her report at an interactive dialogue with the Council on Wednesday, the fictional "
            "expert told the Human Rights Council that hunger was a weapon.",
            D(2025, 3, 6),
            {"segment": "interactive dialogue", "kind": "interactive dialogue", "session": 58},
        ),
        (  # a byline's date in figures, read the way that puts the words inside the session named
            "By Fictional Reporter | 06/03/2023 - 06:30\n\nIn a video address to the Human Rights Council "
            "last Tuesday, the minister spoke at the high-level segment of its 52nd session.",
            None,
            {"session": 52, "date": D(2023, 2, 28), "date_source": "relative", "remote": True},
        ),
        (
            "By Fictional Reporter | 03/06/2023 - 06:30\n\nIn a video address to the Human Rights Council "
            "last Tuesday, the minister spoke at the high-level segment of its 52nd session.",
            None,
            {"session": 52, "date": D(2023, 2, 28), "date_source": "relative"},
        ),
        (  # a day long before the page is history, not the session meeting then
            "The General Assembly proclaimed the Universal Declaration on 10 December 1948, the fictional "
            "minister recalled.",
            D(2015, 9, 28),
            {"body": "UN General Assembly", "session": None},
        ),
    ],
)
def test_news_events_probed_by_invented_articles(
    text: str, published: dt.date | None, expected: dict[str, object]
) -> None:
    e = _event(text, published)
    assert {k: getattr(e, k) for k in expected} == expected


def test_a_session_named_only_by_number_is_dated_from_the_calendar() -> None:
    text = "Delegates at the 47th session of the Human Rights Council backed the text."
    e = _event(text, D(2021, 9, 1))  # published after the session closed
    assert (e.session, e.date, e.date_source) == (47, D(2021, 6, 21), "calendar")


def test_a_day_outside_the_named_session_is_not_taken() -> None:
    text = "On 2 January the ministry said the 55th session of the Human Rights Council would be key."
    e = _event(text, D(2024, 3, 1))
    assert e.date != D(2024, 1, 2)
    assert e.date_source == "published"


def test_a_dateline_is_not_the_day_of_the_words() -> None:
    text = "March 9, 2024 -- Delegates said at the Human Rights Council that the vote was fair."
    e = _event(text, D(2024, 3, 9))
    assert e.date_source == "published"


def test_an_article_without_a_body_or_meeting_has_no_event() -> None:
    assert (
        find_event(Article(text="The harvest in Eastland was good, farmers said.", published=D(2024, 5, 2)))
        is None
    )


def test_event_key_ignores_evidence_and_sources() -> None:
    a = Event("UN Human Rights Council", 55, date=D(2024, 2, 26), date_source="relative")
    b = Event("UN Human Rights Council", 55, date=D(2024, 2, 26), date_source="explicit", remote=True)
    assert a.key() == b.key()
    assert a.key() != Event("UN Human Rights Council", 56, date=D(2024, 2, 26)).key()


# --- the two seed articles ----------------------------------------------------------------------------


@pytest.mark.data
def test_seed_events_equal_what_the_analyst_recorded(shared: Path) -> None:
    expected = json.loads((shared / "seeds" / "expected.json").read_text(encoding="utf-8"))
    for name, seed in expected.items():
        if name.startswith("_"):
            continue
        text = (shared / "seeds" / name).read_text(encoding="utf-8")
        event = find_event(Article(text=text, published=dt.date.fromisoformat(seed["published"])))
        assert event is not None, name
        want = seed["event"]
        got = {
            "body": event.body,
            "session": event.session,
            "segment": event.segment,
            "kind": event.kind,
            "location": event.location,
            "date": event.date.isoformat() if event.date else None,
            "remote": event.remote,
        }
        assert got == want, name


# --- the day a statement was said ---------------------------------------------------------------------


def _said(sentence: str, content: str, event: Event, published: dt.date) -> Event | None:
    """The event ``place`` gives a statement whose content is ``content`` inside ``sentence``."""
    start = sentence.index(content)
    statement = Statement(
        content=Span.of(sentence, start, start + len(content)),
        speaker=Speaker("Amara Okafor"),
        kind=StatementKind.INDIRECT,
        speaker_mention=Span.of(sentence, 0, len("Amara Okafor")),
    )
    return place(statement, event, Article(sentence, published=published)).event


@pytest.mark.parametrize(
    ("sentence", "content", "session", "day"),
    [
        # a day named beside the cue is when the words were said
        (
            "Amara Okafor said on Tuesday that the review had been fair.",
            "the review had been fair",
            None,
            D(2024, 3, 12),
        ),
        # a day inside what was said is what the speaker spoke of
        (
            "Amara Okafor said that the attacks of 11 September 2001 must never be forgotten.",
            "the attacks of 11 September 2001 must never be forgotten",
            None,
            D(2024, 3, 14),
        ),
        # a day outside the session the event names is not a day of that session
        (
            "Amara Okafor, who had written to the Council on 10 January, said the mandate should end.",
            "the mandate should end",
            55,
            D(2024, 3, 14),
        ),
        (
            "Amara Okafor, speaking on 4 March, said the mandate should end.",
            "the mandate should end",
            55,
            D(2024, 3, 4),
        ),
    ],
)
def test_a_statement_is_dated_by_its_own_words_not_by_what_it_says(
    sentence: str, content: str, session: int | None, day: dt.date
) -> None:
    published = D(2024, 3, 14)  # a Thursday, during the Council's 55th session
    event = Event("UN Human Rights Council", session=session, date=published, date_source="published")
    placed = _said(sentence, content, event, published)
    assert placed is not None and placed.date == day


def test_a_council_meeting_dated_this_afternoon_is_in_the_session_meeting_that_day() -> None:
    text = (
        "Human Rights Council adopts outcomes of the review of Eastland\n\n"
        "The Human Rights Council this afternoon adopted the outcome of the Universal Periodic Review of "
        "Eastland. The representative of Eastland said the review had been useful."
    )
    article = Article(text, published=D(2024, 3, 14), genre=Genre.MEETING_SUMMARY)
    event = find_event(article)
    assert event is not None and event.date == D(2024, 3, 14) and event.date_source == "relative"
    assert event.session == 55
