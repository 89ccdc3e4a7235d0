"""Documents in: the readers (files, folders, tables, web archives, standard input) and decoding.

iter_inputs(paths, max_bytes=...)  -> RawDocument | Failure | Skipped, lazily
count_items(paths)                 -> how many items that will be, where known without reading
decode(raw)                        -> DecodedText (encoding found, mojibake mended)
DecodeStage                        the pipeline stage around ``decode``
"""

from __future__ import annotations

from onrecord.ingest.decode import DecodeStage, decode
from onrecord.ingest.kinds import READABLE, Kind, kind_of
from onrecord.ingest.readers import STDIN, count_items, iter_inputs
from onrecord.ingest.repair import repair
from onrecord.ingest.tables import find_columns

__all__ = [
    "READABLE",
    "STDIN",
    "DecodeStage",
    "Kind",
    "count_items",
    "decode",
    "find_columns",
    "iter_inputs",
    "kind_of",
    "repair",
]
