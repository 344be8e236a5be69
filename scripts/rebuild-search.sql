-- Rebuilds the search index from the articles table, e.g. after restoring a backup (FTS5
-- tables are not in exports). Same folding as migrations/0003_search.sql.
DELETE FROM articles_fts;
INSERT INTO articles_fts (rowid, title, lead, body)
SELECT id,
  replace(replace(title, 'đ', 'd'), 'Đ', 'D'),
  replace(replace(lead, 'đ', 'd'), 'Đ', 'D'),
  replace(replace(body, 'đ', 'd'), 'Đ', 'D')
FROM articles;
