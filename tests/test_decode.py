"""Decoding: encodings told right, binary refused, mojibake mended without touching real characters.

Every sentence here is invented for these tests (Freedonia, Grand Fenwick and their envoys are fictional).
"""

from __future__ import annotations

import codecs
import random
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onrecord.errors import DecodeError, EmptyDocument
from onrecord.ingest import DecodeStage, decode, repair
from onrecord.models import Failure, MediaType, RawDocument
from onrecord.pipeline import Pipeline, Work

ENGLISH = (
    "The envoy of Freedonia said her delegation was “deeply troubled” by the report – and asked the "
    "Council to act. Grand Fenwick’s minister, Mr. Ó Duibhir, replied that “nothing had changed”."
)
FRENCH = (
    "La déléguée de la Freedonie a déclaré : « nous refusons ce texte », ajoutant qu’il était inacceptable."
)
CHINESE_SIMPLIFIED = "弗里多尼亚代表团表示，对芬威克大公国的局势深表关切，并敦促各方保持克制。"
CHINESE_TRADITIONAL = "弗里多尼亞代表團表示，對芬威克大公國的局勢深表關切，並敦促各方保持克制。"
RUSSIAN = "Делегация Фридонии заявила, что глубоко обеспокоена положением в Великом Фенвике."
ARABIC = "قال وفد فريدونيا إنه يشعر بقلق بالغ إزاء الوضع في دوقية فينويك الكبرى."


def text_doc(data: bytes, hint: str | None = None, media: MediaType = MediaType.TEXT) -> RawDocument:
    return RawDocument("test.txt", data, media, encoding_hint=hint)


@pytest.mark.parametrize(
    ("text", "encoding", "reported"),
    [
        (ENGLISH, "utf-8", "utf-8"),
        (ENGLISH + " " + CHINESE_SIMPLIFIED, "utf-8", "utf-8"),
        (ENGLISH, "cp1252", "cp1252"),
        (FRENCH, "cp1252", "cp1252"),
        ("Fenwick’s “plan”", "cp1252", "cp1252"),  # too short for statistics: told by its punctuation
        (CHINESE_SIMPLIFIED, "gb18030", "gb18030"),
        (CHINESE_SIMPLIFIED, "gbk", "gb18030"),  # GBK is a subset of GB18030
        (CHINESE_TRADITIONAL, "big5", "big5"),
        (RUSSIAN, "cp1251", "cp1251"),
        (ARABIC, "cp1256", "cp1256"),
    ],
)
def test_encodings_are_detected_and_text_comes_back_exactly(text: str, encoding: str, reported: str) -> None:
    decoded = decode(text_doc(text.encode(encoding)))
    assert decoded.text == text
    assert decoded.encoding == reported
    assert decoded.repaired is False


@pytest.mark.parametrize(
    ("bom", "codec", "reported"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
@pytest.mark.parametrize("text", [ENGLISH, CHINESE_SIMPLIFIED, RUSSIAN])
def test_byte_order_marks_are_followed_and_dropped(bom: bytes, codec: str, reported: str, text: str) -> None:
    decoded = decode(text_doc(bom + text.encode(codec)))
    assert decoded.text == text
    assert decoded.encoding == reported


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_told_by_its_nul_bytes(codec: str) -> None:
    decoded = decode(text_doc(ENGLISH.encode(codec)))
    assert decoded.text == ENGLISH
    assert decoded.encoding == codec


def test_a_meta_charset_is_followed_where_statistics_could_choose_wrong() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    decoded = decode(text_doc(html.encode("cp1251"), media=MediaType.HTML))
    assert decoded.text == html
    assert decoded.encoding == "cp1251"


def test_the_http_content_type_charset_is_followed() -> None:
    decoded = decode(text_doc("Ελεύθερη Φρειδονία".encode("iso8859-7"), hint="ISO-8859-7"))
    assert decoded.text == "Ελεύθερη Φρειδονία"
    assert decoded.encoding == "iso8859-7"


def test_a_page_labelled_latin1_is_read_as_windows_1252_as_browsers_do() -> None:
    html = "<meta charset=iso-8859-1><p>“Freedonia’s” reply</p>"
    decoded = decode(text_doc(html.encode("cp1252"), media=MediaType.HTML))
    assert decoded.text == html


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    html = f'<meta charset="windows-1252"><p>{CHINESE_SIMPLIFIED}</p>'
    assert decode(text_doc(html.encode("utf-8"), hint="windows-1252")).text == html


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "JPEG image"),
        (b"GIF89a" + bytes(50), "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04" + bytes(30), "ZIP archive"),
        (b"The envoy said\x00 nothing at all, twice over and at length.", "NUL byte at offset 14"),
        (b"".join(bytes([i % 8 + 1, 65]) for i in range(200)), "200 control characters"),
    ],
)
def test_binary_content_is_refused_with_what_it_is(data: bytes, named: str) -> None:
    with pytest.raises(DecodeError, match="binary content") as info:
        decode(text_doc(data))
    assert named in str(info.value)


def test_a_stray_control_character_does_not_make_a_text_binary() -> None:
    text = "The envoy\x07 of Freedonia spoke for ten minutes about the report and its findings."
    assert decode(text_doc(text.encode())).text == text


def test_bytes_no_encoding_reads_are_undecodable() -> None:
    noise = random.Random(7).randbytes(3000)
    noise = bytes(b | 0x80 for b in noise)  # all high bytes: no NULs, no control characters, no mark
    with pytest.raises(DecodeError, match=r"undecodable: the bytes are not UTF-8 \(byte 0x"):
        decode(text_doc(noise))


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "0 bytes"), (b" \r\n\t \n", "whitespace"), ("\u3000\n".encode(), "whitespace")],
)
def test_empty_documents_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(EmptyDocument, match=reason):
        decode(text_doc(data))


@pytest.mark.parametrize(
    ("damaged", "mended"),
    [
        ("The minister said they donâ€™t agree.", "The minister said they don’t agree."),
        ("Ms. SchÃ¤fer of Grand Fenwick", "Ms. Schäfer of Grand Fenwick"),
        ("â€œWe will not sign,â€\x9d said the envoy.", "“We will not sign,” said the envoy."),
        ("Freedonia\x92s envoy", "Freedonia’s envoy"),  # cp1252 punctuation read as Latin-1
        # Mac Roman read as Latin-1 (ftfy cannot undo this one):
        ("Sri LankaÕs delegation welcomed the report.", "Sri Lanka’s delegation welcomed the report."),
        (
            "FreedoniaÕs envoy said it was ÒunacceptableÓ Ð and left.",
            "Freedonia’s envoy said it was “unacceptable” – and left.",
        ),
        ("The 1990Ð1995 report wasnÕt read.", "The 1990–1995 report wasn’t read."),
    ],
)
def test_mojibake_is_mended(damaged: str, mended: str) -> None:
    assert repair(damaged) == mended
    decoded = decode(text_doc(damaged.encode("utf-8")))
    assert decoded.text == mended
    assert decoded.repaired is True


@pytest.mark.parametrize(
    "legitimate",
    [
        "“Curly” and ‘single’ quotes stay curly, and so do apostrophes: Freedonia’s.",
        "Ligatures ﬁ ﬂ and full-width ＦＲＥＥＤＯＮＩＡ and ① stay as written.",
        "Mr. Ó Duibhir met Ms. GÓMEZ-RUIZ of ESPAÑA and Mr. Tõnisson in Põltsamaa.",
        "LIÇÕES and JOÃO are Portuguese, not mojibake; neither is Ðorđe.",
        "Entities stay escaped: &amp; &lt;p&gt; &quot;.",
        "Dashes – and — and ellipses … stay.",
        "Arabic كلمة and Chinese 代表团 and Cyrillic слово stay.",
    ],
)
def test_legitimate_characters_are_untouched(legitimate: str) -> None:
    assert repair(legitimate) == legitimate
    decoded = decode(text_doc(legitimate.encode("utf-8")))
    assert decoded.text == legitimate
    assert decoded.repaired is False


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_endings_become_newlines(ending: str) -> None:
    data = ending.join(["First line.", "Second line.", ""]).encode()
    decoded = decode(text_doc(data))
    assert decoded.text == "First line.\nSecond line.\n"
    assert decoded.repaired is False


def test_records_decode_their_text_field_and_keep_the_file_encoding() -> None:
    raw = RawDocument(
        "table.csv#row=3",
        b"row bytes are not decoded again",
        MediaType.RECORD,
        MappingProxyType({"text": "The envoyÕs reply\r\ncame late.", "title": "A title"}),
        encoding_hint="cp1252",
    )
    decoded = decode(raw)
    assert decoded.text == "The envoy’s reply\ncame late."
    assert decoded.encoding == "cp1252"
    assert decoded.repaired is True


def test_a_record_without_text_is_empty() -> None:
    with pytest.raises(EmptyDocument, match="no text field"):
        decode(RawDocument("t.csv#row=1", b"x", MediaType.RECORD))


def test_decode_stage_fills_decoded_and_declares_it() -> None:
    stage = DecodeStage()
    assert (stage.name, stage.requires, stage.assigns) == ("decode", ("raw",), ("decoded",))
    outcome = Pipeline([stage]).run(Work(raw=text_doc(ENGLISH.encode("cp1252"))))
    assert outcome.failure is None
    assert outcome.work.decoded is not None and outcome.work.decoded.text == ENGLISH


def test_decode_stage_failures_name_the_stage_and_reason() -> None:
    outcome = Pipeline([DecodeStage()]).run(Work(raw=text_doc(b"%PDF-1.4 rest")))
    assert outcome.failure == Failure(
        "test.txt", "decode", "binary content (a PDF document; extract its text first)"
    )


_WORDS = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz ABCDEFG.,;:!?'\"-\n") + list("“”‘’–—…代表团局势关切敦促各方")
    ),
    max_size=300,
)


@settings(max_examples=60, deadline=None)
@given(text=_WORDS.filter(lambda t: t.strip() != ""))
@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-32"])
def test_text_round_trips_through_unicode_encodings(codec: str, text: str) -> None:
    assert decode(text_doc(text.encode(codec))).text == text


@settings(max_examples=60, deadline=None)
@given(extra=_WORDS)
@pytest.mark.parametrize(
    ("codec", "sentence"), [("gb18030", CHINESE_SIMPLIFIED), ("big5", CHINESE_TRADITIONAL)]
)
def test_chinese_text_round_trips_through_legacy_encodings(codec: str, sentence: str, extra: str) -> None:
    # Legacy encodings are told statistically, so the text must hold some Chinese: a two-byte string alone
    # is as much Big5 or Shift JIS as GB18030. Real documents hold far more than one sentence.
    text = sentence + extra
    if codec == "big5":  # the generated Chinese is in simplified characters, which Big5 does not have
        text = sentence + extra.translate(str.maketrans("团势关", "團勢關"))
    assert decode(text_doc(text.encode(codec))).text == text
