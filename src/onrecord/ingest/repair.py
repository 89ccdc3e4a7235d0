"""Mojibake repair: text that was decoded with the wrong encoding somewhere upstream.

Two kinds are mended:

* UTF-8 read as Windows-1252 or Latin-1 ("donâ€™t" for "don’t"), by ftfy, configured to fix encodings
  and nothing else: quotes stay curly, no NFKC, ligatures and full-width forms stay as they are, HTML
  entities stay escaped (the HTML parser reads them), line breaks are left to the caller.
* Mac Roman read as Latin-1 ("Sri LankaÕs" for "Sri Lanka’s"), which ftfy does not undo (it only
  re-decodes as UTF-8). The typographic marks Mac Roman puts at 0xD0-0xD5 turn into "ÐÑÒÓÔÕ"; these
  are put back only where the text shows the pattern unmistakably (a letter-Õ-s apostrophe, or an
  Ò...Ó pair around words), and then only in positions where the letters could not be meant:
  "Ó Briain", "GÓMEZ", "ESPAÑA" and "Põlva" are left alone.
"""

from __future__ import annotations

import re

import ftfy

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def _as_mac_roman_read_as_latin1(mark: str) -> str:
    return mark.encode("mac_roman").decode("latin-1")


_RSQUO, _LSQUO = _as_mac_roman_read_as_latin1("’"), _as_mac_roman_read_as_latin1("‘")
_LDQUO, _RDQUO = _as_mac_roman_read_as_latin1("“"), _as_mac_roman_read_as_latin1("”")
_NDASH, _MDASH = _as_mac_roman_read_as_latin1("–"), _as_mac_roman_read_as_latin1("—")

# Evidence that the text went through Mac Roman -> Latin-1: an English contraction or possessive with Õ,
# or a pair of Ò ... Ó around a stretch of words on one line.
_EVIDENCE = re.compile(
    rf"[A-Za-z]{_RSQUO}(?:s|t|ll|re|ve|d|m)\b"
    rf"|(?:^|(?<=[\s(\[])){_LDQUO}[^\s{_LDQUO}{_RDQUO}][^{_LDQUO}{_RDQUO}\n]{{0,400}}?[^\s{_LDQUO}]{_RDQUO}",
)

# Where each mark is put back once the evidence is there; never between capitals, never alone between
# spaces where a name could stand ("Ó Briain").
_MAC_ROMAN_MARKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<=[A-Za-z]){_RSQUO}(?=[a-z]|[^\w]|$)"), "’"),
    (re.compile(rf"(?<=[a-z0-9.,;:!?]){_RSQUO}"), "’"),
    (re.compile(rf"(?:^|(?<=[\s(\[])){_LSQUO}(?=[A-Za-z0-9])"), "‘"),
    (re.compile(rf"(?:^|(?<=[\s(\[—–])){_LDQUO}(?=\S)"), "“"),
    (re.compile(rf"(?<=[a-z0-9.,;:!?’)]){_RDQUO}(?=[\s.,;:!?)\]—–]|$)"), "”"),
    (re.compile(rf"(?<=\d){_NDASH}(?=\d)|(?<= ){_NDASH}(?= )"), "–"),
    (re.compile(rf"(?<=[a-z]){_MDASH}(?=[a-z])|(?<= ){_MDASH}(?= )"), "—"),
)


def _mac_roman_marks(text: str) -> str:
    if not _EVIDENCE.search(text):
        return text
    for pattern, mark in _MAC_ROMAN_MARKS:
        text = pattern.sub(mark, text)
    return text


def repair(text: str) -> str:
    """``text`` with mojibake undone; text without mojibake comes back unchanged, character for character."""
    return _mac_roman_marks(ftfy.fix_text(text, _FTFY))
