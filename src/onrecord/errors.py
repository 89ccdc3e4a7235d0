"""One exception tree for onrecord.

    OnrecordError
    ├── ConfigError (ValueError)      a setting or an option has a value that cannot work
    ├── IngestError                   a document could not be read or decoded
    │   ├── UnsupportedInput          not a kind of document onrecord reads
    │   ├── DocumentTooLarge          over the ``max_document_bytes`` setting
    │   ├── EmptyDocument             no bytes, or no text once decoded
    │   └── DecodeError (ValueError)  bytes that are not text in any encoding we know
    ├── ExtractionError               text was read but no article could be made of it
    ├── StageError                    a pipeline stage failed; names the stage and the reason
    ├── PipelineError                 stages that do not fit together (found when the pipeline is built)
    ├── ModelError                    a model (spaCy, topic classifier) is missing or unusable
    └── StoreError                    the database cannot be opened, migrated or written
        └── NotFound (LookupError)    no record answers to the identifier given

Messages say what is wrong and, where it helps, what would be valid.
"""

from __future__ import annotations


class OnrecordError(Exception):
    """Base of every error onrecord raises on purpose."""


class ConfigError(OnrecordError, ValueError):
    """A setting or option has a value that cannot work."""


class IngestError(OnrecordError):
    """A document could not be read or decoded."""


class UnsupportedInput(IngestError):
    """Not a kind of document onrecord reads."""


class DocumentTooLarge(IngestError):
    """The document is over the size limit."""


class EmptyDocument(IngestError):
    """The document has no bytes, or no text once decoded."""


class DecodeError(IngestError, ValueError):
    """The bytes are not text in any encoding onrecord knows."""


class ExtractionError(OnrecordError):
    """Text was read but no article could be made of it."""


class PipelineError(OnrecordError):
    """The stages of a pipeline do not fit together."""


class StageError(OnrecordError):
    """A stage failed on one document."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


class ModelError(OnrecordError):
    """A model is missing or unusable."""


class StoreError(OnrecordError):
    """The database cannot be opened, migrated or written."""


class NotFound(StoreError, LookupError):
    """No record answers to the identifier given."""
