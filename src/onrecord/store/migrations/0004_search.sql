-- Full-text search over what was said and who said it (SQLite FTS5), kept in step by triggers.
CREATE VIRTUAL TABLE statements_fts USING fts5(content, speaker, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO statements_fts(rowid, content, speaker)
SELECT s.id, s.content, sp.name FROM statements s JOIN speakers sp ON sp.id = s.speaker_id;

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content, speaker)
    VALUES (new.id, new.content, (SELECT name FROM speakers WHERE id = new.speaker_id));
END;

CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    DELETE FROM statements_fts WHERE rowid = old.id;
END;
