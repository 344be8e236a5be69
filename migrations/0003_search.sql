-- Full-text search over articles (FTS5). Not expressible in the Drizzle schema, so written by
-- hand (drizzle-kit generate --custom). The unicode61 tokenizer folds case and every Vietnamese
-- tone and vowel mark; đ/Đ is a letter of its own to SQLite, so the text is stored with it
-- replaced by d/D (src/db/search.ts does the same on every write).
CREATE VIRTUAL TABLE `articles_fts` USING fts5(title, lead, body, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `articles_fts` (rowid, title, lead, body)
SELECT id,
  replace(replace(title, 'đ', 'd'), 'Đ', 'D'),
  replace(replace(lead, 'đ', 'd'), 'Đ', 'D'),
  replace(replace(body, 'đ', 'd'), 'Đ', 'D')
FROM `articles`;
