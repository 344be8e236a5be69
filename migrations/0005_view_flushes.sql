CREATE TABLE `view_flushes` (
	`id` text PRIMARY KEY NOT NULL,
	`flushed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `view_flushes_flushed_idx` ON `view_flushes` (`flushed_at`);