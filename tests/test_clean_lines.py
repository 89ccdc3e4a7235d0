"""The line classifier, the date reader and the layout of clean text, on invented examples.

Every snippet here is made up for the test (outlets, people and events are fictional).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.clean.bylines import agencies_of, person_byline
from onrecord.clean.compose import join_paragraphs, with_headline
from onrecord.clean.dates import find_date, find_slashed_date, parse_date, parse_month_day, with_year
from onrecord.clean.lines import classify_lines, is_outlet, is_person_name, page_metadata
from onrecord.clean.outlets import canonical_outlet, known_outlet_of_url, outlet_of_lines, parse_outlets
from onrecord.clean.rules import Means, Profile, parse_rulebook, rulebook
from onrecord.clean.scraped import scraped_article
from onrecord.datafiles import read_json
from onrecord.errors import ConfigError, ExtractionError

HEADLINE = "Delegates of Freedonia praise the new water accord: envoy Ana Torvik"
BODY = "The accord was welcomed by several delegations, the envoy of Freedonia said on Tuesday."


def verdict_of(line: str, *, before: tuple[str, ...] = (HEADLINE,), after: tuple[str, ...] = (BODY,)) -> str:
    """The rule name the classifier gives ``line`` placed among ordinary lines ("body" when none)."""
    verdicts = classify_lines([*before, line, *after])
    return verdicts[len(before)].rule or "body"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Home > News > World >", "breadcrumb"),
        ("Home > Opinion", "breadcrumb"),
        ("HOME | Politics", "breadcrumb"),
        ("News > Europe > Freedonia", "breadcrumb-trail"),
        ("Ana Torvik Photo:", "photo-caption-credit"),
        ("Delegates at the session in Sylvania Photo: ", "photo-caption-credit"),
        ("Photo: Freedonia Daily Wire", "photo-credit"),
        ("Photo/Bram Osei", "photo-credit"),
        ("  • Harvest festival opens in the valley", "related-link"),
        ("▪ New bridge links two river towns", "related-link"),
        ("Related stories", "related-heading"),
        ("Read more:", "related-heading"),
        ("E-mail:desk@freedonia-daily.example |About Us|Contact Us |Site Maps|", "email-footer"),
        ("About Us | Contact Us | Privacy Policy", "nav-bar"),
        ("Address:12 Lantern Street, Sylvania City 40411", "address-footer"),
        ("Tel: +00 12 3456 7890", "address-footer"),
        ("Copyright by Freedonia Media Group Co., Ltd All Rights Reserved.", "copyright-footer"),
        ("© 2031 Sylvania Herald", "copyright-footer"),
        ("Sylvania Herald Ltd. All rights reserved.", "rights-reserved"),
        ("Share this article", "share-bar"),
        ("Skip to main content", "skip-link"),
        ("Skip to content", "skip-link"),
        ("Pasar al contenido principal", "skip-link"),
        ("Aller au contenu principal", "skip-link"),
        ("跳转到主要内容", "skip-link"),
        ("Перейти к основному содержанию", "skip-link"),
        ("In progress at UNHQ", "page-status"),
        ("Department of Public Information • News and Media Division • New York", "press-masthead"),
        ("For information media. Not an official record.", "press-masthead"),
        ("Meeting Summaries", "section-label"),
        ("Bi-Weekly Briefing", "section-label"),
        ("Press Conferences | FAO , WHO", "section-label"),
        ("Press releases Human Rights Council", "section-label"),
        ("Sylvania briefing 3 March 2031- webcast", "webcast"),
        ("512.4 MB", "webcast"),
        ("Watch the webcast of the meeting", "webcast"),
        ("Play Video", "video-player"),
        ("Current Time 0:00", "video-player"),
        ("| |||", "separator-rubble"),
        ("The envoy greets delegates in Sylvania City. (Photo: Herald/Ana Torvik)", "caption-credit-tail"),
        ("Delegates leave the chamber - Picture courtesy of the Freedonia mission", "caption-credit-tail"),
        ("Caption: Bram Osei (left) before the vote in Sylvania City.", "caption-label"),
        ("Image: A delegate reads the draft text during the night session.", "caption-label"),
        ("Sylvania Herald - All rights reserved. Reproduction prohibited.", "rights-reserved"),
        ("Freedonia Evening Ledger © 2031", "copyright-footer"),
        ("ADVERTISEMENT", "advert"),
        ("Story continues below advertisement", "advert"),
        ("READ MORE: Sylvania farmers protest the new dam levy", "related-inline"),
        ("Also read » Freedonia names a new envoy to Geneva", "related-inline"),
        ("4 MIN READ", "reading-time"),
        ("Listen to this article", "reading-time"),
        ("12 Comments", "reading-time"),
        ("Updated 3 hours ago", "relative-time"),
        ("Reporting by Bram Osei; editing by Lena Dijk", "wire-credit"),
        ("(Additional reporting by Ana Torvik in Sylvania City)", "wire-credit"),
    ],
)
def test_furniture_lines_are_dropped(line: str, rule: str) -> None:
    assert verdict_of(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Photography was banned in the chamber, a spokesperson said.",
        "Home is where the new accord will be signed, officials said.",
        "• The delegation of Sylvania said it would table a resolution on water rights next year.",
        "The envoy's e-mail to the council was read aloud.",
        "Copyright law was not on the agenda, Mr. Osei said.",
        "Freedonia Daily",  # an outlet-shaped line that is not the last line is body
        "Seventy-ninth Session,",  # meeting lines carry the event: kept
        "12th Meeting (AM)",
        "The webcast of the session was watched in Sylvania, the spokesperson said.",
        "Press releases were issued by both delegations after the vote, Ms. Torvik said.",
        "A photo of the signing, Ms. Torvik said, was shared by the mission.",
        "The image: a river without water, the envoy told the council.",
        "Advertising on the river was banned by the accord, the envoy said.",
        "Reporting by journalists was restricted in the valley, the committee said.",
    ],
)
def test_body_lines_are_kept(line: str) -> None:
    assert verdict_of(line) == "body"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: Feb 27, 2031 03:03 AM", dt.date(2031, 2, 27)),
        ("update:July 05,2031", dt.date(2031, 7, 5)),
        ("Updated: 2031-07-05", dt.date(2031, 7, 5)),
        ("Posted on 3 March 2030", dt.date(2030, 3, 3)),
        ("Last updated: Monday, June 2, 2031", dt.date(2031, 6, 2)),
        ("Friday, January 4, 2030", dt.date(2030, 1, 4)),
        ("July 5, 2031 -- Delegates of Freedonia met in Sylvania City.", dt.date(2031, 7, 5)),
        ("5 July 2031 – The envoy arrived late.", dt.date(2031, 7, 5)),
    ],
)
def test_dates_are_recovered_from_lines(line: str, expected: dt.date) -> None:
    verdicts = classify_lines([HEADLINE, line, BODY])
    assert verdicts[1].means is Means.DATE
    assert page_metadata(verdicts).published == expected


def test_a_dateline_stays_in_the_body() -> None:
    line = "July 5, 2031 -- Delegates of Freedonia met in Sylvania City."
    article = scraped_article(f"{HEADLINE}\n{line}\n\n{BODY}")
    assert line in article.text.split("\n")
    assert article.published == dt.date(2031, 7, 5)


def test_a_published_line_beats_an_updated_line() -> None:
    text = f"{HEADLINE}\nUpdated: 2031-08-01\nPublished: 2031-07-30\n{BODY}"
    assert scraped_article(text).published == dt.date(2031, 7, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2031-07-05", dt.date(2031, 7, 5)),
        ("2031/07/05", dt.date(2031, 7, 5)),
        ("05.07.2031", dt.date(2031, 7, 5)),
        ("2031-07-05T10:52:50+01:00", dt.date(2031, 7, 5)),
        ("2031-07-05 03:01:00.000000", dt.date(2031, 7, 5)),
        ("Feb 27, 2031 03:03 AM", dt.date(2031, 2, 27)),
        ("July 05,2031", dt.date(2031, 7, 5)),
        ("Jul 5th, 2031", dt.date(2031, 7, 5)),
        ("Friday, January 4, 2030", dt.date(2030, 1, 4)),
        ("20 JULY 2029", dt.date(2029, 7, 20)),
        ("2031-02-30", None),  # no such day
        ("1820-01-01", None),  # out of the plausible range
        ("May the accord hold", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Ana Torvik | 04/03/2031 - 06:30", dt.date(2031, 3, 4)),  # day first
        ("Filed 03/27/2031", dt.date(2031, 3, 27)),  # month first when the first number cannot be a month
        ("Resolution 12/45/2031 was adopted", None),  # not a day and a month either way
        ("Item 4/5 of the agenda", None),
    ],
)
def test_find_slashed_date(text: str, expected: dt.date | None) -> None:
    assert find_slashed_date(text) == expected


def test_find_date_takes_the_first_date_and_not_a_piece_of_a_number() -> None:
    assert find_date("Distr.: General 4 January 2030 Original: English, 12 May 2031") == dt.date(2030, 1, 4)
    assert find_date("ref 120312031-07-05x") is None


@pytest.mark.parametrize(
    ("line", "outlet", "byline"),
    [
        ("By:Freedonia Daily", "Freedonia Daily", None),
        ("By: China Daily", "China Daily", None),
        ("By Sylvania Times", "Sylvania Times", None),
        ("By Ana Torvik", None, "Ana Torvik"),
        ("By: Bram Osei and Lena van Dijk", None, "Bram Osei and Lena van Dijk"),
        ("By ANA TORVIK", None, "ANA TORVIK"),
        ("By Ana Torvik | Sylvania Herald", "Sylvania Herald", None),  # the outlet, not "Ana Torvik | ..."
        ("By Ana Torvik · Freedonia Daily Wire", "Freedonia Daily Wire", None),
    ],
)
def test_a_by_line_names_an_outlet_or_a_person(line: str, outlet: str | None, byline: str | None) -> None:
    meta = page_metadata(classify_lines([HEADLINE, line, BODY]))
    assert (meta.outlet, meta.byline) == (outlet, byline)


def test_a_by_line_keeps_the_agency_apart() -> None:
    meta = page_metadata(classify_lines([HEADLINE, "By Ana Torvik, Reuters", BODY]))
    assert meta.byline == "Ana Torvik"


def test_a_by_line_deep_in_the_body_is_body() -> None:
    lines = [HEADLINE, BODY, BODY + " Again.", "By Ana Torvik", BODY + " Thrice."]
    assert classify_lines(lines)[3].rule is None


@pytest.mark.parametrize(
    ("name", "outlet", "person"),
    [
        ("Global Times", True, False),
        ("Freedonia Morning Herald", True, False),
        ("Ana Torvik", False, True),
        ("Lena van Dijk", False, True),
        ("the delegation said", False, False),
        ("Room 12", False, False),
    ],
)
def test_outlet_and_person_shapes(name: str, outlet: bool, person: bool) -> None:
    assert is_outlet(name) is outlet
    assert is_person_name(name) is person


def test_a_trailing_outlet_line_is_the_outlet_and_is_dropped() -> None:
    article = scraped_article(f"{HEADLINE}\n\n{BODY}\n\nSylvania Herald\n")
    assert article.outlet == "Sylvania Herald"
    assert "Sylvania Herald" not in article.text.split("\n")


def test_repeated_short_lines_are_dropped_once_seen() -> None:
    lines = [HEADLINE, "Watch: the signing", BODY, "Watch: the signing", BODY + " More."]
    verdicts = classify_lines(lines)
    assert verdicts[1].rule is None and verdicts[3].rule == "repeated-line"


def test_record_profile_is_lighter() -> None:
    lines = ["Friday, January 4, 2030", "", BODY, "((WN)) Yes.", "((WN)) Yes.", "Home > News"]
    verdicts = classify_lines(lines, Profile.RECORD)
    assert [v.rule for v in verdicts] == ["date-line", None, None, None, None, None]


def test_scraped_layout_headline_blank_line_then_paragraphs() -> None:
    text = (
        f"Home > World >\n\n{HEADLINE}\nBy:Freedonia Daily\n{BODY}\n\xa0\n  {BODY} Second.  \n\n\n"
        f"{BODY} Third."
    )
    article = scraped_article(text)
    assert article.text == f"{HEADLINE}\n\n{BODY}\n\n{BODY} Second.\n\n{BODY} Third."
    assert article.title == HEADLINE
    assert article.outlet == "Freedonia Daily"
    assert [r.rule for r in article.removed] == ["breadcrumb", "byline-outlet"]


def test_a_page_of_furniture_only_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="furniture"):
        scraped_article("Home > News >\n\nCopyright 2031 Freedonia Daily\n")


def test_a_long_first_paragraph_is_not_taken_for_a_headline() -> None:
    first = " ".join(["The delegates of Freedonia spoke at length about the accord"] * 5) + "."
    article = scraped_article(f"{first}\n\n{BODY}")
    assert article.title is None
    assert article.text.startswith(first)


def test_join_paragraphs_and_headline() -> None:
    assert join_paragraphs(["", "a ", " ", "\xa0", "b", "c", ""]) == "a\n\nb\nc"
    assert with_headline("Title", "Title\nBody") == "Title\n\nBody"
    assert with_headline(None, "Body") == "Body"
    assert with_headline("Title", "") == "Title"


def test_a_malformed_rule_is_named() -> None:
    broken = '[[rule]]\nname = "bad"\npattern = "("\nmeans = "drop"\n'
    with pytest.raises(ConfigError, match="'bad'"):
        parse_rulebook(broken)


def test_every_rule_has_a_distinct_name() -> None:
    names = [rule.name for rule in rulebook().rules]
    assert len(names) == len(set(names))


_LINE = st.one_of(
    st.sampled_from(
        [
            "Home > News > World >",
            "Ana Torvik Photo:",
            "  • A related headline",
            "Published: Feb 27, 2031 03:03 AM",
            "By:Freedonia Daily",
            "Freedonia Daily",
            "\xa0",
            "",
            "   ",
            HEADLINE,
            BODY,
            "“Water is a right,” the envoy said.  ",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=60),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_cleaning_never_invents_characters(lines: list[str]) -> None:
    """Every non-blank line of the clean text is a line of the input with its ends stripped."""
    page = "\n".join(lines)
    try:
        article = scraped_article(page)
    except ExtractionError:
        return
    given_lines = {line.strip() for line in page.split("\n")}
    for line in article.text.split("\n"):
        assert not line or line in given_lines
    assert article.text == article.text.strip()


def test_the_title_repeated_or_broken_over_lines_is_dropped() -> None:
    title = "Council of Sylvania Hears Envoys of Freedonia on the Water Accord, Delegates Told"
    lines = [title, "", "Meeting Summaries", title, "Council of Sylvania Hears Envoys of Freedonia", BODY]
    assert [v.rule for v in classify_lines(lines)] == [
        None,
        None,
        "section-label",
        "repeated-title",
        "repeated-title",
        None,
    ]
    assert classify_lines([title, "Council of Sylvania", BODY])[1].rule is None  # too short to be a piece


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (
            ["In progress at UNHQ", "Ninety-ninth Session,", "12th Meeting (AM)", "GA/99999"],
            "UN Meetings Coverage",
        ),
        (
            [HEADLINE, HEADLINE, "The Security Council today heard from the envoy of Freedonia on water."],
            "UN Meetings Coverage",
        ),
        ([HEADLINE, "Skip to main content", "Meeting Summaries"], "UN Geneva"),
        ([HEADLINE, "Press Conferences | UNOG"], "UN Geneva"),
        ([HEADLINE, "Press releases Special Procedures"], "OHCHR"),
        ([HEADLINE, "SYLVANIA CITY, March 3 (Xinhua) -- " + BODY], "Xinhua"),
        (
            [
                HEADLINE,
                BODY,
                BODY,
                BODY,
                BODY,
                "The Security Council today heard the envoy of Freedonia at length.",
            ],
            None,
        ),
        ([HEADLINE, BODY], None),
    ],
)
def test_outlet_from_the_furniture_that_gives_it_away(lines: list[str], outlet: str | None) -> None:
    assert outlet_of_lines(lines) == outlet
    assert scraped_article("\n".join([*lines, BODY])).outlet == outlet


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://press.un.org/en/2031/sc99999.doc.htm", "UN Meetings Coverage"),
        ("http://www.un.org/press/en/2031/gashc9999.doc.htm", "UN Meetings Coverage"),
        ("https://www.un.org/en/about-us", "United Nations"),
        ("https://www.ungeneva.org/en/news-media/meeting-summary/2031/03/x", "UN Geneva"),
        ("https://news.un.org/en/story/2031/03/1", "UN News"),
        ("https://www.ohchr.org/en/press-releases/2031/03/x", "OHCHR"),
        ("https://sylvania-herald.example/x", None),
    ],
)
def test_known_outlet_of_url(url: str, outlet: str | None) -> None:
    assert known_outlet_of_url(url) == outlet
    assert scraped_article(f"{HEADLINE}\n\n{BODY}", url=url).outlet == outlet


def test_outlet_from_the_title_line_of_saved_text() -> None:
    assert scraped_article(f"{HEADLINE} | Xinhua News Agency\n\n{BODY}").outlet == "Xinhua"
    assert scraped_article(f"UN News - {HEADLINE}\n\n{BODY}").outlet == "UN News"
    assert scraped_article(f"{HEADLINE} - Sylvania\n\n{BODY}").outlet is None


def test_outlet_aliases_are_recorded_by_their_name() -> None:
    assert canonical_outlet("unog") == "UN Geneva"
    assert canonical_outlet("Xinhua News Agency") == "Xinhua"
    assert canonical_outlet("Sylvania  Herald") == "Sylvania Herald"
    assert scraped_article(f"{HEADLINE}\nBy: Agence France-Presse\n{BODY}").outlet == "AFP"


def test_a_malformed_outlet_is_named() -> None:
    with pytest.raises(ConfigError, match="'Broken'"):
        parse_outlets('min_weight = 1\n[[outlet]]\nname = "Broken"\n[[outlet.sign]]\npattern = "("\n')
    with pytest.raises(ConfigError, match="min_weight"):
        parse_outlets('[[outlet]]\nname = "A"\n')


@pytest.mark.parametrize(
    ("value", "persons", "agencies"),
    [
        ("Ana Torvik", "Ana Torvik", ()),
        ("By Ana Torvik", "Ana Torvik", ()),
        ("Ana Torvik May", "Ana Torvik", ()),  # the month of a date run on
        ("Lena May", "Lena May", ()),  # a name of two words keeps its last
        ("Bram Osei Games Editor", "Bram Osei", ()),
        ("Bram Osei Monday, March", "Bram Osei", ()),
        ("Last Updated March 3", None, ()),
        ("Username", None, ()),
        ("Our Foreign Staff", None, ()),
        ("Ana Torvik Edited by Bram Osei", "Ana Torvik", ()),
        ("Ana Torvik; MA", "Ana Torvik, MA", ()),
        ("AFP", None, ("AFP",)),
        ("Ana Torvik; Agence France-Presse", "Ana Torvik", ("AFP",)),
        ("By Ana Torvik, Reuters", "Ana Torvik", ("Reuters",)),
        ("Ana Torvik and Bram Osei (AFP)", "Ana Torvik and Bram Osei", ("AFP",)),
        ("Bram Osei / Xinhua", "Bram Osei", ("Xinhua",)),
        (None, None, ()),
    ],
)
def test_bylines_are_persons_with_agencies_apart(
    value: str | None, persons: str | None, agencies: tuple[str, ...]
) -> None:
    assert person_byline(value) == persons
    assert agencies_of(value) == agencies


def test_a_dateline_without_its_year_takes_the_year_of_the_pages_other_dates() -> None:
    dateline = "SYLVANIA CITY, March 3 (Xinhua) -- " + BODY
    other = "The talks had opened on 1 March 2031, the envoy recalled."
    article = scraped_article(f"{HEADLINE}\n\n{dateline}\n\n{other}")
    assert article.published == dt.date(2031, 3, 3)
    assert dateline in article.text.split("\n")  # the dateline is body: it stays
    near_new_year = scraped_article(
        f"{HEADLINE}\n\nSYLVANIA CITY, Dec. 30 -- {BODY}\n\nFiled on 2 January 2032."
    )
    assert near_new_year.published == dt.date(2031, 12, 30)
    assert (
        scraped_article(f"{HEADLINE}\n\n{dateline}\n\n{BODY} More.").published is None
    )  # nothing to place it


@pytest.mark.parametrize(
    ("number", "form"),
    [
        (number, form)
        for number, (name, short) in enumerate(read_json("text.json")["months"].items(), start=1)
        for form in (name, *short)
    ],
)
def test_the_date_reader_knows_every_month_form_of_the_text_toolkit(number: int, form: str) -> None:
    """Month names are said once (``data/text.json``, read through ``onrecord.text``): the cleaner reads
    every form there, in any case, and a month run on after a byline's name is cut off."""
    for written in (form, form.upper(), form.lower()):
        assert parse_date(f"{written} 5, 2021") == dt.date(2021, number, 5)
        assert parse_date(f"5 {written}. 2021") == dt.date(2021, number, 5)
        assert parse_month_day(f"{written} 5") == (number, 5)
        assert person_byline(f"Nathan Willis {written}") == "Nathan Willis"


def test_month_day_and_year_placement() -> None:
    assert parse_month_day("July 5") == (7, 5)
    assert parse_month_day("5 July") == (7, 5)
    assert parse_month_day("Feb 30") is None
    assert with_year(2, 29, dt.date(2031, 3, 1)) == dt.date(2032, 2, 29)
