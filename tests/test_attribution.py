"""Attribution on invented sentences: who said what, with spans that index the text.

Every name, place and institution below is fictional (countries aside, which are real words the
lexicon must know); none of the sentences comes from any corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onrecord.attribution import AttributeStage, Attributor
from onrecord.attribution.quotes import find_quotes, paragraphs
from onrecord.attribution.unreports import attribute_report, is_wg_report, state_under_review
from onrecord.models import Article, Genre, MediaType, RawDocument, SpeakerKind, Statement, StatementKind
from onrecord.pipeline import Pipeline, Work
from onrecord.settings import Settings


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    return Attributor(Settings.load(env={}))


def _article(*paras: str) -> Article:
    return Article(text="\n\n".join(paras))


def _find(statements: tuple[Statement, ...], contains: str) -> Statement:
    hits = [s for s in statements if contains.lower() in s.content.text.lower()]
    assert hits, f"no statement contains {contains!r}; got {[s.content.text for s in statements]}"
    return hits[0]


def _spans_hold(article: Article, statements: tuple[Statement, ...]) -> None:
    for s in statements:
        for span in (s.content, s.cue, s.speaker_mention):
            if span is not None:
                assert article.text[span.start : span.end] == span.text


# (paragraphs, content substring, speaker name, kind, cue text, mention text)
CASES = [
    pytest.param(
        ["Harbour talks resume", "Tomas Verrin said the harbour plan was unfair to the fishing families."],
        "the harbour plan was unfair",
        "Tomas Verrin",
        StatementKind.INDIRECT,
        "said",
        "Tomas Verrin",
        id="indirect-that-less",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "The harbour plan is unfair to the fishing families, Tomas Verrin said on Tuesday.",
        ],
        "the harbour plan is unfair",
        "Tomas Verrin",
        StatementKind.INDIRECT,
        "said",
        "Tomas Verrin",
        id="indirect-inverted",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            '"We will not give up on the river," said Mara Quell, a director at the Lowfen Trust.',
        ],
        "We will not give up on the river",
        "Mara Quell",
        StatementKind.DIRECT,
        "said",
        "Mara Quell",
        id="direct-said-name",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            'Ilsa Brandt said the proposal was "a step backwards for every village" in the valley.',
        ],
        "the proposal was",
        "Ilsa Brandt",
        StatementKind.MIXED,
        "said",
        "Ilsa Brandt",
        id="mixed",
    ),
    pytest.param(
        ["Harbour talks resume", "According to Ilsa Brandt, the vote on the harbour will take place in May."],
        "the vote on the harbour will take place",
        "Ilsa Brandt",
        StatementKind.INDIRECT,
        "According to",
        "Ilsa Brandt",
        id="according-to",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Dara Olsk, the mayor of Lowfen, stressed that the bridge must reopen before winter.",
        ],
        "the bridge must reopen before winter",
        "Dara Olsk",
        StatementKind.INDIRECT,
        "stressed",
        "Dara Olsk",
        id="stressed-apposition",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Pell Arkin opened the meeting, noting that the tide tables had changed twice.",
        ],
        "the tide tables had changed twice",
        "Pell Arkin",
        StatementKind.INDIRECT,
        "noting",
        "Pell Arkin",
        id="participle-cue",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Pell Arkin also calls for respect for the old fishing rights of the valley.",
        ],
        "respect for the old fishing rights",
        "Pell Arkin",
        StatementKind.INDIRECT,
        "calls for",
        "Pell Arkin",
        id="calls-for-object",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Norway said the resolution on coastal villages deserved the support of all members.",
        ],
        "the resolution on coastal villages deserved",
        "Norway",
        StatementKind.INDIRECT,
        "said",
        "Norway",
        id="state",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Pell Arkin accused the port authority of ignoring the fishermen's complaints for a decade.",
        ],
        "of ignoring the fishermen's complaints",
        "Pell Arkin",
        StatementKind.INDIRECT,
        "accused",
        "Pell Arkin",
        id="accused-of",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Pell Arkin also called for the owners of the old mill to be held to account, saying the river"
            " had been poisoned.",
        ],
        "the owners of the old mill to be held to account",
        "Pell Arkin",
        StatementKind.INDIRECT,
        "called for",
        "Pell Arkin",
        id="called-for-a-clause",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Introducing the draft in the main hall, Veldoria's ambassador, Ines Marrow, said 40 harbour"
            " towns had signed the charter.",
        ],
        "40 harbour towns had signed the charter",
        "Ines Marrow",
        StatementKind.INDIRECT,
        "said",
        "Ines Marrow",
        id="opening-participle-clause",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "Leading the delegation at the hearing, which was held in the old town hall, Minister in the"
            " Prime Minister's Office Karim Odell said the harbour had been rebuilt twice.",
        ],
        "the harbour had been rebuilt twice",
        "Karim Odell",
        StatementKind.INDIRECT,
        "said",
        "Karim Odell",
        id="opening-clause-and-a-title-with-its-tail",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "The harbour is being used as a dumping ground in at least three towns, the UN Special Rapporteur"
            " on the coast, Lena Voss, told the Council on Tuesday.",
        ],
        "The harbour is being used as a dumping ground",
        "Lena Voss",
        StatementKind.INDIRECT,
        "told",
        "Lena Voss",
        id="content-first-then-a-titled-name",
    ),
    pytest.param(
        [
            "Harbour talks resume",
            "At a press briefing in the port, the board's chair, Ana Lucía Ferreyra, said the nets had been"
            " cut in four villages.",
        ],
        "the nets had been cut in four villages",
        "Ana Lucía Ferreyra",
        StatementKind.INDIRECT,
        "said",
        "Ana Lucía Ferreyra",
        id="a-title-and-a-name-the-tagger-missed",
    ),
]


@pytest.mark.parametrize(("paras", "contains", "speaker", "kind", "cue", "mention"), CASES)
def test_statement_table(
    attributor: Attributor,
    paras: list[str],
    contains: str,
    speaker: str,
    kind: StatementKind,
    cue: str,
    mention: str,
) -> None:
    article = _article(*paras)
    statements = attributor.attribute(article)
    _spans_hold(article, statements)
    found = _find(statements, contains)
    assert found.speaker.name == speaker
    assert found.kind is kind
    assert found.cue is not None and found.cue.text == cue
    assert found.speaker_mention is not None and mention in found.speaker_mention.text
    assert not found.continuation


def test_content_excludes_quote_marks_and_source(attributor: Attributor) -> None:
    article = _article("Harbour talks resume", '"The nets are empty this year," Mara Quell said.')
    (statement,) = attributor.attribute(article)
    assert statement.content.text == "The nets are empty this year,"
    assert statement.speaker_mention is not None and statement.speaker_mention.text == "Mara Quell"


def test_quote_split_by_its_attribution_continues(attributor: Attributor) -> None:
    article = _article(
        "Harbour talks resume",
        '"We are ready to talk," Ilsa Brandt said. "Nobody in the valley should wait any longer."',
    )
    statements = attributor.attribute(article)
    first = _find(statements, "We are ready to talk")
    second = _find(statements, "Nobody in the valley")
    assert first.speaker.name == second.speaker.name == "Ilsa Brandt"
    assert second.continuation and second.cue is None and second.kind is StatementKind.DIRECT


def test_quote_running_into_next_paragraph(attributor: Attributor) -> None:
    article = _article(
        "Harbour talks resume",
        '"The boats are old and the harbour is silting up," said Mara Quell, a director at the Lowfen Trust.',
        '"We need dredgers before the spring tides come in."',
    )
    statements = attributor.attribute(article)
    following = _find(statements, "We need dredgers")
    assert following.speaker.name == "Mara Quell" and following.continuation


def test_plain_continuation_between_statements(attributor: Attributor) -> None:
    article = _article(
        "Harbour talks resume",
        "According to Dara Olsk, the flood has ruined two hundred homes in the lower town. The situation is "
        "grave. Every family must be housed before the winter, Olsk said.",
    )
    statements = attributor.attribute(article)
    middle = _find(statements, "The situation is grave")
    assert middle.continuation and middle.cue is None and middle.speaker.name == "Dara Olsk"


def test_pronoun_goes_to_the_last_person_quoted(attributor: Attributor) -> None:
    article = _article(
        "Harbour talks resume",
        "Ann Corvo said the ferry would run again in March.",
        "She added that the fares would not rise this year.",
    )
    statements = attributor.attribute(article)
    added = _find(statements, "the fares would not rise")
    assert added.speaker.name == "Ann Corvo"
    assert added.speaker_mention is not None and added.speaker_mention.text == "She"


def test_surname_he_is_not_the_pronoun(attributor: Attributor) -> None:
    article = _article(
        "Survey published",
        "He Lanfeng, a professor at Northfield University, said the river survey was thorough.",
        "Tomas Verrin said the survey had come too late for the fishing season.",
        "In fact, the findings are clear enough to act on, He said.",
    )
    statements = attributor.attribute(article)
    last = _find(statements, "the findings are clear enough")
    assert last.speaker.name == "He Lanfeng"
    assert "Lanfeng" in _find(statements, "the river survey was thorough").speaker.name


def test_surname_joins_full_name_and_roles(attributor: Attributor) -> None:
    article = _article(
        "Trade talks",
        "Ulla Dorn, a member of the Harbour Council and Chinese Trade Minister, said the port would stay "
        "open.",
        "The talks will continue next week, Dorn said.",
    )
    statements = attributor.attribute(article)
    speaker = _find(statements, "The talks will continue").speaker
    assert speaker.name == "Ulla Dorn" and speaker.kind is SpeakerKind.PERSON
    assert any("member of the Harbour Council" in r for r in speaker.roles)
    assert any(r == "Chinese Trade Minister" for r in speaker.roles)
    assert speaker.country == "China"
    assert "Dorn" in speaker.aliases


def test_affiliation_and_country_from_a_place(attributor: Attributor) -> None:
    article = _article(
        "Survey published",
        '"The data are sound," said Pia Solberg, executive director of the Coastal Institute of Wuhan '
        "University.",
    )
    speaker = attributor.attribute(article)[0].speaker
    assert speaker.affiliation == "Coastal Institute of Wuhan University"
    assert speaker.country == "China"


def test_on_behalf_of(attributor: Attributor) -> None:
    article = _article(
        "Fund debate",
        "Speaking on behalf of the Group of Island States, Nerina Vale said the adaptation fund must grow.",
    )
    speaker = _find(attributor.attribute(article), "the adaptation fund must grow").speaker
    assert speaker.name == "Nerina Vale" and speaker.on_behalf_of == "Group of Island States"


def test_group_with_members(attributor: Attributor) -> None:
    article = _article(
        "Coast at risk",
        "The coast is at risk from rising water, climate experts said on Monday.",
        '"The sea is rising faster than the models said," said Pia Solberg, a researcher at Lowfen College.',
        "Rolf Amsel, director of the Tidewater Centre, said the dykes would need to be raised.",
    )
    statements = attributor.attribute(article)
    group = _find(statements, "The coast is at risk").speaker
    # a common noun is no proper name (issue 10): the group keeps it, capitalized
    assert group.kind is SpeakerKind.GROUP and group.name == "Climate experts"
    assert set(group.members) == {"Pia Solberg", "Rolf Amsel"}


def test_headline_attribution(attributor: Attributor) -> None:
    article = _article(
        "Rivers must stay open to every boat: Lowfen envoy Lemuel Tarr",
        "Rivers must stay open to every boat, Lowfen envoy Lemuel Tarr said on Friday.",
    )
    statements = attributor.attribute(article)
    headline = statements[0]
    assert headline.content.text == "Rivers must stay open to every boat"
    assert headline.speaker.name == "Lemuel Tarr"
    assert headline.cue is not None and headline.cue.text == ":"


def test_transcript_labels(attributor: Attributor) -> None:
    article = _article(
        "Interview", "HOST: Will the ferry run in March?", "CORVO: It will run on the first Monday."
    )
    statements = attributor.attribute(article)
    assert [s.speaker.name for s in statements] == ["HOST", "CORVO"]


def test_reporting_verbs_inside_quotes_are_not_cues(attributor: Attributor) -> None:
    article = _article("Harbour", '"They said the river would be clean by now," Mara Quell said.')
    statements = attributor.attribute(article)
    assert [s.speaker.name for s in statements] == ["Mara Quell"]


def test_no_statement_without_a_source(attributor: Attributor) -> None:
    article = _article("Harbour", "The ferry ran late on Monday. Three boats stayed in the harbour.")
    assert attributor.attribute(article) == ()


def test_attribute_many_keeps_order(attributor: Attributor) -> None:
    articles = [
        _article("One", "Ann Corvo said the ferry would run again in March."),
        _article("Two", "Nothing was said."),
        _article("Three", "Tomas Verrin said the harbour plan was unfair."),
    ]
    results = list(attributor.attribute_many(articles))
    assert [len(r) for r in results] == [1, 0, 1]
    assert results[2][0].speaker.name == "Tomas Verrin"


def test_stage_in_a_pipeline(attributor: Attributor) -> None:
    stage = AttributeStage(attributor)
    assert (stage.name, stage.requires, stage.assigns) == ("attribute", ("article",), ("statements",))
    Pipeline([stage], given=("raw", "article"))
    raw = RawDocument("invented.txt", b"", MediaType.TEXT)
    article = _article("One", "Ann Corvo said the ferry would run again in March.")
    done = stage(Work(raw, article=article))
    assert done.statements is not None and done.statements[0].speaker.name == "Ann Corvo"
    outcome = Pipeline([stage], given=("raw", "article")).run(Work(raw))
    assert outcome.failure is not None and outcome.failure.stage == "attribute"


# --- quotes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "yes" and left.', ["yes"]),
        ("She said “no, never” twice.", ["no, never"]),
        ("An old ''archive style'' quote.", ["archive style"]),
        ('A 12" pipe and "a real quote" here.', ["a real quote"]),
        ('"Open at the end of the paragraph\n\nnext', ["Open at the end of the paragraph"]),
    ],
)
def test_quotes(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


def test_paragraphs_trim_space() -> None:
    text = "Head\n\n  First para.  \n \nSecond"
    assert [text[s:e] for s, e in paragraphs(text)] == ["Head", "First para.", "Second"]


# --- UN Working Group reports -------------------------------------------------------------------------

REPORT = """Human Rights Council
Universal Periodic Review
Report of the Working Group on the Universal Periodic Review
1. The review of Freedonia was held at the 5th meeting, on 3 May 2031.
I. Summary of the proceedings of the review process
A. Presentation by the State under review
5. The delegation presented the national report on coastal villages.
B. Interactive dialogue and responses by the State under review
12. Chile welcomed the new fisheries law. It recommended that Freedonia
ratify the river convention.
13. The Republic of Korea noted the progress made on housing.
14. The delegation stated that a harbour commission had been set up.
II. Conclusions and/or recommendations
20. The recommendations below were examined.
"""


def test_wg_report_rule_path(attributor: Attributor) -> None:
    # the delegations are States of the country lexicon: only a State opens a statement (an unknown name,
    # "Sylvania", opens none; tests/test_attribution_unreports.py)
    assert is_wg_report(REPORT) and state_under_review(REPORT) == "Freedonia"
    statements = attributor.attribute(Article(text=REPORT, genre=Genre.UN_REPORT))
    _spans_hold(Article(text=REPORT, genre=Genre.UN_REPORT), statements)
    welcomed = _find(statements, "the new fisheries law")
    assert welcomed.speaker.name == "Chile" and welcomed.speaker.kind is SpeakerKind.STATE
    assert welcomed.cue is not None and welcomed.cue.text == "welcomed"
    it = _find(statements, "Freedonia\nratify the river convention")
    assert it.speaker.name == "Chile" and it.speaker_mention is not None and it.speaker_mention.text == "It"
    assert _find(statements, "the progress made on housing").speaker.name == "Republic of Korea"
    delegation = _find(statements, "a harbour commission had been set up")
    assert delegation.speaker.name == "Freedonia"
    assert _find(statements, "national report on coastal villages").speaker.name == "Freedonia"
    assert not [s for s in statements if "examined" in s.content.text]
    assert attribute_report(REPORT) == statements


def test_news_is_not_a_report() -> None:
    assert not is_wg_report("Ferry talks\n\nAnn Corvo said the Universal Periodic Review was next.")


# --- span invariants ------------------------------------------------------------------------------------

NAMES = ["Ann Corvo", "Tomas Verrin", "He Lanfeng", "Mara Quell", "Norway", "climate experts", "She", "he"]
CUES = ["said", "told reporters", "added", "stressed", "noted", "argued"]
WORDS = [
    "the",
    "harbour",
    "ferry",
    "will",
    "run",
    "again",
    "river",
    "is",
    "not",
    "clean",
    "fund",
    "must",
    "grow",
]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    clause = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=9)))
    name, cue = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES))
    shape = draw(st.integers(0, 5))
    return [
        f"{name} {cue} {clause}.",
        f"{clause.capitalize()}, {name} {cue}.",
        f'"{clause.capitalize()}," {name} {cue}.',
        f"According to {name}, {clause}.",
        f'{name} {cue} the {clause} was "{clause}".',
        f'"{clause.capitalize()}.',
    ][shape]


@st.composite
def texts(draw: st.DrawFn) -> str:
    paras = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3), min_size=1, max_size=4))
    joiner = draw(st.sampled_from(["\n\n", "\n \n", "\n\n\n"]))
    return "Invented headline: Ann Corvo" + joiner + joiner.join(" ".join(p) for p in paras)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts())
def test_spans_index_the_text(attributor: Attributor, text: str) -> None:
    article = Article(text=text)
    statements = attributor.attribute(article)
    _spans_hold(article, statements)
    for s in statements:
        assert s.content.text.strip(), "empty content"
        if s.continuation:
            assert s.cue is None and s.speaker_mention is None


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab \"“”«»'.\n,")), max_size=80))
def test_quotes_lie_inside_their_marks(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.outer_start < quote.start < quote.end <= quote.outer_end <= len(text)
        assert "\n\n" not in text[quote.start : quote.end].replace(" ", "")


def test_missing_model_falls_back_to_the_packaged_copy() -> None:
    from onrecord.attribution import nlp

    assert "parser" in nlp.load("no_such_spacy_model").pipe_names


@pytest.mark.parametrize(
    ("paragraph", "name", "role"),
    [
        (
            "Board member Tomasz Wrzesinski said some 900 complaints were waiting.",
            "Tomasz Wrzesinski",
            "Board member",
        ),
        (
            "Minister in the Prime Minister's Office Karim Odell said some 900 complaints were waiting.",
            "Karim Odell",
            None,  # the parse hangs the title apart from the name here: no role, but no "Office" in the name
        ),
        (
            "Veldoria's Deputy Minister for Fisheries, Efua Mensah-Arko, said some 900 complaints were"
            " waiting.",
            "Efua Mensah-Arko",
            "Deputy Minister for Fisheries",
        ),
    ],
)
def test_a_title_holder_is_a_person_with_the_whole_title(
    attributor: Attributor, paragraph: str, name: str, role: str | None
) -> None:
    """A name after a title is a person's, though the tagger took it for an organization; the title keeps
    its tail; "He" of the next paragraph is that person."""
    article = _article("Harbour talks resume", paragraph, "He said every complaint had to be heard.")
    statements = attributor.attribute(article)
    first = _find(statements, "some 900 complaints")
    assert first.speaker.name == name
    assert role is None or any(role in r for r in first.speaker.roles)
    if "Mensah" not in name:  # "He" for a man
        assert _find(statements, "every complaint had to be heard").speaker.name == name


@pytest.mark.parametrize(
    ("introduced", "country"),
    [
        ("Lea Marchetti, Geneva director of an invented rights group,", None),
        ("Lea Marchetti, the Washington correspondent of an invented weekly,", None),
        ("Lea Marchetti, a professor of law at the University of Nairobi,", "Kenya"),
        ("Lea Marchetti, a Kenyan lawyer,", "Kenya"),
    ],
)
def test_a_place_before_a_post_is_not_the_speakers_country(
    attributor: Attributor, introduced: str, country: str | None
) -> None:
    """ "Geneva director": where the post is, not whose national the speaker is."""
    article = _article("Harbour talks resume", f"{introduced} said the speech was one of the clearest.")
    assert _find(attributor.attribute(article), "the speech was").speaker.country == country


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Speakers at a side event on the margins of the harbour conference", "Speakers"),
        ("Participants at a round table in the old port", "Participants"),
        ("Members of the harbour committee", "Members of the harbour committee"),
    ],
)
def test_where_people_spoke_is_not_their_name(attributor: Attributor, source: str, name: str) -> None:
    article = _article("Harbour talks resume", f"{source} said on Thursday that the nets were empty again.")
    assert _find(attributor.attribute(article), "the nets were empty").speaker.name == name
