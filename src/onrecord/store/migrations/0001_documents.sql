-- Documents as received and as cleaned, and the documents that could not be processed.
CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    sha256           TEXT    NOT NULL UNIQUE,      -- of the raw bytes: the same document twice is one row
    source           TEXT    NOT NULL,             -- the path or URL as given to ingest
    media_type       TEXT    NOT NULL,             -- text | html | record
    raw              BLOB    NOT NULL,             -- the bytes exactly as received
    encoding         TEXT,                         -- as detected
    repaired         INTEGER NOT NULL DEFAULT 0,   -- 1 where mojibake was repaired
    fields           TEXT    NOT NULL DEFAULT '{}',-- JSON: metadata a table row or WARC header carried
    text             TEXT    NOT NULL,             -- the clean text every offset indexes
    title            TEXT,
    outlet           TEXT,
    byline           TEXT,
    published        TEXT,                         -- ISO 8601 date
    language         TEXT,
    url              TEXT,
    removed          TEXT    NOT NULL DEFAULT '[]',-- JSON: lines the cleaner dropped, with the rule
    pipeline_version TEXT    NOT NULL,
    ingested_at      TEXT    NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE failures (
    id         INTEGER PRIMARY KEY,
    source     TEXT    NOT NULL,
    stage      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    sha256     TEXT,
    first_seen TEXT    NOT NULL,
    last_seen  TEXT    NOT NULL,
    seen       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source, stage, reason)
);
