-- Re-indexes every article with the look-alikes of đ/Đ folded as đ/Đ are (Ð U+00D0, ð U+00F0,
-- Ɖ U+0189, ɖ U+0256 → d/D), as src/lib/slug.ts plainD does on every save: a lead typed with
-- "Ðồng Nai" is then found by "dong nai" and "Đồng Nai".
DELETE FROM `articles_fts`;
--> statement-breakpoint
INSERT INTO `articles_fts` (rowid, title, lead, body)
SELECT id,
  replace(replace(replace(replace(replace(replace(title, 'đ', 'd'), 'ð', 'd'), 'ɖ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'Ɖ', 'D'),
  replace(replace(replace(replace(replace(replace(lead, 'đ', 'd'), 'ð', 'd'), 'ɖ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'Ɖ', 'D'),
  replace(replace(replace(replace(replace(replace(body, 'đ', 'd'), 'ð', 'd'), 'ɖ', 'd'), 'Đ', 'D'), 'Ð', 'D'), 'Ɖ', 'D')
FROM `articles`;
