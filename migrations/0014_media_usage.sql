CREATE TABLE `media_usage` (
	`article_id` integer NOT NULL,
	`media_key` text NOT NULL,
	PRIMARY KEY(`article_id`, `media_key`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_usage_key_idx` ON `media_usage` (`media_key`);--> statement-breakpoint
ALTER TABLE `media` ADD `name_folded` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing file names, lower-cased (SQLite folds only ASCII; uploads from now on are folded as
-- searches fold, src/lib/slug.ts foldVietnamese).
UPDATE `media` SET `name_folded` = lower(`file_name`);
--> statement-breakpoint
-- What existing articles show: their cover, and every upload their body names.
INSERT OR IGNORE INTO `media_usage` (`article_id`, `media_key`)
SELECT a.`id`, m.`key` FROM `articles` a JOIN `media` m
  ON a.`cover_image` = '/media/' || m.`key` OR instr(a.`body`, '/media/' || m.`key`) > 0;
