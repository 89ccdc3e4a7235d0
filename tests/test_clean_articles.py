"""make_article over each media type and the clean stage, on invented documents."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest

from onrecord.clean import CleanStage, detect_language, make_article
from onrecord.clean.deep import flat_lines
from onrecord.clean.language import choose_language, primary_subtag
from onrecord.clean.records import outlet_of_url
from onrecord.clean.undocs import document_symbol, is_un_document
from onrecord.clean.webpages import title_from_tag, without_site_name
from onrecord.errors import ExtractionError
from onrecord.models import DecodedText, MediaType, RawDocument
from onrecord.pipeline import Pipeline, Work

PARAGRAPHS = (
    "The envoy of Freedonia told the council on Monday that the new water accord would protect "
    "farmers on both banks of the river, and that her government would report on it every year.",
    "Delegates of Sylvania said they welcomed the accord but asked for an independent monitor, "
    "noting that earlier agreements had lapsed without anyone keeping count of the wells.",
    "The council will return to the question at its next session, the president said.",
)


def article_of(text: str, media_type: MediaType, **fields: str) -> object:
    raw = RawDocument("invented", text.encode(), media_type, MappingProxyType(fields))
    return make_article(raw, DecodedText(text, "utf-8"))


PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Freedonia backs water accord | Sylvania Herald</title>
<meta property="og:site_name" content="Sylvania Herald">
<meta property="article:published_time" content="2031-03-04T09:30:00+01:00">
<meta name="author" content="Ana Torvik">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Freedonia backs water accord</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
</article>
<footer>Copyright 2031 Sylvania Herald. All rights reserved.</footer>
</body></html>"""


def test_html_article_headline_metadata_and_body() -> None:
    article = article_of(PAGE, MediaType.HTML, url="https://sylvania-herald.example/a/1")
    assert article.title == "Freedonia backs water accord"
    assert article.text.startswith("Freedonia backs water accord\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Copyright" not in article.text
    assert article.outlet == "Sylvania Herald"
    assert article.byline == "Ana Torvik"
    assert article.published == dt.date(2031, 3, 4)
    assert article.language == "en"
    assert article.url == "https://sylvania-herald.example/a/1"


def test_html_json_ld_in_a_cdata_section_is_read() -> None:
    ld = (
        '<script type="application/ld+json">//<![CDATA[\n{"@type": "NewsArticle", "headline": "Accord '
        'signed", "datePublished": "2031-05-06", "author": [{"name": "Bram Osei"}, {"name": "Ana Torvik"}]}'
        "\n//]]></script>"
    )
    page = PAGE.replace('<meta name="author" content="Ana Torvik">', ld).replace(
        '<meta property="article:published_time" content="2031-03-04T09:30:00+01:00">', ""
    )
    article = article_of(page, MediaType.HTML)
    assert (article.title, article.published, article.byline) == (
        "Accord signed",
        dt.date(2031, 5, 6),
        "Bram Osei, Ana Torvik",
    )


def test_html_without_main_text_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="no main text"):
        article_of(
            "<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>", MediaType.HTML
        )


def test_html_date_in_utc_gives_way_to_the_same_instant_in_local_time() -> None:
    ld = (
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "dateCreated": "2031-02-24T01:18:13Z"}</script>'
    )
    page = PAGE.replace(
        '<meta property="article:published_time" content="2031-03-04T09:30:00+01:00">',
        ld + '<meta property="article:published_time" content="2031-02-23T17:18:13-08:00">',
    )
    assert article_of(page, MediaType.HTML).published == dt.date(2031, 2, 23)
    other_instant = page.replace("17:18:13-08:00", "19:18:13-08:00")
    assert article_of(other_instant, MediaType.HTML).published == dt.date(2031, 2, 24)


def test_html_hidden_elements_are_left_out_unless_they_hold_the_article() -> None:
    hidden = "<p hidden>A hidden teaser that the page never shows to its readers at all, not even once.</p>"
    page = PAGE.replace("<p>", hidden + "<p>", 1)
    assert "hidden teaser" not in article_of(page, MediaType.HTML).text
    footer = "<footer>Copyright 2031 Sylvania Herald. All rights reserved.</footer>"
    revealed = PAGE.replace("<article>", '<article hidden="">').replace(footer, "")  # a script reveals it
    assert PARAGRAPHS[0] in article_of(revealed, MediaType.HTML).text


def test_flat_lines_read_blocks_without_scripts_styles_or_navigation() -> None:
    html = "<p>One <b>two</b><script>x()</script></p><nav><p>Home</p></nav>"
    html += "<div>Three<br>four &amp; five</div><p>six"
    assert flat_lines(html) == ["One two", "Three", "four & five", "six"]
    assert flat_lines("<div><span>unclosed <i>tags</div></span> after") == ["unclosed tags", "after"]


@pytest.mark.parametrize("depth", [200, 300, 2100, 5000])
def test_html_nested_past_the_parser_limit_keeps_its_text(depth: int) -> None:
    """Regression (issue 12): a page nested deeper than ~253 elements lost its text to libxml2."""
    article = PAGE.split("<article>")[1].split("</article>")[0]
    page = PAGE.replace(article, "<div>" * depth + article + "</div>" * depth)
    cleaned = article_of(page, MediaType.HTML)
    assert cleaned.title == "Freedonia backs water accord"
    for paragraph in PARAGRAPHS:
        assert paragraph in cleaned.text.split("\n")
    assert "Copyright" not in cleaned.text and "World" not in cleaned.text
    assert (cleaned.byline, cleaned.published) == ("Ana Torvik", dt.date(2031, 3, 4))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Freedonia backs the water accord | Sylvania Herald", "Freedonia backs the water accord"),
        ("Sylvania Herald - Freedonia backs the water accord", "Freedonia backs the water accord"),
        ("Freedonia backs water accord | Sylvania Herald", "Freedonia backs water accord | Sylvania Herald"),
        ("Accord - Sylvania Herald", "Accord - Sylvania Herald"),  # what is left is too short
        ("Freedonia backs water accord", "Freedonia backs water accord"),
    ],
)
def test_title_from_tag(title: str, expected: str) -> None:
    assert title_from_tag(title) == expected


def test_without_site_name() -> None:
    assert without_site_name("Accord signed - Sylvania Herald", "Sylvania Herald") == "Accord signed"
    assert without_site_name("Accord signed - Sylvania Herald", None) == "Accord signed - Sylvania Herald"
    assert without_site_name("Accord signed - a first", "Sylvania Herald") == "Accord signed - a first"


def test_record_article_title_date_url_outlet() -> None:
    text = "Thursday, March 6, 2031\xa0\n\n\n" + "\n\n\n".join(PARAGRAPHS) + "\n"
    article = article_of(
        text, MediaType.RECORD, title="Freedonia backs water accord", url="https://en.wikinews.org/wiki/X"
    )
    assert article.text == "Freedonia backs water accord\n\n" + "\n\n".join(PARAGRAPHS)
    assert article.published == dt.date(2031, 3, 6)  # from the dateline: the row has no date
    assert article.outlet == "Wikinews"
    assert article.url == "https://en.wikinews.org/wiki/X"
    assert article.language == "en"


def test_record_date_field_wins_over_the_dateline() -> None:
    text = "Thursday, March 6, 2031\n\n" + PARAGRAPHS[0]
    article = article_of(text, MediaType.RECORD, title="T", date="2031-03-07")
    assert article.published == dt.date(2031, 3, 7)


def test_record_of_only_a_date_line_keeps_it() -> None:
    article = article_of("Monday, March 3, 2031\n", MediaType.RECORD, title="A test page")
    assert article.text == "A test page\n\nMonday, March 3, 2031"
    assert article.published == dt.date(2031, 3, 3)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://en.wikinews.org/wiki/Some_story", "Wikinews"),
        ("https://www.globaltimes.cn/page/1.shtml", "Global Times"),
        ("https://www.sylvania-herald.example/x", "sylvania-herald.example"),
        ("", None),
    ],
)
def test_outlet_of_url(url: str, outlet: str | None) -> None:
    assert outlet_of_url(url) == outlet


UN_DOC = (
    "UNITED NATIONS\n\nGeneral Assembly\nDistr.\nGENERAL\nA/HRC/99/1\n3 MARCH 2031\nOriginal: ENGLISH\n\n"
    "HUMAN RIGHTS COUNCIL\nNinety-ninth session\n\nReport of the Working Group on the Universal Periodic "
    "Review*\n\nFreedonia\n\n* Previously issued under another symbol.\n\nCONTENTS\nParagraphs Page\n"
    "Introduction.................................. 1 - 2 3\n\nIntroduction\n1. \n"
    "The Working Group held its session in Geneva.  \n\n2. Sylvania welcomed the report of Freedonia.\n"
    "   It asked about water rights.\n"
)


def test_un_document_profile() -> None:
    assert is_un_document(UN_DOC)
    assert document_symbol(UN_DOC) == "A/HRC/99/1"
    article = article_of(UN_DOC, MediaType.TEXT)
    assert article.title == "Report of the Working Group on the Universal Periodic Review: Freedonia"
    assert article.outlet == "United Nations"
    assert article.byline is None
    assert article.published == dt.date(2031, 3, 3)
    assert article.text.startswith(
        "Report of the Working Group on the Universal Periodic Review*\nFreedonia\n\nIntroduction\n1.\n"
    )
    assert "2. Sylvania welcomed the report of Freedonia.\nIt asked about water rights." in article.text
    assert "CONTENTS" not in article.text and "......" not in article.text


def test_a_news_page_is_not_a_un_document() -> None:
    assert not is_un_document("Freedonia backs accord\n\n" + "\n\n".join(PARAGRAPHS))


def test_clean_stage_fills_the_article_and_fits_the_pipeline() -> None:
    text = "Freedonia backs water accord\n\n" + "\n\n".join(PARAGRAPHS)
    raw = RawDocument("invented.txt", text.encode(), MediaType.TEXT)
    stage = CleanStage()
    Pipeline([stage], given=("raw", "decoded"))  # requires/assigns fit the Work record
    work = stage(Work(raw=raw, decoded=DecodedText(text, "utf-8")))
    assert work.article is not None and work.article.title == "Freedonia backs water accord"


def test_clean_stage_failure_names_the_stage() -> None:
    raw = RawDocument("blank.html", b"<html></html>", MediaType.HTML)
    outcome = Pipeline([CleanStage()], given=("raw", "decoded")).run(
        Work(raw=raw, decoded=DecodedText("<html><body></body></html>", "utf-8"))
    )
    assert outcome.failure is not None and outcome.failure.stage == "clean"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" ".join(PARAGRAPHS), "en"),
        ("Le conseil des droits de l'homme a adopté une résolution sur le droit à l'eau potable.", "fr"),
        ("Der Rat hat eine Resolution über das Recht auf sauberes Wasser angenommen.", "de"),
        ("Too short", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ("en-US", " ".join(PARAGRAPHS), "en"),
        ("fr", " ".join(PARAGRAPHS), "en"),  # the text disagrees: the text wins
        ("nb", "Rådet vedtok en resolusjon om retten til rent vann for alle mennesker i verden.", "nb"),
        ("de-AT", "Kurz", "de"),  # too short to tell: the declaration stands
        (None, "Kurz", None),
    ],
)
def test_choose_language(declared: str | None, text: str, expected: str | None) -> None:
    assert choose_language(declared, text) == expected


@pytest.mark.parametrize(
    ("tag", "code"), [("en-US", "en"), ("EN_gb", "en"), ("pt", "pt"), ("", None), ("x", None)]
)
def test_primary_subtag(tag: str, code: str | None) -> None:
    assert primary_subtag(tag) == code


# Scraped pages whose header and footer only their shape gives away (onrecord.clean.layout): invented
# outlets and layouts, each a case that the line rules alone got wrong.
STORY = "\n\n".join(PARAGRAPHS)
LAID_OUT = [
    pytest.param(
        "NORTHERN QUILL\nNation | Region | World | Opinion\n\n"
        "Freedonia backs water accord at rights council\n"
        f"By Ana Torvik | 04/03/2031 - 07:15\n\n{STORY}\n\nTAGS: Freedonia, Water, Council\n\nMost shared\n"
        "1. Ferry timetable changes in spring\n2. Harbour festival draws crowds\n\n"
        "Northern Quill - All rights reserved. No reproduction without consent.",
        "Freedonia backs water accord at rights council",
        "Northern Quill",
        dt.date(2031, 3, 4),
        ["NORTHERN QUILL", "Nation | Region", "By Ana Torvik", "TAGS:", "Most shared", "Ferry timetable"],
        id="capitals-masthead-menu-slashed-date-tags-footer",
    ),
    pytest.param(
        f"Menu\nSearch\nThe Valley Sentinel\nWORLD\n\nFreedonia backs water accord at rights council\n"
        f"Valley Sentinel staff  |  March 4, 2031 @ 6:40pm\n\n{STORY}\n\nMore stories\n"
        "- Ferry timetable changes in spring\n- Harbour festival draws crowds\n\n"
        "Help · Terms · Cookie choices\nThe Valley Sentinel © 2031",
        "Freedonia backs water accord at rights council",
        "The Valley Sentinel",
        dt.date(2031, 3, 4),
        ["Menu", "WORLD", "Valley Sentinel staff", "More stories", "Ferry timetable", "Help · Terms"],
        id="masthead-repeated-in-the-copyright-line",
    ),
    pytest.param(
        f"Freedonia backs water accord at rights council\nBy Ana Torvik | The Coastal Herald\n\n{STORY}",
        "Freedonia backs water accord at rights council",
        "The Coastal Herald",
        None,
        ["By Ana Torvik"],
        id="by-line-naming-the-outlet",
    ),
    pytest.param(
        "Home › World › Europe\nWill the water accord hold?\n"
        f"Posted on 4 March 2031 by Bram Osei\n\n{STORY}\n\n"
        "Share: Mail | Chat | Post\n© 2031 Lantern Point Media. All rights reserved.",
        "Will the water accord hold?",
        "Lantern Point Media",
        dt.date(2031, 3, 4),
        ["Home ›", "Posted on", "Share:", "Lantern Point Media"],
        id="question-headline-copyright-holder",
    ),
    pytest.param(
        f"The Lantern Point Evening Ledger\nFreedonia backs water accord at rights council\n\n{STORY}\n\n"
        "Most read\n© 2031 The Lantern Point Evening Ledger",
        "Freedonia backs water accord at rights council",
        "The Lantern Point Evening Ledger",
        None,
        ["Most read"],
        id="long-masthead-named-by-the-copyright-line",
    ),
    pytest.param(
        f"Skip to main content\nCOUNCIL OPENS ITS SPRING SESSION AND HEARS THE ENVOY OF FREEDONIA\n\n{STORY}",
        "COUNCIL OPENS ITS SPRING SESSION AND HEARS THE ENVOY OF FREEDONIA",
        None,
        None,
        ["Skip to main content"],
        id="headline-in-capitals",
    ),
    pytest.param(
        f"Sylvania Press Briefing - 4 March 2031\n\n{STORY}",
        "Sylvania Press Briefing - 4 March 2031",
        None,
        None,
        [],
        id="headline-with-a-date",
    ),
    pytest.param(
        "Freedonia envoy says water is a right\nBy Bram Osei\n4 MIN READ\n\n"
        f"GENEVA (Coastal Press) - {STORY}\n\n"
        "Reporting by Bram Osei; editing by Lena Dijk\nOur Standards: The Coastal Press Principles.",
        "Freedonia envoy says water is a right",
        "Coastal Press",
        None,
        ["4 MIN READ", "Reporting by", "Our Standards"],
        id="agency-in-the-dateline-wire-credits",
    ),
    pytest.param(
        "THE LANTERN GAZETTE\nCouncil backs accord\n"
        f"Posted: Mar 04, 2031 / 09:15 AM\nby: Tomas Lind\n\n{STORY}",
        "Council backs accord",
        "The Lantern Gazette",
        dt.date(2031, 3, 4),
        ["LANTERN GAZETTE", "Posted:", "by: Tomas Lind"],
        id="three-word-headline-outlet-shaped-masthead",
    ),
]


@pytest.mark.parametrize(("page", "title", "outlet", "published", "furniture"), LAID_OUT)
def test_scraped_page_header_and_footer_read_by_their_shape(
    page: str, title: str, outlet: str, published: dt.date | None, furniture: list[str]
) -> None:
    article = article_of(page, MediaType.TEXT)
    assert (article.title, article.outlet, article.published) == (title, outlet, published)
    for line in furniture:
        assert line not in article.text
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        pytest.param(  # a deck below the headline is body
            "SYLVANIA HERALD\nFreedonia backs water accord\n"
            f"A deal two decades in the making for farmers\n\n{STORY}",
            "A deal two decades in the making for farmers",
            id="deck",
        ),
        pytest.param(  # a meeting's lines below the headline carry the event
            "Council suspends Freedonia from the water panel\n"
            f"Fortieth Session\nPlenary\n12th Meeting (AM)\n\n{STORY}",
            "Plenary\n12th Meeting (AM)",
            id="meeting-lines",
        ),
        pytest.param(  # a dateline in capitals
            f"SYLVANIA HERALD\nWORLD\nFreedonia backs water accord at the council\nNEW YORK\n\n{STORY}",
            "NEW YORK",
            id="dateline-in-capitals",
        ),
        pytest.param(  # a short first sentence with its date, above the first paragraph, is body
            f"Freedonia backs water accord\nGENEVA, 4 March 2031 - The Council met.\n\n{STORY}",
            "GENEVA, 4 March 2031 - The Council met.",
            id="short-dated-first-sentence",
        ),
        pytest.param(  # a short sentence starting "By" is not a byline
            f"Freedonia backs water accord\nBy noon, the envoys had agreed.\n\n{STORY}",
            "By noon, the envoys had agreed.",
            id="sentence-starting-by",
        ),
        pytest.param(  # a list the story introduces after its last paragraph is the story's
            f"Freedonia backs water accord\n\n{STORY}\n\nThe resolution adopted today calls on States to:\n"
            "- Abolish the death penalty in law\n- Ratify the Second Optional Protocol\n\nRelated\n"
            "- Harbour festival draws crowds",
            "- Abolish the death penalty in law\n- Ratify the Second Optional Protocol",
            id="introduced-list",
        ),
        pytest.param(  # a tally with figures after the story
            f"Freedonia backs water accord\n\n{STORY}\n\nAdvertisement\n\nIn favour: 30\nAgainst: 4",
            "In favour: 30\nAgainst: 4",
            id="vote-tally",
        ),
        pytest.param(  # wrapped text is not read by shape: "by 4 March 2031 ..." is no date line
            "SYLVANIA HERALD\nFreedonia backs water accord at the council\n"
            "The envoy of Freedonia told the council on Monday that the\n"
            "new water accord would protect farmers on both banks, and\n"
            "by 4 March 2031 her government would report on it to the\n"
            "council, which welcomed the accord and thanked the envoy for it.",
            "by 4 March 2031 her government would report on it to the",
            id="wrapped-text",
        ),
        pytest.param(  # a short last sentence after an advert stays
            f"Freedonia backs water accord\n\n{STORY}\n\nAdvertisement\n\nThe vote is due on Friday.",
            "The vote is due on Friday.",
            id="short-last-sentence",
        ),
        pytest.param(  # a last sentence that lost its full stop, alone after the story, stays
            f"Freedonia backs water accord\n\n{STORY}\n\n"
            "In other votes, Freedonia backed the river text 30–4, and Sylvania abstained on the rest",
            "In other votes, Freedonia backed the river text 30–4, and Sylvania abstained on the rest",
            id="last-sentence-without-full-stop",
        ),
        pytest.param(  # a line of text above the headline-shaped lines: nothing is read by shape
            f"{PARAGRAPHS[0]}\nSYLVANIA HERALD\n\n{STORY}",
            "SYLVANIA HERALD",
            id="text-above",
        ),
    ],
)
def test_scraped_page_layout_keeps_doubtful_lines(page: str, kept: str) -> None:
    assert kept in article_of(page, MediaType.TEXT).text
