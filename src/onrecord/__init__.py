"""onrecord: the record of multilateral human-rights diplomacy.

Who said what, where, when, and which position they took: documents in, attributed statements out,
every field pointing back to its span in the source.
"""

from __future__ import annotations

import logging

from onrecord.errors import (
    ConfigError,
    ExtractionError,
    IngestError,
    ModelError,
    NotFound,
    OnrecordError,
    PipelineError,
    StageError,
    StoreError,
)
from onrecord.models import Article, Failure, RawDocument, Skipped, Span, Speaker, Statement
from onrecord.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "ExtractionError",
    "Failure",
    "IngestError",
    "ModelError",
    "NotFound",
    "OnrecordError",
    "PipelineError",
    "RawDocument",
    "Settings",
    "Skipped",
    "Span",
    "Speaker",
    "StageError",
    "Statement",
    "StoreError",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
