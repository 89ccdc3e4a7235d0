-- The genre of each document (news, meeting_coverage, meeting_summary, press_briefing, un_report, speech),
-- decided when it is cleaned. Documents stored before this migration are marked for `onrecord reanalyse`
-- by their pipeline version; until then they read as news.
ALTER TABLE documents ADD COLUMN genre TEXT NOT NULL DEFAULT 'news';
CREATE INDEX documents_genre ON documents(genre);
