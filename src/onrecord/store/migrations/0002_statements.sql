-- Speakers (stored once across documents), what each document says of them, and their statements.
CREATE TABLE speakers (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,   -- kind + folded canonical name: one speaker across documents
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    country      TEXT,
    affiliation  TEXT,
    roles        TEXT NOT NULL DEFAULT '[]'  -- JSON: every role any document gave
);

CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias      TEXT    NOT NULL,
    PRIMARY KEY (speaker_id, alias)
);

-- The speaker as one document describes them (roles change over time; the record keeps each account).
CREATE TABLE document_speakers (
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id   INTEGER NOT NULL REFERENCES speakers(id),
    roles        TEXT NOT NULL DEFAULT '[]',
    affiliation  TEXT,
    country      TEXT,
    on_behalf_of TEXT,
    members      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (document_id, speaker_id)
);

CREATE TABLE statements (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,          -- order within the document
    speaker_id    INTEGER NOT NULL REFERENCES speakers(id),
    kind          TEXT    NOT NULL,          -- direct | indirect | mixed
    continuation  INTEGER NOT NULL DEFAULT 0,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    content       TEXT    NOT NULL,
    cue_start     INTEGER,
    cue_end       INTEGER,
    cue           TEXT,
    mention_start INTEGER,
    mention_end   INTEGER,
    mention       TEXT,
    UNIQUE (document_id, seq)
);
CREATE INDEX statements_speaker ON statements(speaker_id);
