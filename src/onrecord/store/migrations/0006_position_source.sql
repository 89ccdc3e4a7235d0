-- Which part of the positions step gave a statement its position: 'rule' (a phrasing of the taxonomy
-- matched; every position stored before this migration) or 'model' (the learned model).
ALTER TABLE statement_positions ADD COLUMN source TEXT NOT NULL DEFAULT 'rule'
    CHECK (source IN ('rule', 'model'));
