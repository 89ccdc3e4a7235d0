"""The language of an article: py3langid on its text, the page's declared language where they agree.

Codes are ISO 639-1 ("en", "fr"); a declared ``en-US`` counts as ``en``. The shortest text worth
identifying and the families of languages that are easily confused are data (``[languages]`` in
``data/furniture.toml``).
"""

from __future__ import annotations

import re

from onrecord.clean.rules import rulebook

_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"[a-z]{2,3}")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when the text is too short to tell."""
    if len(_LETTER.findall(text)) < rulebook().languages.min_letters:
        return None
    import py3langid  # imported on first use: loading its model takes a noticeable moment

    code, _ = py3langid.classify(text)
    return str(code)


def primary_subtag(tag: str | None) -> str | None:
    """``"en"`` for ``"en-US"`` or ``"EN_gb"``; ``None`` for a missing or malformed tag."""
    if not tag:
        return None
    head = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return head if _CODE.fullmatch(head) else None


def choose_language(declared: str | None, text: str) -> str | None:
    """The declared language when the text agrees in family (or is too short to tell), else the detected."""
    declared_code = primary_subtag(declared)
    detected = detect_language(text)
    if detected is None:
        return declared_code
    if declared_code and rulebook().languages.same_family(declared_code, detected):
        return declared_code
    return detected
