CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`dry_run` integer NOT NULL,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_runs_finished_idx` ON `import_runs` (`finished_at`);