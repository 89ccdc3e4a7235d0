-- Events (shared by every statement made there), cited figures, topics and positions of statements.
CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    key                TEXT NOT NULL UNIQUE,  -- JSON of Event.key(): body, session, segment, kind, state, date
    body               TEXT,
    session            INTEGER,
    segment            TEXT,
    kind               TEXT,
    state_under_review TEXT,
    location           TEXT,
    remote             INTEGER,               -- 1 remote, 0 in person, NULL not said
    date               TEXT,                  -- ISO date the words were said
    date_source        TEXT                   -- explicit | relative | approximate | calendar | published
);
CREATE INDEX events_body_session ON events(body, session);

ALTER TABLE statements ADD COLUMN event_id INTEGER REFERENCES events(id);
ALTER TABLE statements ADD COLUMN date_published TEXT;
CREATE INDEX statements_event ON statements(event_id);

CREATE TABLE document_events (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES events(id),
    PRIMARY KEY (document_id, event_id)
);

CREATE TABLE figures (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    value        REAL    NOT NULL,
    qualifier    TEXT,
    counts       TEXT
);
CREATE INDEX figures_statement ON figures(statement_id);
CREATE INDEX figures_counts ON figures(counts);

CREATE TABLE statement_topics (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    score        REAL    NOT NULL,
    PRIMARY KEY (statement_id, label)
);
CREATE INDEX statement_topics_label ON statement_topics(label);

CREATE TABLE statement_positions (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    position     TEXT    NOT NULL,
    score        REAL    NOT NULL,
    start        INTEGER NOT NULL,      -- the evidence span in the document's clean text
    end          INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    PRIMARY KEY (statement_id, position)
);
CREATE INDEX statement_positions_position ON statement_positions(position);
