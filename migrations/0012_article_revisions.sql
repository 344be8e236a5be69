CREATE TABLE `article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`action` text NOT NULL,
	`snapshot` text NOT NULL,
	`changed` text DEFAULT '[]' NOT NULL,
	`actor_id` integer NOT NULL,
	`actor_name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_revisions_article_idx` ON `article_revisions` (`article_id`,`id`);--> statement-breakpoint
-- History starts here: every existing article gets its current state as its first revision.
INSERT INTO `article_revisions` (`article_id`, `action`, `snapshot`, `changed`, `actor_id`, `actor_name`, `created_at`)
SELECT `id`, 'create',
  json_object('title', `title`, 'slug', `slug`, 'lead', `lead`, 'body', `body`, 'author', `author`,
    'source', `source`, 'categoryId', `category_id`, 'status', `status`, 'publishedAt', `published_at`,
    'coverImage', `cover_image`, 'commentsEnabled', json(CASE WHEN `comments_enabled` THEN 'true' ELSE 'false' END)),
  '[]', 0, '', `updated_at`
FROM `articles`;
